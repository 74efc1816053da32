// Polls a report run until it ends: one request at a time, backing off to a cap, within one deadline that bounds
// everything inside the wait (a hanging poll, its retries, the sleeps), stopping at once on abort.
import type { ReportRun } from "@zuora-reports/types";
import { type FailedRunStatus, type RateLimitInfo, ReportRunFailedError, ReportRunTimeoutError } from "../errors.js";
import { isReportRunStatus } from "../status.js";
import { WAIT_DEFAULTS, type WaitOptions } from "../wait.js";
import { sleep } from "./retry.js";
import { checkMs } from "./validate.js";

const FAILED: readonly string[] = ["CANCELLED", "INVALID", "ERROR"] satisfies FailedRunStatus[];

/** Checks `options` before anything is sent; returns `[maxWaitMs, intervalMs, maxIntervalMs, first minute's cap]`. */
export function checkWaitOptions(options: WaitOptions): [number, number, number, number] {
  // The deprecated name counts only when the new one is not given.
  const name = options.maxWaitMs === undefined && options.timeoutMs !== undefined ? "timeoutMs" : "maxWaitMs";
  const intervalMs = checkMs(options.intervalMs ?? WAIT_DEFAULTS.intervalMs, "intervalMs");
  const maxIntervalMs = checkMs(
    options.maxIntervalMs ?? Math.max(WAIT_DEFAULTS.maxIntervalMs, intervalMs),
    "maxIntervalMs",
  );
  return [
    checkMs(options[name] ?? WAIT_DEFAULTS.maxWaitMs, name),
    intervalMs,
    maxIntervalMs,
    Math.min(maxIntervalMs, Math.max(WAIT_DEFAULTS.quickMaxIntervalMs, intervalMs)),
  ];
}

/**
 * The shortest gap before the next poll that spends at most `rateLimitShare` of the requests left in the window
 * nearest exhaustion before it resets (its numbers aged since they arrived): the whole time to the reset when
 * (almost) nothing is left, nothing when the window has reset or nothing is known.
 */
export function budgetGapMs(info: RateLimitInfo | undefined, now = Date.now()): number {
  const { remaining, resetSeconds, observedAt = now } = info ?? {};
  const left = resetSeconds === undefined || remaining === undefined ? 0 : resetSeconds * 1000 - (now - observedAt);
  return left > 0 ? left / Math.max(1, (remaining as number) * WAIT_DEFAULTS.rateLimitShare) : 0;
}

/**
 * Polls with `getRun` until the run is `COMPLETED` (resolves with it), fails (`ReportRunFailedError`) or the
 * deadline passes (`ReportRunTimeoutError`). `getRun` gets a signal that fires on the caller's abort and at the
 * deadline, so nothing it does can outlast the wait. A status the client does not know is not an end: it is told
 * once (`onUnknownStatus`) and the polls go on.
 */
export const waitForRun = (
  runId: string,
  getRun: (signal: AbortSignal) => Promise<ReportRun>,
  options?: WaitOptions,
): Promise<ReportRun> => pollRun(runId, getRun, options);

/** {@link waitForRun}, with the gaps kept within the budget of the rate limit `rateLimit` says (see budgetGapMs). */
export async function pollRun(
  runId: string,
  getRun: (signal: AbortSignal) => Promise<ReportRun>,
  options: WaitOptions = {},
  rateLimit?: () => RateLimitInfo | undefined,
): Promise<ReportRun> {
  const [maxWaitMs, intervalMs, maxIntervalMs, quickMaxIntervalMs] = checkWaitOptions(options);
  const started = Date.now();
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
      await sleep(Math.max(delay, budgetGapMs(rateLimit?.())), stop.signal);
      const cap = Date.now() - started < WAIT_DEFAULTS.quickPeriodMs ? quickMaxIntervalMs : maxIntervalMs;
      delay = Math.min(delay * WAIT_DEFAULTS.backoff, cap);
    }
  } catch (error) {
    // Whatever was cut short by the deadline (a poll, its retry, a sleep), the wait timed out.
    throw expired && !signal?.aborted ? new ReportRunTimeoutError(runId, maxWaitMs, last) : error;
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener("abort", abort);
  }
}
