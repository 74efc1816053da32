// The read-only walk through the report-run family: last completed run, run (only with --report), poll to the end,
// first pages of data, export (and pivoted, for Summary). It steers by what came back, reading answers leniently
// (lower-case statuses, no envelope) so that one drift does not hide the next; judging them is the checker's job.
import { setTimeout as sleep } from "node:timers/promises";
import {
  AuthenticationError,
  ConnectionError,
  PermissionDeniedError,
  RateLimitError,
  type RawClient,
  type ReportType,
  TimeoutError,
  ZuoraError,
} from "@zuora-reports/client";
import { ExitCode } from "../exit-codes.js";
import type { RecordedExchange, Recorder } from "./recorder.js";

export interface WalkOptions {
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
  timeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
  signal: AbortSignal;
  /** Called with each status a poll sees. */
  onStatus?: (runId: string, status: string) => void;
  /** Called once a run was started, with its id. */
  onStarted?: (runId: string) => void;
}

/** Where the walk talks to: the base URL given, and a client on any base URL, recording through `recorder`. */
export interface WalkTarget {
  baseUrl: string;
  connect(baseUrl: string): RawClient;
  recorder: Recorder;
}

/** Why the walk ended before its last step. */
export interface WalkStop {
  /** One line for people. */
  reason: string;
  exitCode: ExitCode;
}

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
  /** The run the walk followed. */
  run?: { id: string; started: boolean; reportType?: string; statuses: string[] };
  /** The pages read from offset 1 on, and the one from offset 0. */
  dataPages: DataPage[];
  /** Exchange indexes of the exports, pivoted or not. */
  exports: { pivoted: boolean; exchange: number }[];
  stop?: WalkStop;
}

const TERMINAL = new Set(["COMPLETED", "CANCELLED", "INVALID", "ERROR"]);

interface Answer {
  status: number;
  json: unknown;
  exchange: number;
}

/** A stop that ends the walk (not an error of verify itself). */
class Stop extends Error {
  constructor(readonly stop: WalkStop) {
    super(stop.reason);
  }
}

