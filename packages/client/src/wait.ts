// How `waitForReportRun` polls (the loop is internal/wait.ts).
import type { ReportRun } from "@zuora-reports/types";

/** How {@link ReportingClient.waitForReportRun} polls. */
export interface WaitOptions {
  /** Stops the wait (and the poll in flight) at once; the wait rejects with `UserAbortError`. */
  signal?: AbortSignal;
  /**
   * The longest the wait may take, in ms (default 30 min), polls and their retries included; then it rejects with
   * `ReportRunTimeoutError` at once, even if a poll is still in flight. (Each poll's own `timeoutMs` is the client's.)
   */
  maxWaitMs?: number;
  /**
   * The former name of {@link WaitOptions.maxWaitMs}.
   * @deprecated Use `maxWaitMs` (it is easily mistaken for the per-request `timeoutMs`); it wins when both are given.
   */
  timeoutMs?: number;
  /** Delay before the second poll (default 1 s); the first poll is sent at once. */
  intervalMs?: number;
  /** Cap of the delay between polls (default 10 s); each delay is 1.5 × the previous one up to it. */
  maxIntervalMs?: number;
  /** Called with the run after every poll (also the last one), e.g. to show progress. */
  onStatus?: (run: ReportRun) => void;
  /**
   * Called once per status this client does not know (e.g. `ARCHIVED`, added by Zuora after this release), at the
   * first poll that sees it; the wait goes on, for only `COMPLETED`, `CANCELLED`, `INVALID` and `ERROR` end it.
   * The client itself writes nothing to the console: pass it to show a warning.
   */
  onUnknownStatus?: (run: ReportRun) => void;
}

/** The defaults of {@link WaitOptions}. */
export const WAIT_DEFAULTS = { maxWaitMs: 30 * 60_000, intervalMs: 1000, maxIntervalMs: 10_000, backoff: 1.5 } as const;
