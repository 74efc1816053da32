import type {
  Environment,
  ReportDataPage,
  ReportFilterGroup,
  ReportRow,
  ReportRun,
  ReportType,
} from "@zuora-reports/types";
import { REPORT_TYPES } from "@zuora-reports/types";
import { createAuth, isClientCredentials, type ReportingAuth } from "./auth.js";
import { environmentUrl, isLegacyHost } from "./environments.js";
import { errorFromResponse, parseJson } from "./error-body.js";
import { createExport, kindOf, type ReportExport } from "./export.js";
import { createRawClient, type RawClient } from "./raw-client.js";
import { iterateRows, type ReportRowsOptions } from "./rows.js";
import { DATA_PAGE, RUN, RUN_STARTED, type Shape, shapeProblem } from "./shapes.js";
import { type RetryInfo, type SendOptions, type Sent, send, type TransportConfig } from "./transport.js";
import { checkAscii, checkId, checkMs, checkNumber, checkTrackId, fail } from "./validate.js";
import { checkWaitOptions, type WaitOptions, waitForRun } from "./wait.js";

/** Options every method takes. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait); it rejects with `AbortError`. */
  signal?: AbortSignal;
  /**
   * Timeout of each attempt, body included, in ms (default: the client's `timeoutMs`); then `TimeoutError`. For an
   * export, it also bounds the wait for each chunk of the body, and the whole of `text()` or `rows()`.
   */
  timeoutMs?: number;
}

interface CommonClientOptions {
  /** How to authenticate; see {@link ReportingAuth}. */
  auth: ReportingAuth;
  /** Sent as `Zuora-Entity-Ids`: needed only when the credentials cover several entities. */
  entityId?: string;
  /** Sent as `Zuora-Track-Id` (≤ 64 US-ASCII characters, none of `:` `;` `"` `'`); Zuora echoes it back. */
  trackId?: string;
  /** The `fetch` to use (default: the global one); it is called with a `Request`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Timeout of each attempt, body included, in ms (default 60 000); see {@link RequestOptions.timeoutMs}. */
  timeoutMs?: number;
  /**
   * Retries of a failed GET or DELETE, or of a POST with an `Idempotency-Key`, on 408, 429, 5xx and connection
   * errors and timeouts (default 2).
   */
  maxRetries?: number;
  /** First retry delay in ms; it doubles per retry, minus up to 25 % jitter (default 500). */
  retryBaseDelayMs?: number;
  /** Cap of the retry backoff, in ms (default 8 000). */
  retryMaxDelayMs?: number;
  /** Cap of a delay the server asks for with `Retry-After` or `RateLimit-Reset`, in ms (default 60 000). */
  maxRetryAfterMs?: number;
  /** Called before each retry (and its wait), e.g. to say a rate limit makes the client wait a minute. */
  onRetry?: (info: RetryInfo) => void;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Where OAuth tokens come from (default: `/oauth/token` on the base URL's origin). */
  tokenUrl?: string;
}

/** Options of {@link createReportingClient}: `environment` or `baseUrl` (which wins) is required. */
export type ReportingClientOptions = CommonClientOptions &
  ({ environment: Environment; baseUrl?: string } | { baseUrl: string; environment?: Environment });

/** Options of {@link ReportingClient.runReport}. */
export interface RunReportOptions {
  /** `Detail` or `Summary`; it must match the report's definition. */
  viewType: ReportType;
  /** Filter groups that replace the report's saved filters for this run (none: `[]` is sent, the saved filters apply). */
  filters?: ReportFilterGroup[];
  /** Makes the run safe to retry; one is generated (and reused by retries) when omitted. */
  idempotencyKey?: string;
}

/** Options of {@link ReportingClient.getReportData}. */
export interface ReportDataOptions {
  /** Records to skip; Zuora's docs use 1 for the first page (to skip the header record). */
  offset: number;
  /** Records to return. */
  pageSize: number;
}

/** Options of {@link ReportingClient.exportReportRun}. */
export interface ExportOptions {
  /** Summary reports only: `true` groups rows and columns as Zuora's UI shows them. */
  pivoted?: boolean;
}

/** Options of {@link ReportingClient.runReportAndWait}. */
export type RunReportAndWaitOptions = RunReportOptions & WaitOptions;

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
  /** The typed openapi-fetch client on the same base URL, auth, timeout and retries; it does not throw on 4xx/5xx. */
  readonly raw: RawClient;
}

/** What every method passes to openapi-fetch besides its params. */
interface CallInit {
  headers: Record<string, string>;
  parseAs: "stream";
  signal: AbortSignal;
  fetch: (input: Request) => Promise<Response>;
}

