import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // CI sums these up (.ci/vitest-summary.mjs); turbo caches them with the task.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
