// The read-only walk through the report-run family: last completed run, run (only with `reportId`), poll to the
// end, first pages of data, export (and pivoted, for Summary). It steers by what came back, reading answers
// leniently; judging them is the checker's job. Each step is a function of the walk's state.
import type { RawClient, ReportType } from "@zuora-reports/client";
import { findBasePath } from "./base-path.js";
import { type Answer, type Calls, createCalls, describe, requireOk } from "./calls.js";
import { isRecord, payload, stringField, viewTypeOf } from "./lenient.js";
import { type PollOptions, pollToEnd, type WalkRun } from "./poll.js";
import type { Recorder } from "./recorder.js";
import { Stop, type WalkStop } from "./stop.js";

export type { WalkRun };

/** What to walk and how. */
export interface WalkOptions extends PollOptions {
  /** The report to run (or, with `last`, whose last completed run to use). */
  reportId?: string;
  /** A run to use instead of starting one. */
  runId?: string;
  /** With `reportId`: use its last completed run; start nothing. */
  last: boolean;
  /** The view type to run the report with; by default the last completed run's, else Detail. */
  view?: ReportType;
  pageSize: number;
  /** How many pages of data to read from offset 1. */
  pages: number;
  /** Called once a run was started, with its id. */
  onStarted?: (runId: string) => void;
}

/** Where the walk talks to: the base URL given, and a client on any base URL, recording through `recorder`. */
export interface WalkTarget {
  baseUrl: string;
  connect(baseUrl: string): RawClient;
  recorder: Recorder;
}

/** One page of report data read. */
export interface DataPage {
  offset: number;
  pageSize: number;
  exchange: number;
  rows?: unknown[];
  total?: number;
}

export interface WalkResult {
  /** The base URL the walk ended up using. */
  baseUrl: string;
  /** Indexes of recorded exchanges sent to a base URL the API does not answer on; left out of checks and fixtures. */
  misdirected: number[];
  /** Set when the API answered 404 at the base URL given but not at another one. */
  basePath?: { given: string; found: string };
  run?: WalkRun;
  /** The pages read from offset 1 on, and the one from offset 0. */
  dataPages: DataPage[];
  /** Exchange indexes of the exports, pivoted or not. */
  exports: { pivoted: boolean; exchange: number }[];
  /** Why the walk ended early, when it did. */
  stop?: WalkStop;
  /** The signal aborted the walk. */
  interrupted?: boolean;
}

interface Walk {
  target: WalkTarget;
  options: WalkOptions;
  result: WalkResult;
  calls: Calls;
}

/** Walks the family; never throws for what a server answers (see {@link WalkResult.stop}). */
export async function walk(target: WalkTarget, options: WalkOptions): Promise<WalkResult> {
  const result: WalkResult = { baseUrl: target.baseUrl, misdirected: [], dataPages: [], exports: [] };
  const state: Walk = { target, options, result, calls: createCalls(target.recorder, target.connect(target.baseUrl)) };
  try {
    const opening = await open(state);
    const { run, reportType } = await followRun(state, opening);
    await pollToEnd(state.calls, run, options, { first: options.reportId ? undefined : opening, reportType });
    requireCompleted(run);
    await readPages(state, run.id);
    await readExports(state, run);
  } catch (error) {
    if (options.signal?.aborted) {
      result.interrupted = true;
    } else if (error instanceof Stop) {
      result.stop = error.stop;
    } else {
      throw error;
    }
  }
  return result;
}

/** The first request, always a read; a 404 there may only mean a base URL without the API's base path. */
async function open({ target, options, result, calls }: Walk): Promise<Answer> {
  const { reportId, runId } = options;
  const read = () => (reportId ? calls.latest(reportId) : calls.getRun(runId as string));
  const opening = await read();
  if (opening.status !== 404) {
    return opening;
  }
  const found = await findBasePath(target.baseUrl, target.connect, target.recorder, calls, read);
  result.misdirected = found.misdirected;
  if (!found.answer || !found.baseUrl) {
    return opening;
  }
  result.basePath = { given: target.baseUrl, found: found.baseUrl };
  result.baseUrl = found.baseUrl;
  return found.answer;
}

/** The run to follow: the one given, the report's last completed run, or one it starts. */
async function followRun(state: Walk, opening: Answer): Promise<{ run: WalkRun; reportType?: ReportType }> {
  const { options, result } = state;
  if (options.reportId === undefined) {
    result.run = { id: options.runId as string, started: false, statuses: [] };
    return { run: result.run };
  }
  const lastRun = payload(opening.json);
  if (options.last) {
    requireOk(opening, describe.latest(options.reportId));
    const id = stringField(lastRun, "id");
    if (!id) {
      throw new Stop({ reason: "The last completed run has no readable id.", kind: "drift" });
    }
    result.run = { id, started: false, statuses: [] };
    return { run: result.run };
  }
  const reportType = opening.status === 200 ? viewTypeOf(stringField(lastRun, "reportType")) : undefined;
  const id = await startRun(state, options.reportId, options.view ?? reportType ?? "Detail");
  result.run = { id, started: true, statuses: [] };
  options.onStarted?.(id);
  return { run: result.run, ...(reportType ? { reportType } : {}) };
}

/** Runs the report: the walk's one write. */
async function startRun({ calls }: Walk, reportId: string, viewType: ReportType): Promise<string> {
  const started = await calls.runReport(reportId, viewType);
  requireOk(started, describe.runReport(reportId));
  const body = payload(started.json);
  const id = stringField(body, "reportRunId") ?? stringField(body, "id");
  if (!id) {
    throw new Stop({ reason: "The started run's reportRunId cannot be read.", kind: "drift" });
  }
  return id;
}

function requireCompleted(run: WalkRun): void {
  const final = run.statuses.at(-1);
  if (final !== "COMPLETED") {
    throw new Stop({
      reason: `Run ${run.id} ended ${final}: its data and export could not be checked.`,
      kind: "run-failed",
    });
  }
}

/** The first pages from offset 1 (Zuora's documented first page), then offset 0 to see what offset 1 skips. */
async function readPages(state: Walk, runId: string): Promise<void> {
  let offset = 1;
  for (let page = 0; page < state.options.pages; page++) {
    const read = await readPage(state, runId, offset);
    const rows = read.rows?.length ?? 0;
    if (rows === 0 || (read.total !== undefined && offset - 1 + rows >= read.total)) {
      break;
    }
    // Advance by the rows received (the safe reading of Zuora's docs).
    offset += rows;
  }
  await readPage(state, runId, 0);
}

async function readPage({ calls, options, result }: Walk, runId: string, offset: number): Promise<DataPage> {
  const answer = await calls.dataPage(runId, offset, options.pageSize);
  requireOk(answer, describe.dataPage(runId, offset));
  const body = payload(answer.json);
  const rows = isRecord(body) && Array.isArray(body.page) ? body.page : undefined;
  const total = isRecord(body) && typeof body.total === "number" ? body.total : undefined;
  const page: DataPage = { offset, pageSize: options.pageSize, exchange: answer.exchange, rows, total };
  result.dataPages.push(page);
  return page;
}

/** The export, and for a Summary report the pivoted one too. */
async function readExports({ calls, result }: Walk, run: WalkRun): Promise<void> {
  for (const pivoted of run.reportType === "Summary" ? [false, true] : [false]) {
    const answer = await calls.exportRun(run.id, pivoted);
    result.exports.push({ pivoted, exchange: answer.exchange });
    requireOk(answer, describe.exportRun(run.id, pivoted));
  }
}
