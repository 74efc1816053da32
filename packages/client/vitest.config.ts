import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@zuora-reports/mock/vitest"],
    include: ["test/**/*.test.ts"],
    // CI sums these up (.ci/vitest-summary.mjs); turbo caches them with the task.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // The type tests (test/*.test-d.ts) are checked by `pnpm lint` (tsc over test/), not here: vitest's typecheck
    // prints an "experimental feature" warning on every run.
  },
});
