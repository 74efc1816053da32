// Waiting on a run: progress line, --timeout, and a clean stop on Ctrl-C that says how to cancel the run.
import type { ReportRun } from "@zuora-reports/client";
import type { CommandContext } from "./context.js";
import { exitCodeFor, QuietExit, type StopSignal } from "./exit-codes.js";
import { unknownStatusNotice } from "./notices.js";
import { createProgress } from "./progress.js";
import { commandName, type Runtime } from "./runtime.js";

export interface WaitFlags {
  /** `--timeout`: the longest the whole wait may take (the client's `maxWaitMs`). */
  timeoutMs?: number;
  intervalMs?: number;
}

/** Waits for `runId` to complete; on Ctrl-C (or SIGTERM, SIGHUP) stops, prints the cancel command, exits 130 (143, 129). */
export async function waitWithProgress(context: CommandContext, runId: string, flags: WaitFlags): Promise<ReportRun> {
  const { runtime } = context;
  const progress = createProgress(runId, { ...runtime, json: context.json });
  context.progress.current = progress;
  const { signal, interrupted, stoppedBy, dispose } = interruptSignal(runtime);
  try {
    return await context.client.waitForReportRun(runId, {
      signal,
      ...(flags.timeoutMs === undefined ? {} : { maxWaitMs: flags.timeoutMs }),
      ...(flags.intervalMs === undefined ? {} : { intervalMs: flags.intervalMs, maxIntervalMs: flags.intervalMs }),
      onStatus: (run) => progress.update(run),
      onUnknownStatus: (run) => {
        const notice = unknownStatusNotice(run);
        runtime.stderr.write(`${notice}\n`);
        progress.note(notice);
      },
    });
  } catch (error) {
    if (interrupted()) {
      progress.stop();
      const message = `Stopped waiting. Report run ${runId} keeps running on Zuora; cancel it with: ${commandName(runtime.env)} cancel ${runId}`;
      throw stoppedExit(runtime, stoppedBy() ?? "SIGINT", message);
    }
    throw error;
  } finally {
    context.progress.current = undefined;
    progress.stop();
    dispose();
  }
}

/**
 * An AbortSignal fired by Ctrl-C, SIGTERM or SIGHUP; `stoppedBy` tells which. A second signal is left to the
 * process's fallback (cli.ts: temp files removed, immediate exit).
 */
export function interruptSignal(runtime: Runtime): {
  signal: AbortSignal;
  interrupted: () => boolean;
  stoppedBy: () => StopSignal | undefined;
  dispose: () => void;
} {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  let stopListening = (): void => {};
  stopListening = runtime.onInterrupt((name) => {
    stopListening();
    received = name;
    controller.abort();
  });
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    stoppedBy: () => received,
    dispose: () => stopListening(),
  };
}

/** After a stop signal: says `message` on stderr, and exits 130, 143 or 129 (with `--json`, an Interrupted error). */
export function stoppedExit(runtime: Runtime, signal: StopSignal, message: string): QuietExit {
  runtime.stderr.write(`${message}\n`);
  return new QuietExit(exitCodeFor(signal), { message, type: "Interrupted" });
}
