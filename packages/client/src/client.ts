import type { ReportDataPage, ReportRow, ReportRun } from "@zuora-reports/types";
import { REPORT_TYPES } from "@zuora-reports/types";
import { ExportTooLargeError, InternalServerError, type RateLimitInfo } from "./errors.js";
import type { ReportExport } from "./export.js";
import { type Answer, type APIPromise, apiPromise } from "./internal/api-promise.js";
import { type Call, type Context, call, checkRequestOptions, errorOf, payload } from "./internal/call.js";
import { resolveClientConfig } from "./internal/config.js";
import { createExport, kindOf } from "./internal/export.js";
import { currentRateLimit } from "./internal/response-error.js";
import { iterateRows } from "./internal/rows.js";
import { readRun, SHAPES } from "./internal/shapes.js";
import { type SendOptions, send } from "./internal/transport.js";
import { checkAscii, checkId, checkNumber, fail } from "./internal/validate.js";
import { checkWaitOptions, pollRun } from "./internal/wait.js";
import type {
  ExportOptions,
  ReportDataOptions,
  ReportingClientOptions,
  RequestOptions,
  RunReportAndWaitOptions,
  RunReportOptions,
} from "./options.js";
import { createRawClient, type RawClient } from "./raw-client.js";
import type { ReportRowsOptions } from "./rows.js";
import { type ReportSearch, type SearchReportsOptions, searchReports } from "./search.js";
import type { WaitOptions } from "./wait.js";

/**
 * A client for Zuora's report-run endpoints. Every method rejects with a `ZuoraError` subclass on failure; every
 * method's promise also has `.withResponse()`, which resolves with `{ data, response, requestId, rateLimit }`.
 */
export interface ReportingClient {
  /** Starts a run of a saved report; returns its `reportRunId` at once (the run itself is asynchronous). */
  runReport(
    reportId: string,
    options: RunReportOptions,
    requestOptions?: RequestOptions,
  ): APIPromise<{ reportRunId: string }>;
  /** A report run, e.g. to check its status. */
  getReportRun(runId: string, options?: RequestOptions): APIPromise<ReportRun>;
  /** The latest completed run of a report by the current user within the last 60 days. */
  getLastCompletedReportRun(reportId: string, options?: RequestOptions): APIPromise<ReportRun>;
  /** One page of a completed run's rows. */
  getReportData(runId: string, page: ReportDataOptions, options?: RequestOptions): APIPromise<ReportDataPage>;
  /** Every row of a completed run, fetching one page at a time as you iterate (see {@link ReportRowsOptions}). */
  reportRows(runId: string, options?: ReportRowsOptions): AsyncIterable<ReportRow>;
  /**
   * The run's results as one file: CSV (Zuora sends UTF-16LE, tab-separated), or a spreadsheet for some pivoted
   * exports; see {@link ReportExport}. Resolves once the headers arrived; a JSON answer (`success: false`) rejects.
   * A 504 (Zuora's export fails for files over about 25 MB) is retried once, then is an `ExportTooLargeError`:
   * page through the rows with {@link reportRows} instead.
   */
  exportReportRun(runId: string, options?: ExportOptions, requestOptions?: RequestOptions): APIPromise<ReportExport>;
  /** Cancels a run that has not finished; resolves with Zuora's confirmation message. */
  cancelReportRun(runId: string, options?: RequestOptions): APIPromise<string>;
  /**
   * Polls a run until it is `COMPLETED` and resolves with it; rejects with `ReportRunFailedError` when it ends
   * `CANCELLED`, `INVALID` or `ERROR`, and `ReportRunTimeoutError` after `maxWaitMs`. The default schedule stays
   * within a share of the rate limit ({@link WaitOptions}); `.withResponse()` gives the last poll's answer.
   */
  waitForReportRun(runId: string, options?: WaitOptions): APIPromise<ReportRun>;
  /** {@link runReport}, then {@link waitForReportRun}: resolves with the completed run. */
  runReportAndWait(reportId: string, options: RunReportAndWaitOptions): APIPromise<ReportRun>;
  /**
   * Saved reports whose name matches `query` (words of 3 letters or more). Awaited: one page of at most 50,
   * `{ reports, count, nextStart? }`; iterated with `for await`: every match, page after page. See
   * {@link SearchReportsOptions}.
   */
  searchReports(query: string, options?: SearchReportsOptions): ReportSearch;
  /** The typed openapi-fetch client on the same base URL, auth, timeout and retries; it does not throw on 4xx/5xx. */
  readonly raw: RawClient;
  /**
   * The rate limit as of the latest answer that carried `RateLimit-*` headers (success or error; token requests
   * aside), undefined until one did. `observedAt` says how old it is.
   */
  readonly rateLimit: RateLimitInfo | undefined;
}

