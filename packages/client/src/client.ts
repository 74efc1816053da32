import type { ReportDataPage, ReportRow, ReportRun } from "@zuora-reports/types";
import { REPORT_TYPES } from "@zuora-reports/types";
import type { ReportExport } from "./export.js";
import { type Call, type Context, call, checkRequestOptions, errorOf, payload } from "./internal/call.js";
import { resolveClientConfig } from "./internal/config.js";
import { createExport, kindOf } from "./internal/export.js";
import { iterateRows } from "./internal/rows.js";
import { readRun, SHAPES } from "./internal/shapes.js";
import { type SendOptions, send } from "./internal/transport.js";
import { checkAscii, checkId, checkNumber, fail } from "./internal/validate.js";
import { checkWaitOptions, waitForRun } from "./internal/wait.js";
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

/** A client for Zuora's report-run endpoints. Every method rejects with a `ZuoraError` subclass on failure. */
export interface ReportingClient {
  /** Starts a run of a saved report; returns its `reportRunId` at once (the run itself is asynchronous). */
  runReport(
    reportId: string,
    options: RunReportOptions,
    requestOptions?: RequestOptions,
  ): Promise<{ reportRunId: string }>;
  /** A report run, e.g. to check its status. */
  getReportRun(runId: string, options?: RequestOptions): Promise<ReportRun>;
  /** The latest completed run of a report by the current user within the last 60 days. */
  getLastCompletedReportRun(reportId: string, options?: RequestOptions): Promise<ReportRun>;
  /** One page of a completed run's rows. */
  getReportData(runId: string, page: ReportDataOptions, options?: RequestOptions): Promise<ReportDataPage>;
  /** Every row of a completed run, fetching one page at a time as you iterate (see {@link ReportRowsOptions}). */
  reportRows(runId: string, options?: ReportRowsOptions): AsyncIterable<ReportRow>;
  /**
   * The run's results as one file: CSV (Zuora sends UTF-16LE, tab-separated), or a spreadsheet for some pivoted
   * exports; see {@link ReportExport}. Resolves once the headers arrived; a JSON answer (`success: false`) rejects.
   */
  exportReportRun(runId: string, options?: ExportOptions, requestOptions?: RequestOptions): Promise<ReportExport>;
  /** Cancels a run that has not finished; resolves with Zuora's confirmation message. */
  cancelReportRun(runId: string, options?: RequestOptions): Promise<string>;
  /**
   * Polls a run until it is `COMPLETED` and resolves with it; rejects with `ReportRunFailedError` when it ends
   * `CANCELLED`, `INVALID` or `ERROR`, and `ReportRunTimeoutError` after `maxWaitMs`. See {@link WaitOptions}.
   */
  waitForReportRun(runId: string, options?: WaitOptions): Promise<ReportRun>;
  /** {@link runReport}, then {@link waitForReportRun}: resolves with the completed run. */
  runReportAndWait(reportId: string, options: RunReportAndWaitOptions): Promise<ReportRun>;
  /**
   * Saved reports whose name matches `query` (words of 3 letters or more). Awaited: one page of at most 50,
   * `{ reports, count, nextStart? }`; iterated with `for await`: every match, page after page. See
   * {@link SearchReportsOptions}.
   */
  searchReports(query: string, options?: SearchReportsOptions): ReportSearch;
  /** The typed openapi-fetch client on the same base URL, auth, timeout and retries; it does not throw on 4xx/5xx. */
  readonly raw: RawClient;
}

