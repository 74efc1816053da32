import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  platform: "node",
  // An app, not a library: nothing imports its types.
  dts: false,
  clean: true,
  // commander is bundled: as a CommonJS package imported from ESM, Node parses it a second time to find its exports,
  // which costs every call ~10 ms of start-up (bench: CLI start-up). Everything else stays a dependency.
  deps: { alwaysBundle: ["commander"] },
});
