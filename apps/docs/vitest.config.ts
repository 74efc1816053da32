import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The TypeScript samples live in spec/code_samples, outside this package: resolve the client they import
    // through this package's own dependency (the spec package must not depend on the client).
    alias: {
      "@zuora-reports/client": fileURLToPath(import.meta.resolve("@zuora-reports/client")),
    },
  },
  test: {
    globalSetup: ["@zuora-reports/mock/vitest"],
    include: ["test/**/*.test.ts"],
    // CI sums these up (.ci/vitest-summary.mjs); turbo caches them with the task.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
