import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@zuora-reports/mock/vitest"],
    include: ["test/**/*.test.ts"],
  },
});
