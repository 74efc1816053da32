import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  // ESM only, like @zuora-reports/conformance it builds on.
  format: ["esm"],
  platform: "node",
  dts: true,
  clean: true,
});