/** The methods that read: a run, its data, its rows, and the wait for it. */
function readMethods(context: Context) {
  const { raw } = context;
  const getReportRun = async (runId: string, options?: RequestOptions) => {
    const reportRunId = checkId(runId, "runId");
    return readRun(
      await payload<ReportRun>(context, options, SHAPES.getReportRun, (init) =>
        raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId } }, ...init }),
      ),
    );
  };
  const getReportData = async (runId: string, page: ReportDataOptions, options?: RequestOptions) => {
    const reportRunId = checkId(runId, "runId");
    const offset = checkNumber(page?.offset, "offset", 0);
    const pageSize = checkNumber(page?.pageSize, "pageSize", 1);
    return payload<ReportDataPage>(context, options, SHAPES.getReportData, (init) =>
      raw.GET("/reportruns/reportdata/{reportRunId}", {
        params: { path: { reportRunId }, query: { offset, pageSize } },
        ...init,
      }),
    );
  };
  return {
    getReportRun,
    getReportData,

    async getLastCompletedReportRun(reportId: string, options?: RequestOptions) {
      const id = checkId(reportId, "reportId");
      return readRun(
        await payload<ReportRun>(context, options, SHAPES.getLastCompletedReportRun, (init) =>
          raw.GET("/reports/{reportId}/reportruns/latest", { params: { path: { reportId: id } }, ...init }),
        ),
      );
    },

    reportRows(runId: string, rowsOptions: ReportRowsOptions = {}): AsyncIterable<ReportRow> {
      const id = checkId(runId, "runId");
      const requestOptions = checkRequestOptions(rowsOptions);
      return iterateRows((offset, pageSize) => getReportData(id, { offset, pageSize }, requestOptions), rowsOptions);
    },

    // waitForRun checks the options before the first poll.
    waitForReportRun: async (runId: string, waitOptions?: WaitOptions) =>
      waitForRun(checkId(runId, "runId"), (signal) => getReportRun(runId, { signal }), waitOptions),
  };
}

/** Starts a run of a saved report; see {@link ReportingClient.runReport}. */
function runReport(context: Context, reportId: string, runOptions: RunReportOptions, requestOptions?: RequestOptions) {
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
  return payload<{ reportRunId: string }>(context, requestOptions, SHAPES.runReport, (init) =>
    context.raw.POST("/reports/{reportId}/reportrun", {
      params: { path: { reportId: id }, query: { viewType }, header: { "Idempotency-Key": idempotencyKey } },
      // Zuora marks the body required, and its own callers always send one.
      body: filters ?? [],
      ...init,
    }),
  );
}

/** The run's file; see {@link ReportingClient.exportReportRun}. */
async function exportReportRun(
  context: Context,
  runId: string,
  exportOptions?: ExportOptions,
  requestOptions?: RequestOptions,
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
    const sent = await call(context, request, { signal, timeoutMs, stream, resume });
    const { response, text } = sent;
    if (text !== undefined) {
      // Zuora's { success: false } envelope (or a gateway's page) with a 200.
      const type = response.headers.get("Content-Type");
      throw errorOf(context, response, text, `the export answered ${type} instead of a file`);
    }
    return sent;
  };
  const sent = await open();
  return createExport(sent, `GET ${sent.response.url}`, timeoutMs, signal, (failure, retries) =>
    open({ failure, retries }),
  );
}

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
  const context: Context = { raw, transport };
  const reads = readMethods(context);
  const start = async (reportId: string, runOptions: RunReportOptions, requestOptions?: RequestOptions) =>
    runReport(context, reportId, runOptions, requestOptions);
  return {
    raw,
    ...reads,
    runReport: start,
    searchReports: (query, searchOptions) => searchReports(context, query, searchOptions),
    exportReportRun: async (runId, exportOptions, requestOptions) =>
      exportReportRun(context, runId, exportOptions, requestOptions),

    async cancelReportRun(runId, requestOptions) {
      const reportRunId = checkId(runId, "runId");
      return payload<string>(context, requestOptions, SHAPES.cancelReportRun, (init) =>
        raw.DELETE("/reportruns/{reportRunId}", { params: { path: { reportRunId } }, ...init }),
      );
    },

    async runReportAndWait(reportId, runOptions) {
      const { viewType, filters, idempotencyKey, ...waitOptions } = runOptions ?? ({} as RunReportAndWaitOptions);
      checkWaitOptions(waitOptions);
      const { reportRunId } = await start(
        reportId,
        { viewType, filters, idempotencyKey },
        { signal: waitOptions.signal },
      );
      return reads.waitForReportRun(reportRunId, waitOptions);
    },
  };
}