export async function walk(target: WalkTarget, options: WalkOptions): Promise<WalkResult> {
  const { recorder } = target;
  const result: WalkResult = { baseUrl: target.baseUrl, misdirected: [], dataPages: [], exports: [] };
  let raw = target.connect(target.baseUrl);

  /** Sends one request; its answer is the last exchange recorded (earlier ones: a token exchange, retries). */
  async function call(send: (client: RawClient) => Promise<unknown>, what: string): Promise<Answer> {
    const before = recorder.exchanges.length;
    try {
      await send(raw);
    } catch (error) {
      throw new Stop(stopFor(error, what));
    }
    const exchange = recorder.exchanges.length - 1;
    const recorded = recorder.exchanges[exchange];
    if (exchange < before || !recorded) {
      throw new Stop({ reason: `${what}: no answer was recorded.`, exitCode: ExitCode.ApiError });
    }
    return { status: recorded.status, json: parseJson(recorded), exchange };
  }

  const requireOk = (answer: Answer, what: string) => {
    if (answer.status < 200 || answer.status > 299) {
      throw new Stop(stopForStatus(answer, what));
    }
  };

  const json = { Accept: "application/json" };
  const latest = (reportId: string) =>
    call(
      (client) =>
        client.GET("/reports/{reportId}/reportruns/latest", {
          params: { path: { reportId } },
          headers: json,
          parseAs: "text",
        }),
      `Get Last Completed Report Run of ${reportId}`,
    );
  const getRun = (reportRunId: string) =>
    call(
      (client) =>
        client.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId } }, headers: json, parseAs: "text" }),
      `Get Report Run ${reportRunId}`,
    );

  try {
    // The first request is always a read; a 404 there may only mean a base URL without the API's base path.
    const first = async () => (options.reportId ? latest(options.reportId) : getRun(options.runId as string));
    let opening = await first();
    if (opening.status === 404) {
      const found = await findBasePath(
        target,
        result,
        () => first(),
        (client) => {
          raw = client;
        },
      );
      if (found) {
        opening = found;
      }
    }

    let runId = options.runId;
    let reportType: string | undefined;
    if (options.reportId) {
      const lastRun = payload(opening.json);
      if (options.last) {
        requireOk(opening, `Get Last Completed Report Run of ${options.reportId}`);
        runId = stringField(lastRun, "id");
        if (!runId) {
          throw new Stop({ reason: "The last completed run has no readable id.", exitCode: ExitCode.Drift });
        }
      } else {
        reportType = opening.status === 200 ? viewTypeOf(stringField(lastRun, "reportType")) : undefined;
        const viewType: ReportType = options.view ?? (reportType as ReportType | undefined) ?? "Detail";
        const reportId = options.reportId;
        const started = await call(
          (client) =>
            client.POST("/reports/{reportId}/reportrun", {
              params: {
                path: { reportId },
                query: { viewType },
                header: { "Idempotency-Key": globalThis.crypto.randomUUID() },
              },
              // Zuora's own callers always send a body: [] keeps the report's saved filters.
              body: [],
              headers: json,
              parseAs: "text",
            }),
          `Run a report ${reportId}`,
        );
        requireOk(started, `Run a report ${reportId}`);
        runId = stringField(payload(started.json), "reportRunId") ?? stringField(payload(started.json), "id");
        if (!runId) {
          throw new Stop({ reason: "The started run's reportRunId cannot be read.", exitCode: ExitCode.Drift });
        }
        result.run = { id: runId, started: true, statuses: [] };
        options.onStarted?.(runId);
      }
    }
    const id = runId as string;
    result.run ??= { id, started: false, statuses: [] };
    const run = result.run;

    // Poll to the end: the first answer may already be the one the opening request gave (`--run`).
    const deadline = Date.now() + options.timeoutMs;
    let delay = options.intervalMs;
    let answer = options.reportId ? undefined : opening;
    for (;;) {
      answer ??= await getRun(id);
      requireOk(answer, `Get Report Run ${id}`);
      const body = payload(answer.json);
      const status = stringField(body, "status")?.toUpperCase();
      if (status === undefined) {
        throw new Stop({ reason: `The status of run ${id} cannot be read.`, exitCode: ExitCode.Drift });
      }
      reportType = viewTypeOf(stringField(body, "reportType")) ?? reportType;
      if (run.statuses.at(-1) !== status) {
        run.statuses.push(status);
      }
      options.onStatus?.(id, status);
      if (TERMINAL.has(status)) {
        break;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Stop({
          reason: `Stopped waiting: run ${id} is still ${status} after ${Math.round(options.timeoutMs / 1000)} s.`,
          exitCode: ExitCode.Unavailable,
        });
      }
      await sleep(Math.min(delay, left), undefined, { signal: options.signal });
      delay = Math.min(delay * 1.5, options.maxIntervalMs);
      answer = undefined;
    }
    if (reportType) {
      run.reportType = reportType;
    }
    const final = run.statuses.at(-1);
    if (final !== "COMPLETED") {
      throw new Stop({
        reason: `Run ${id} ended ${final}: its data and export could not be checked.`,
        exitCode: ExitCode.RunFailed,
      });
    }

    // The first pages from offset 1 (Zuora's documented first page), then offset 0 to see what offset 1 skips.
    let offset = 1;
    for (let page = 0; page < options.pages; page++) {
      const read = await readPage(offset);
      if (
        !read.rows ||
        read.rows.length === 0 ||
        (read.total !== undefined && offset - 1 + read.rows.length >= read.total)
      ) {
        break;
      }
      // Advance by the rows received (the safe reading of Zuora's docs).
      offset += read.rows.length;
    }
    await readPage(0);

    await exportRun(false);
    if (run.reportType === "Summary") {
      await exportRun(true);
    }
  } catch (error) {
    if (error instanceof Stop) {
      result.stop = error.stop;
    } else {
      throw error;
    }
  }
  return result;

  async function readPage(offset: number): Promise<DataPage> {
    const reportRunId = result.run?.id as string;
    const answer = await call(
      (client) =>
        client.GET("/reportruns/reportdata/{reportRunId}", {
          params: { path: { reportRunId }, query: { offset, pageSize: options.pageSize } },
          headers: json,
          parseAs: "text",
        }),
      `Get Report Data of ${reportRunId} (offset ${offset})`,
    );
    requireOk(answer, `Get Report Data of ${reportRunId} (offset ${offset})`);
    const body = payload(answer.json);
    const rows = isRecord(body) && Array.isArray(body.page) ? body.page : undefined;
    const total = isRecord(body) && typeof body.total === "number" ? body.total : undefined;
    const page: DataPage = { offset, pageSize: options.pageSize, exchange: answer.exchange, rows, total };
    result.dataPages.push(page);
    return page;
  }

  async function exportRun(pivoted: boolean): Promise<void> {
    const reportRunId = result.run?.id as string;
    const what = `Export Report Run ${reportRunId}${pivoted ? " (pivoted)" : ""}`;
    const answer = await call(
      (client) =>
        client.GET("/reportruns/export/{reportRunId}", {
          params: { path: { reportRunId }, query: pivoted ? { pivoted: true } : {} },
          parseAs: "text",
        }),
      what,
    );
    result.exports.push({ pivoted, exchange: answer.exchange });
    requireOk(answer, what);
  }
}

