// Polls a report run until it ends: one request at a time, backing off to a cap, stopping at once on abort.
import type { ReportRun } from "@zuora-reports/types";
import { type FailedRunStatus, ReportRunFailedError, ReportRunTimeoutError, TimeoutError } from "./errors.js";
import { sleep } from "./retry.js";
import { checkMs } from "./validate.js";

/** How {@link ReportingClient.waitForReportRun} polls. */
export interface WaitOptions {
  /** Stops the wait (and the poll in flight) at once; the wait rejects with `AbortError`. */
  signal?: AbortSignal;
  /** Overall deadline for the run to complete (default 30 min); then `ReportRunTimeoutError`. */
  timeoutMs?: number;
  /** Delay before the second poll (default 1 s); the first poll is sent at once. */
  intervalMs?: number;
  /** Cap of the delay between polls (default 10 s); each delay is 1.5 × the previous one up to it. */
  maxIntervalMs?: number;
  /** Called with the run after every poll (also the last one), e.g. to show progress. */
  onStatus?: (run: ReportRun) => void;
}

/** The defaults of {@link WaitOptions}. */
export const WAIT_DEFAULTS = { timeoutMs: 30 * 60_000, intervalMs: 1000, maxIntervalMs: 10_000, backoff: 1.5 } as const;

const FAILED: readonly string[] = ["CANCELLED", "INVALID", "ERROR"] satisfies FailedRunStatus[];

/** Checks `options` before anything is sent. */
export function checkWaitOptions(
  options: WaitOptions,
): Required<Pick<WaitOptions, "timeoutMs" | "intervalMs" | "maxIntervalMs">> {
  const timeoutMs = checkMs(options.timeoutMs ?? WAIT_DEFAULTS.timeoutMs, "timeoutMs");
  const intervalMs = checkMs(options.intervalMs ?? WAIT_DEFAULTS.intervalMs, "intervalMs");
  const maxIntervalMs = checkMs(
    options.maxIntervalMs ?? Math.max(WAIT_DEFAULTS.maxIntervalMs, intervalMs),
    "maxIntervalMs",
  );
  return { timeoutMs, intervalMs, maxIntervalMs };
}

/**
 * Polls with `getRun` until the run is `COMPLETED` (resolves with it), fails (`ReportRunFailedError`) or the
 * deadline passes (`ReportRunTimeoutError`). `getRun` gets the signal and the time left for its request.
 */
export async function waitForRun(
  runId: string,
  getRun: (signal: AbortSignal | undefined, timeLeftMs: number) => Promise<ReportRun>,
  options: WaitOptions = {},
): Promise<ReportRun> {
  const { timeoutMs, intervalMs, maxIntervalMs } = checkWaitOptions(options);
  const deadline = Date.now() + timeoutMs;
  let delay = intervalMs;
  let last: ReportRun | undefined;
  for (;;) {
    try {
      last = await getRun(options.signal, Math.max(1, deadline - Date.now()));
    } catch (error) {
      // A poll cut short by the overall deadline is the wait timing out, not a failed request.
      if (error instanceof TimeoutError && Date.now() >= deadline) {
        throw new ReportRunTimeoutError(runId, timeoutMs, last);
      }
      throw error;
    }
    options.onStatus?.(last);
    if (last.status === "COMPLETED") {
      return last;
    }
    if (FAILED.includes(last.status)) {
      throw new ReportRunFailedError(last as ReportRun & { status: FailedRunStatus });
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ReportRunTimeoutError(runId, timeoutMs, last);
    }
    // Sleep no later than the deadline, then poll one last time.
    await sleep(Math.min(delay, left), options.signal);
    delay = Math.min(delay * WAIT_DEFAULTS.backoff, maxIntervalMs);
  }
}