/** What the openapi-fetch call of a method looks like. */
type Call = (init: CallInit) => Promise<unknown>;

function checkRequestOptions(options: RequestOptions | undefined): RequestOptions {
  const { signal, timeoutMs } = options ?? {};
  if (signal !== undefined && typeof signal?.addEventListener !== "function") {
    fail("signal must be an AbortSignal.");
  }
  return { signal, timeoutMs: timeoutMs === undefined ? undefined : checkMs(timeoutMs, "timeoutMs") };
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
  const { environment, auth, trackId, entityId, fetch, maxRetries = 2 } = options ?? fail("Pass an options object.");
  // createRawClient strips trailing slashes.
  const baseUrl = options.baseUrl ?? (environment ? environmentUrl(environment) : fail("Pass environment or baseUrl."));
  const origin =
    /^https?:\/\/[^/?#]+/i.exec(baseUrl)?.[0] ??
    fail(`baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}.`);
  // A legacy preset's origin is a legacy host too.
  if (isClientCredentials(auth) && isLegacyHost(origin)) {
    fail("OAuth does not work on legacy zconnect hosts: use auth { username, password } there.");
  }
  const zuoraHeaders: Record<string, string> = {};
  if (trackId !== undefined) {
    zuoraHeaders["Zuora-Track-Id"] = checkTrackId(trackId);
  }
  if (entityId !== undefined) {
    zuoraHeaders["Zuora-Entity-Ids"] = checkAscii(entityId, "entityId", 64);
  }
  if (typeof (fetch ?? globalThis.fetch) !== "function") {
    fail("fetch must be a function (this runtime has no global fetch).");
  }
  const ms = (value: number | undefined, name: string, fallback: number, min = 0) =>
    checkMs(value === undefined ? fallback : value, name, min);
  const transport: TransportConfig = {
    fetch: fetch ?? ((request) => globalThis.fetch(request)),
    timeoutMs: ms(options.timeoutMs, "timeoutMs", 60_000, 1),
    maxRetries: checkNumber(maxRetries, "maxRetries", 0, 10),
    baseDelayMs: ms(options.retryBaseDelayMs, "retryBaseDelayMs", 500),
    maxDelayMs: ms(options.retryMaxDelayMs, "retryMaxDelayMs", 8000),
    maxRetryAfterMs: ms(options.maxRetryAfterMs, "maxRetryAfterMs", 60_000),
    onRetry: options.onRetry,
  };
  let tokenUrl = "";
  try {
    tokenUrl = new URL(options.tokenUrl ?? "/oauth/token", origin).href;
  } catch {
    fail(`tokenUrl must be a URL, got ${JSON.stringify(options.tokenUrl)}.`);
  }
  transport.auth = createAuth(auth, tokenUrl, zuoraHeaders, (request, sendOptions) =>
    send({ ...transport, auth: undefined }, request, sendOptions),
  );

  const raw = createRawClient({
    baseUrl,
    headers: { ...options.headers, ...zuoraHeaders },
    fetch: async (request) => (await send(transport, request)).response,
  });

  const fromResponse = (response: Response, text: string, fallback: string) =>
    errorFromResponse(response, text, transport.auth?.secrets() ?? [], "", fallback);

  // One method's call: openapi-fetch gets this call's signal, so it builds the one Request the first attempt sends,
  // and leaves the body to the transport (`parseAs: "stream"`), which reads it within the attempt's timeout, or
  // leaves it to the caller to stream.
  async function call(request: Call, options: SendOptions, headers: Record<string, string> = {}): Promise<Sent> {
    const controller = new AbortController();
    let sent: Sent | undefined;
    await request({
      headers,
      parseAs: "stream",
      signal: controller.signal,
      fetch: async (input) => {
        sent = await send(transport, input, { ...options, controller, throwOnError: true });
        return sent.response;
      },
    });
    return sent as Sent;
  }

  // Zuora wraps every answer in { success, response }; some failures come back as 200 with success: false. The
  // payload must have the spec's shape.
  async function payload<T>(requestOptions: RequestOptions | undefined, shape: Shape, request: Call): Promise<T> {
    const { response, text = "" } = await call(request, checkRequestOptions(requestOptions), {
      Accept: "application/json",
    });
    const body = parseJson(text) as { success?: unknown; response?: unknown } | undefined;
    if (body?.success === false) {
      throw fromResponse(response, text, "Zuora answered success: false");
    }
    const problem =
      body?.response === undefined
        ? `not the expected JSON envelope { success, response }${text ? "" : " (empty body)"}`
        : shapeProblem(body.response, shape);
    if (problem) {
      throw fromResponse(response, "", `Zuora's answer is ${problem}.`);
    }
    return body?.response as T;
  }

  const getReportRun = async (runId: string, options?: RequestOptions) => {
    const reportRunId = checkId(runId, "runId");
    return payload<ReportRun>(options, RUN, (init) =>
      raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId } }, ...init }),
    );
  };

  const runReport = async (reportId: string, runOptions: RunReportOptions, requestOptions?: RequestOptions) => {
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
    return payload<{ reportRunId: string }>(requestOptions, RUN_STARTED, (init) =>
      raw.POST("/reports/{reportId}/reportrun", {
        params: { path: { reportId: id }, query: { viewType }, header: { "Idempotency-Key": idempotencyKey } },
        // Zuora marks the body required, and its own callers always send one.
        body: filters ?? [],
        ...init,
      }),
    );
  };

  // waitForRun checks the options before the first poll.
  const waitForReportRun = async (runId: string, waitOptions?: WaitOptions) =>
    waitForRun(checkId(runId, "runId"), (signal) => getReportRun(runId, { signal }), waitOptions);

  const getReportData = async (runId: string, page: ReportDataOptions, options?: RequestOptions) => {
    const reportRunId = checkId(runId, "runId");
    const offset = checkNumber(page?.offset, "offset", 0);
    const pageSize = checkNumber(page?.pageSize, "pageSize", 1);
    return payload<ReportDataPage>(options, DATA_PAGE, (init) =>
      raw.GET("/reportruns/reportdata/{reportRunId}", {
        params: { path: { reportRunId }, query: { offset, pageSize } },
        ...init,
      }),
    );
  };

  return {
    raw,
    getReportRun,
    runReport,
    getReportData,
    waitForReportRun,

    async getLastCompletedReportRun(reportId, options) {
      const id = checkId(reportId, "reportId");
      return payload<ReportRun>(options, RUN, (init) =>
        raw.GET("/reports/{reportId}/reportruns/latest", { params: { path: { reportId: id } }, ...init }),
      );
    },

    reportRows(runId, rowsOptions = {}) {
      const id = checkId(runId, "runId");
      const requestOptions = checkRequestOptions(rowsOptions);
      return iterateRows((offset, pageSize) => getReportData(id, { offset, pageSize }, requestOptions), rowsOptions);
    },

    async exportReportRun(runId, exportOptions, requestOptions) {
      const reportRunId = checkId(runId, "runId");
      const { pivoted } = exportOptions ?? {};
      if (pivoted !== undefined && typeof pivoted !== "boolean") {
        fail("pivoted must be a boolean.");
      }
      const { signal, timeoutMs = transport.timeoutMs } = checkRequestOptions(requestOptions);
      // The file is streamed; a JSON, HTML or XML answer is read (within the timeout), for it is not the file.
      const stream = (response: Response) => kindOf(response.headers.get("Content-Type") ?? "") !== "document";
      const open = async (resume?: SendOptions["resume"]) => {
        const sent = await call(
          (init) =>
            // openapi-fetch leaves an undefined `pivoted` out of the query.
            raw.GET("/reportruns/export/{reportRunId}", {
              params: { path: { reportRunId }, query: { pivoted } },
              ...init,
            }),
          { signal, timeoutMs, stream, resume },
        );
        const { response, text } = sent;
        if (text !== undefined) {
          // Zuora's { success: false } envelope (or a gateway's page) with a 200.
          const type = response.headers.get("Content-Type");
          throw fromResponse(response, text, `the export answered ${type} instead of a file`);
        }
        return sent;
      };
      const sent = await open();
      return createExport(sent, `GET ${sent.response.url}`, timeoutMs, signal, (failure, retries) =>
        open({ failure, retries }),
      );
    },

    async cancelReportRun(runId, options) {
      const reportRunId = checkId(runId, "runId");
      return payload<string>(options, "a non-empty string", (init) =>
        raw.DELETE("/reportruns/{reportRunId}", { params: { path: { reportRunId } }, ...init }),
      );
    },

    async runReportAndWait(reportId, options) {
      const { viewType, filters, idempotencyKey, ...waitOptions } = options ?? ({} as RunReportAndWaitOptions);
      checkWaitOptions(waitOptions);
      const { reportRunId } = await runReport(
        reportId,
        { viewType, filters, idempotencyKey },
        { signal: waitOptions.signal },
      );
      return waitForReportRun(reportRunId, waitOptions);
    },
  };
}
