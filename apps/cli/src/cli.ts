#!/usr/bin/env node
// The `zuora-reports` binary.
import packageJson from "../package.json" with { type: "json" };
import { runCli } from "./main.js";
import { processRuntime } from "./runtime.js";

// `zuora-reports data … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") {
    process.exit(0);
  }
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processRuntime(), packageJson.version);
