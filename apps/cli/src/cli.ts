#!/usr/bin/env node
// The `zuora-reports` binary. The memory setting of an export first (memory.ts), then everything else: a dynamic
// import, because the static imports of a bundle are all loaded before its first line runs.
import { downloadsExport, keepYoungGenerationSmall } from "./memory.js";

if (downloadsExport(process.argv.slice(2))) {
  keepYoungGenerationSmall();
}

await import("./process-main.js");