/** The methods that read: a run, its data, its rows, and the wait for it. */
function readMethods(context: Context) {
  const { raw } = context;
  // Not async: a bad argument throws here, and apiPromise (or the wait's await) turns it into a rejection.
  const getRun = (runId: string, options?: RequestOptions, answer?: Answer) => {
    const reportRunId = checkId(runId, "runId");
    return payload<ReportRun>(
      context,
      options,
      SHAPES.getReportRun,
      (init) => raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId } }, ...init }),
      answer,
      readRun,
    );
  };
  const getData = (runId: string, page: ReportDataOptions, options?: RequestOptions, answer?: Answer) => {
    const reportRunId = checkId(runId, "runId");
    const offset = checkNumber(page?.offset, "offset", 0);
    const pageSize = checkNumber(page?.pageSize, "pageSize", 1);
    return payload<ReportDataPage>(
      context,
      options,
      SHAPES.getReportData,
      (init) =>
        raw.GET("/reportruns/reportdata/{reportRunId}", {
          params: { path: { reportRunId }, query: { offset, pageSize } },
          ...init,
        }),
      answer,
    );
  };
  // Every poll leaves its answer in `answer`: the wait's is its last poll's. pollRun checks the options first.
  const wait = async (runId: string, waitOptions?: WaitOptions, answer?: Answer) =>
    pollRun(
      checkId(runId, "runId"),
      (signal) => getRun(runId, { signal }, answer),
      waitOptions,
      () => currentRateLimit(context.limits),
    );
  return {
    getReportRun: (runId: string, options?: RequestOptions) => apiPromise((answer) => getRun(runId, options, answer)),
    getReportData: (runId: string, page: ReportDataOptions, options?: RequestOptions) =>
      apiPromise((answer) => getData(runId, page, options, answer)),

    getLastCompletedReportRun: (reportId: string, options?: RequestOptions) =>
      apiPromise((answer) => {
        const id = checkId(reportId, "reportId");
        return payload<ReportRun>(
          context,
          options,
          SHAPES.getLastCompletedReportRun,
          (init) => raw.GET("/reports/{reportId}/reportruns/latest", { params: { path: { reportId: id } }, ...init }),
          answer,
          readRun,
        );
      }),

    reportRows(runId: string, rowsOptions: ReportRowsOptions = {}): AsyncIterable<ReportRow> {
      const id = checkId(runId, "runId");
      const requestOptions = checkRequestOptions(rowsOptions);
      return iterateRows((offset, pageSize) => getData(id, { offset, pageSize }, requestOptions), rowsOptions);
    },

    waitForReportRun: (runId: string, waitOptions?: WaitOptions) =>
      apiPromise((answer) => wait(runId, waitOptions, answer)),
    wait,
  };
}

/**
 * Starts a run of a saved report; see {@link ReportingClient.runReport}. Not async: a bad argument throws, which
 * apiPromise (or the caller's await) turns into a rejection.
 */
