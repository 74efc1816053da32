// Polls the run to its end, reading each answer leniently: a lower-case status or a missing envelope is drift to
// report, not a reason to stop. The delays follow the client's WAIT_DEFAULTS (first delay, growth, cap, deadline).
//
// The client's `waitForReportRun` cannot be used here: it validates each answer's shape and throws on the first
// drift, so a walk could not go on to the data and export. The client's generic loop (`waitForRun(runId, getRun,
// options)` in packages/client/src/wait.ts) would do, given a lenient `getRun`: once the client exports it, this
// module shrinks to that `getRun`.
import { setTimeout as sleep } from "node:timers/promises";
import { WAIT_DEFAULTS } from "@zuora-reports/client";
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

const TERMINAL: ReadonlySet<string> = new Set(["COMPLETED", "CANCELLED", "INVALID", "ERROR"]);

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
  const maxWaitMs = options.maxWaitMs ?? WAIT_DEFAULTS.maxWaitMs;
  const deadline = Date.now() + maxWaitMs;
  let delay = options.intervalMs ?? WAIT_DEFAULTS.intervalMs;
  const maxIntervalMs = options.maxIntervalMs ?? Math.max(delay, WAIT_DEFAULTS.maxIntervalMs);
  let answer = known.first;
  let reportType = known.reportType;
  for (;;) {
    answer ??= await calls.getRun(run.id);
    const seen = readRun(answer, run.id);
    reportType = seen.reportType ?? reportType;
    if (run.statuses.at(-1) !== seen.status) {
      run.statuses.push(seen.status);
    }
    options.onStatus?.(run.id, seen.status);
    if (TERMINAL.has(seen.status)) {
      break;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const reason = `Stopped waiting: run ${run.id} is still ${seen.status} after ${Math.round(maxWaitMs / 1000)} s.`;
      throw new Stop({ reason, kind: "unreachable" });
    }
    await sleep(Math.min(delay, left), undefined, { signal: options.signal });
    delay = Math.min(delay * WAIT_DEFAULTS.backoff, maxIntervalMs);
    answer = undefined;
  }
  if (reportType) {
    run.reportType = reportType;
  }
}
