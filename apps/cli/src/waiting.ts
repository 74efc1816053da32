// Waiting on a run: progress line, --timeout, and a clean stop on Ctrl-C that says how to cancel the run.
import type { ReportRun } from "@zuora-reports/client";
import type { CommandContext } from "./context.js";
import { ExitCode, QuietExit } from "./exit-codes.js";
import { unknownStatusNotice } from "./notices.js";
import { createProgress } from "./progress.js";
import type { Runtime } from "./runtime.js";

export interface WaitFlags {
  /** `--timeout`: the longest the whole wait may take (the client's `maxWaitMs`). */
  timeoutMs?: number;
  intervalMs?: number;
}

/** Waits for `runId` to complete; on Ctrl-C stops, prints the cancel command, and exits 130. */
export async function waitWithProgress(context: CommandContext, runId: string, flags: WaitFlags): Promise<ReportRun> {
  const { runtime } = context;
  const progress = createProgress(runId, { ...runtime, json: context.json });
  context.progress.current = progress;
  const { signal, interrupted, dispose } = interruptSignal(runtime);
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
      const message = `Stopped waiting. Report run ${runId} keeps running on Zuora; cancel it with: zuora-reports cancel ${runId}`;
      runtime.stderr.write(`${message}\n`);
      throw new QuietExit(ExitCode.Interrupted, { message, type: "Interrupted" });
    }
    throw error;
  } finally {
    context.progress.current = undefined;
    progress.stop();
    dispose();
  }
}

/** An AbortSignal fired by Ctrl-C. A second Ctrl-C is left to Node's default (immediate exit). */
export function interruptSignal(runtime: Runtime): {
  signal: AbortSignal;
  interrupted: () => boolean;
  dispose: () => void;
} {
  const controller = new AbortController();
  let stopListening = (): void => {};
  stopListening = runtime.onInterrupt(() => {
    stopListening();
    controller.abort();
  });
  return { signal: controller.signal, interrupted: () => controller.signal.aborted, dispose: () => stopListening() };
}
