import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  platform: "node",
  // An app, not a library: nothing imports its types.
  dts: false,
  clean: true,
});
