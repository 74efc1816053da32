// How `waitForReportRun` polls (the loop is internal/wait.ts).
import type { ReportRun } from "@zuora-reports/types";

/**
 * How {@link ReportingClient.waitForReportRun} polls. The default schedule keeps a long wait cheap in Zuora's
 * per-tenant rate limits: the first poll at once, then 1 s, each gap 1.5 × the one before, at most 5 s apart during
 * the first minute, then backing off towards one poll a minute (60 s, as Zuora's Workflow polls). Each gap is also
 * at least what keeps the wait within a tenth of the requests left in the window nearest exhaustion
 * (`client.rateLimit`): time to its reset ÷ (remaining ÷ 10); with nothing left, the wait sleeps until the reset.
 * `intervalMs` and `maxIntervalMs` replace the first gap and the final cap.
 */
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
  /**
   * Cap of the delay between polls (default 60 s, or `intervalMs` if larger); each delay is 1.5 × the previous one up
   * to it. During the first minute the cap is 5 s (`intervalMs` when larger, never above this cap).
   */
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

/**
 * The defaults of {@link WaitOptions}, and the schedule's rule: gaps grow by `backoff` from `intervalMs`, capped at
 * `quickMaxIntervalMs` for the first `quickPeriodMs` and at `maxIntervalMs` after it, and never shorter than what
 * spends at most `rateLimitShare` of the requests left in the rate-limit window nearest exhaustion.
 */
export const WAIT_DEFAULTS = {
  maxWaitMs: 30 * 60_000,
  intervalMs: 1000,
  maxIntervalMs: 60_000,
  backoff: 1.5,
  quickPeriodMs: 60_000,
  quickMaxIntervalMs: 5000,
  rateLimitShare: 0.1,
} as const;