/**
 * After a 404 at the base URL given, tries the API's documented base paths on the same host with the same read.
 * When one answers, the walk goes on there and the exchanges sent elsewhere are set aside.
 */
async function findBasePath(
  target: WalkTarget,
  result: WalkResult,
  retry: () => Promise<Answer>,
  use: (client: RawClient) => void,
): Promise<Answer | undefined> {
  const given = new URL(target.baseUrl);
  const givenPath = given.pathname.replace(/\/+$/, "");
  const candidates = ["/reporting/api/rest/v1", "/api/rest/v1", ""].filter((path) => path !== givenPath);
  const start = target.recorder.exchanges.length;
  for (const path of candidates) {
    const baseUrl = `${given.origin}${path}`;
    use(target.connect(baseUrl));
    const mark = target.recorder.exchanges.length;
    const answer = await retry().catch(() => undefined);
    if (answer && answer.status !== 404) {
      // The 404s before this attempt were sent to the wrong place (token exchanges go to the host: they stay).
      result.misdirected = range(0, mark).filter((i) => target.recorder.exchanges[i]?.status === 404);
      result.basePath = { given: target.baseUrl, found: baseUrl };
      result.baseUrl = baseUrl;
      return answer;
    }
  }
  // Nowhere better: keep the base URL given, and count the other tries out.
  const tries = range(start, target.recorder.exchanges.length);
  use(target.connect(target.baseUrl));
  result.misdirected = tries;
  return undefined;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

function stopForStatus(answer: Answer, what: string): WalkStop {
  const { status } = answer;
  const exitCode =
    status === 401 || status === 403
      ? ExitCode.Auth
      : status === 429 || status >= 500
        ? ExitCode.Unavailable
        : ExitCode.ApiError;
  return { reason: `${what} answered ${status}${messageOf(answer.json)}.`, exitCode };
}

function stopFor(error: unknown, what: string): WalkStop {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return { reason: `${what}: ${message}`, exitCode: ExitCode.Auth };
  }
  if (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof RateLimitError ||
    (error instanceof ZuoraError && (error.status ?? 0) >= 500)
  ) {
    return { reason: `${what}: ${message}`, exitCode: ExitCode.Unavailable };
  }
  if (error instanceof ZuoraError) {
    return { reason: `${what}: ${message}`, exitCode: ExitCode.ApiError };
  }
  throw error;
}

/** A short quote of an error body's message, if it has one. */
function messageOf(json: unknown): string {
  const body = isRecord(json) ? json : {};
  let message = typeof body.message === "string" ? body.message : undefined;
  if (message === undefined && typeof body.response === "string") {
    try {
      const inner: unknown = JSON.parse(body.response);
      message = isRecord(inner) && typeof inner.message === "string" ? inner.message : body.response;
    } catch {
      message = body.response;
    }
  }
  return message ? `: ${message.slice(0, 200)}` : "";
}

function parseJson(recorded: RecordedExchange): unknown {
  try {
    return JSON.parse(recorded.text);
  } catch {
    return undefined;
  }
}

/** The object inside Zuora's `{ success, response }` envelope, or the body itself when it has none. */
export function payload(json: unknown): unknown {
  return isRecord(json) && isRecord(json.response) ? json.response : json;
}

function stringField(value: unknown, name: string): string | undefined {
  const field = isRecord(value) ? value[name] : undefined;
  return typeof field === "string" && field !== "" ? field : undefined;
}

/** `Detail`/`Summary` in whatever case the server wrote it. */
function viewTypeOf(text: string | undefined): ReportType | undefined {
  const lower = text?.toLowerCase();
  return lower === "detail" ? "Detail" : lower === "summary" ? "Summary" : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
