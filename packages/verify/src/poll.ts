// Polls the run to its end with the client's own loop (`waitForRun`: its first delay, growth, cap and deadline),
// reading each answer leniently: a lower-case status or a missing envelope is drift to report, not a reason to stop,
// and a status the spec does not list is polled on.
import {
  type ReportRun,
  ReportRunFailedError,
  ReportRunTimeoutError,
  WAIT_DEFAULTS,
  waitForRun,
} from "@zuora-reports/client";
import { type Answer, type Calls, describe, requireOk } from "./calls.js";
import { payload, stringField, viewTypeOf } from "./lenient.js";
import { Stop } from "./stop.js";

/** How the walk polls, in the client's {@link WaitOptions} vocabulary. */
export interface PollOptions {
  /** The longest the wait for the run may take (default `WAIT_DEFAULTS.maxWaitMs`, 30 min). */
  maxWaitMs?: number;
  /** Delay before the second poll (default 1 s), growing by `WAIT_DEFAULTS.backoff`. */
  intervalMs?: number;
  /** Cap of the delay (default 10 s, or `intervalMs` when larger). */
  maxIntervalMs?: number;
  /** Stops the walk at once. */
  signal?: AbortSignal;
  /** Called with each status a poll sees. */
  onStatus?: (runId: string, status: string) => void;
}

/** The run the walk followed. */
export interface WalkRun {
  id: string;
  /** Whether the walk started it. */
  started: boolean;
  reportType?: string;
  /** Each status seen, repeats folded. */
  statuses: string[];
}

/** The status (upper-cased) and report type an answer gives, leniently. */
function readRun(answer: Answer, runId: string): { status: string; reportType?: ReportTypeText } {
  requireOk(answer, describe.getRun(runId));
  const body = payload(answer.json);
  const status = stringField(body, "status")?.toUpperCase();
  if (status === undefined) {
    throw new Stop({ reason: `The status of run ${runId} cannot be read.`, kind: "drift" });
  }
  const reportType = viewTypeOf(stringField(body, "reportType"));
  return { status, ...(reportType ? { reportType } : {}) };
}

type ReportTypeText = NonNullable<ReturnType<typeof viewTypeOf>>;

/**
 * Polls `run` until it ends, recording each new status in `run.statuses`; the first answer may already be at hand
 * (`--run`: the opening request). Sets `run.reportType` once the run has ended.
 */
export async function pollToEnd(
  calls: Calls,
  run: WalkRun,
  options: PollOptions,
  known: { first?: Answer; reportType?: ReportTypeText },
): Promise<void> {
  const { maxWaitMs = WAIT_DEFAULTS.maxWaitMs, intervalMs, maxIntervalMs, signal } = options;
  let answer = known.first;
  let reportType = known.reportType;
  const getRun = async (): Promise<ReportRun> => {
    const current = answer ?? (await calls.getRun(run.id));
    answer = undefined;
    const seen = readRun(current, run.id);
    reportType = seen.reportType ?? reportType;
    if (run.statuses.at(-1) !== seen.status) {
      run.statuses.push(seen.status);
    }
    options.onStatus?.(run.id, seen.status);
    // The loop reads the id and the status only.
    return { id: run.id, status: seen.status } as ReportRun;
  };
  try {
    await waitForRun(run.id, getRun, { maxWaitMs, intervalMs, maxIntervalMs, signal });
  } catch (error) {
    if (error instanceof ReportRunTimeoutError) {
      const reason = `Stopped waiting: run ${run.id} is still ${error.run?.status} after ${Math.round(maxWaitMs / 1000)} s.`;
      throw new Stop({ reason, kind: "unreachable" });
    }
    // A run that ended CANCELLED, INVALID or ERROR has ended: the walk goes on to judge it.
    if (!(error instanceof ReportRunFailedError)) {
      throw error;
    }
  }
  if (reportType) {
    run.reportType = reportType;
  }
}
