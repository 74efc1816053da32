// The live "status, elapsed" line shown while waiting, on a terminal only.
import type { ReportRun } from "@zuora-reports/client";
import yoctoSpinner from "yocto-spinner";
import { formatDuration } from "./format/duration.js";
import type { OutputStream } from "./runtime.js";

export interface Progress {
  /** Records the latest status seen. */
  update(run: ReportRun): void;
  /** Shows `text` after the status until the next update (e.g. that a poll waits for a retry). */
  note(text: string): void;
  /** Removes the line (before the result or an error is printed). */
  stop(): void;
}

const silent: Progress = { update() {}, note() {}, stop() {} };

/**
 * A spinner on stderr with the run's status and the time spent waiting; a no-op unless both stdout and stderr are
 * terminals and `--json` is off (a pipe or a log file gets only the result).
 */
export function createProgress(
  runId: string,
  { stdout, stderr, json }: { stdout: OutputStream; stderr: OutputStream; json: boolean },
): Progress {
  if (json || !stdout.isTTY || !stderr.isTTY) {
    return silent;
  }
  const started = Date.now();
  let status = "checking…";
  let noted = "";
  const text = () =>
    `Waiting for report run ${runId}: ${status} (${formatDuration(Date.now() - started)})${noted && ` – ${noted}`}`;
  // Signals are ours to handle (Ctrl-C prints how to cancel the run); the spinner must not exit the process.
  const spinner = yoctoSpinner({ text: text(), stream: stderr as NodeJS.WriteStream, handleSignals: false }).start();
  // Elapsed time moves between polls too.
  const timer = setInterval(() => {
    spinner.text = text();
  }, 1000);
  timer.unref();
  return {
    update(run) {
      status = run.status;
      noted = "";
      spinner.text = text();
    },
    note(line) {
      noted = line;
      spinner.text = text();
    },
    stop() {
      clearInterval(timer);
      spinner.stop();
    },
  };
}
