// Polls a report run until it ends: one request at a time, backing off to a cap, within one deadline that bounds
// everything inside the wait (a hanging poll, its retries, the sleeps), stopping at once on abort.
import type { ReportRun } from "@zuora-reports/types";
import { type FailedRunStatus, ReportRunFailedError, ReportRunTimeoutError } from "../errors.js";
import { isReportRunStatus } from "../status.js";
import { WAIT_DEFAULTS, type WaitOptions } from "../wait.js";
import { sleep } from "./retry.js";
import { checkMs } from "./validate.js";

const FAILED: readonly string[] = ["CANCELLED", "INVALID", "ERROR"] satisfies FailedRunStatus[];

/** Checks `options` before anything is sent; returns `[maxWaitMs, intervalMs, maxIntervalMs]`. */
export function checkWaitOptions(options: WaitOptions): [number, number, number] {
  // The deprecated name counts only when the new one is not given.
  const name = options.maxWaitMs === undefined && options.timeoutMs !== undefined ? "timeoutMs" : "maxWaitMs";
  const intervalMs = checkMs(options.intervalMs ?? WAIT_DEFAULTS.intervalMs, "intervalMs");
  return [
    checkMs(options[name] ?? WAIT_DEFAULTS.maxWaitMs, name),
    intervalMs,
    checkMs(options.maxIntervalMs ?? Math.max(WAIT_DEFAULTS.maxIntervalMs, intervalMs), "maxIntervalMs"),
  ];
}

/**
 * Polls with `getRun` until the run is `COMPLETED` (resolves with it), fails (`ReportRunFailedError`) or the
 * deadline passes (`ReportRunTimeoutError`). `getRun` gets a signal that fires on the caller's abort and at the
 * deadline, so nothing it does can outlast the wait. A status the client does not know is not an end: it is told
 * once (`onUnknownStatus`) and the polls go on.
 */
export async function waitForRun(
  runId: string,
  getRun: (signal: AbortSignal) => Promise<ReportRun>,
  options: WaitOptions = {},
): Promise<ReportRun> {
  const [maxWaitMs, intervalMs, maxIntervalMs] = checkWaitOptions(options);
  const { signal } = options;
  const stop = new AbortController();
  const abort = () => stop.abort();
  signal?.addEventListener("abort", abort, { once: true });
  let expired = false;
  const deadline = setTimeout(() => {
    expired = true;
    abort();
  }, maxWaitMs);
  let delay = intervalMs;
  let last: ReportRun | undefined;
  const unknown: string[] = [];
  try {
    if (signal?.aborted) {
      abort();
    }
    for (;;) {
      last = await getRun(stop.signal);
      options.onStatus?.(last);
      if (last.status === "COMPLETED") {
        return last;
      }
      if (FAILED.includes(last.status)) {
        throw new ReportRunFailedError(last as ReportRun & { status: FailedRunStatus });
      }
      if (!(isReportRunStatus(last.status) || unknown.includes(last.status))) {
        unknown.push(last.status);
        options.onUnknownStatus?.(last);
      }
      await sleep(delay, stop.signal);
      delay = Math.min(delay * WAIT_DEFAULTS.backoff, maxIntervalMs);
    }
  } catch (error) {
    // Whatever was cut short by the deadline (a poll, its retry, a sleep), the wait timed out.
    throw expired && !signal?.aborted ? new ReportRunTimeoutError(runId, maxWaitMs, last) : error;
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener("abort", abort);
  }
}
