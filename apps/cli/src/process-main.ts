// The `zuora-reports` process: its exit hooks, signals and stdout errors around one run of the program (cli.ts
// imports it once the memory setting is made).
import packageJson from "../package.json" with { type: "json" };
import { exitCodeFor, STOP_SIGNALS } from "./exit-codes.js";
import { stdoutError } from "./local-io.js";
import { runCli } from "./main.js";
import { removeTempFilesSync } from "./output-file.js";
import { processRuntime } from "./runtime.js";

// Whatever ends the process, no `--output` temp file stays behind.
process.on("exit", removeTempFilesSync);

// `zuora-reports data … | head` closes stdout early: that is the reader's choice, not a failure. Any other write
// error on stdout (a full disk, an I/O error) is one line on stderr and exit 7, never a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") {
    process.exit(0);
  }
  const failure = stdoutError(error);
  process.stderr.write(`error: ${failure.message}\n`);
  process.exit(failure.exitCode);
});

// A command that can be stopped cleanly listens for these signals itself (runtime.onInterrupt). When nothing else
// listens (no such command, or a second press), stop at once, as Node's default would, with the shell's exit code.
for (const signal of STOP_SIGNALS) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) {
      process.exit(exitCodeFor(signal));
    }
  });
}

process.exitCode = await runCli(process.argv.slice(2), processRuntime(), packageJson.version);
