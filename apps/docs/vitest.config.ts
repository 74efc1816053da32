import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { suiteConfig } from "../../vitest.shared.mjs";

export default defineConfig(
  suiteConfig({
    mock: true,
    // The TypeScript samples live in spec/code_samples, outside this package: resolve the client they import
    // through this package's own dependency (the spec package must not depend on the client).
    alias: { "@zuora-reports/client": fileURLToPath(import.meta.resolve("@zuora-reports/client")) },
  }),
);