function runReport(
  context: Context,
  reportId: string,
  runOptions: RunReportOptions,
  requestOptions?: RequestOptions,
  answer?: Answer,
) {
  const id = checkId(reportId, "reportId");
  const {
    viewType,
    filters,
    idempotencyKey = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`,
  } = runOptions ?? {};
  if (!REPORT_TYPES.includes(viewType)) {
    fail(`viewType must be Detail or Summary, got ${JSON.stringify(viewType)}.`);
  }
  if (filters !== undefined && !Array.isArray(filters)) {
    fail("filters must be an array of filter groups.");
  }
  checkAscii(idempotencyKey, "idempotencyKey");
  return payload<{ reportRunId: string }>(
    context,
    requestOptions,
    SHAPES.runReport,
    (init) =>
      context.raw.POST("/reports/{reportId}/reportrun", {
        params: { path: { reportId: id }, query: { viewType }, header: { "Idempotency-Key": idempotencyKey } },
        // Zuora marks the body required, and its own callers always send one.
        body: filters ?? [],
        ...init,
      }),
    answer,
  );
}

/** The run's file; see {@link ReportingClient.exportReportRun}. */
async function exportReportRun(
  context: Context,
  runId: string,
  exportOptions?: ExportOptions,
  requestOptions?: RequestOptions,
  answer: Answer = {},
): Promise<ReportExport> {
  const reportRunId = checkId(runId, "runId");
  const { pivoted } = exportOptions ?? {};
  if (pivoted !== undefined && typeof pivoted !== "boolean") {
    fail("pivoted must be a boolean.");
  }
  const { signal, timeoutMs = context.transport.timeoutMs } = checkRequestOptions(requestOptions);
  // The file is streamed; a JSON, HTML or XML answer is read (within the timeout), for it is not the file.
  const stream = (response: Response) => kindOf(response.headers.get("Content-Type") ?? "") !== "document";
  // openapi-fetch leaves an undefined `pivoted` out of the query.
  const request: Call = (init) =>
    context.raw.GET("/reportruns/export/{reportRunId}", {
      params: { path: { reportRunId }, query: { pivoted } },
      ...init,
    });
  const open = async (resume?: SendOptions["resume"]) => {
    // Zuora's export fails with a 504 for files over about 25 MB: one retry, then say so.
    const sent = await call(context, request, { signal, timeoutMs, stream, resume, statusRetries: { 504: 1 } }).catch(
      (error: unknown) => {
        throw error instanceof InternalServerError && error.status === 504 ? tooLarge(error) : error;
      },
    );
    const { response, text } = sent;
    if (text !== undefined) {
      // Zuora's { success: false } envelope (or a gateway's page) with a 200.
      const type = response.headers.get("Content-Type");
      throw errorOf(context, response, text, `the export answered ${type} instead of a file`);
    }
    return sent;
  };
  const sent = await open();
  answer.response = sent.response;
  answer.at = sent.at;
  return createExport(sent, `GET ${sent.response.url}`, timeoutMs, signal, (failure, retries) =>
    open({ failure, retries }),
  );
}

/** The 504 of an export, as what it most likely means. */
const tooLarge = (error: InternalServerError) =>
  new ExportTooLargeError(
    `${error.message.slice(0, 200)}: the export is probably too large for Zuora's export (about 25 MB); page through the rows with Get Report Data (reportRows or getReportData) instead.`,
    { ...error, headers: error.headers, body: error.body, cause: error },
  );

/**
 * Creates a client for Zuora's report-run endpoints.
 *
 * @example
 * const client = createReportingClient({ environment: "us-sandbox", auth: { clientId, clientSecret } });
 * const run = await client.runReportAndWait(reportId, { viewType: "Detail" });
 * for await (const row of client.reportRows(run.id)) { … }
 */
export function createReportingClient(options: ReportingClientOptions): ReportingClient {
  const { baseUrl, headers, transport } = resolveClientConfig(options);
  const raw = createRawClient({
    baseUrl,
    headers,
    fetch: async (request) => (await send(transport, request)).response,
  });
  const context: Context = { raw, transport, limits: transport.limits ?? {} };
  const { wait, ...reads } = readMethods(context);
  return {
    raw,
    ...reads,
    get rateLimit() {
      return currentRateLimit(context.limits);
    },
    searchReports: (query, searchOptions) => searchReports(context, query, searchOptions),
    runReport: (reportId, runOptions, requestOptions) =>
      apiPromise((answer) => runReport(context, reportId, runOptions, requestOptions, answer)),
    exportReportRun: (runId, exportOptions, requestOptions) =>
      apiPromise((answer) => exportReportRun(context, runId, exportOptions, requestOptions, answer)),

    cancelReportRun: (runId, requestOptions) =>
      apiPromise((answer) => {
        const reportRunId = checkId(runId, "runId");
        return payload<string>(
          context,
          requestOptions,
          SHAPES.cancelReportRun,
          (init) => raw.DELETE("/reportruns/{reportRunId}", { params: { path: { reportRunId } }, ...init }),
          answer,
        );
      }),

    runReportAndWait: (reportId, runOptions) =>
      apiPromise(async (answer) => {
        const { viewType, filters, idempotencyKey, ...waitOptions } = runOptions ?? ({} as RunReportAndWaitOptions);
        checkWaitOptions(waitOptions);
        const { reportRunId } = await runReport(
          context,
          reportId,
          { viewType, filters, idempotencyKey },
          { signal: waitOptions.signal },
        );
        return wait(reportRunId, waitOptions, answer);
      }),
  };
}
