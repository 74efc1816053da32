// The options of the client and of its methods.
import type { Environment, ReportFilterGroup, ReportType } from "@zuora-reports/types";
import type { ReportingAuth } from "./auth.js";
import type { ZuoraError } from "./errors.js";
import type { WaitOptions } from "./wait.js";

/** What {@link ReportingClientOptions.onRetry} is told before each retry. */
export interface RetryInfo {
  /** 1 for the first retry. */
  retry: number;
  /** How many retries the client makes at most (its `maxRetries`). */
  maxRetries: number;
  /** How long the client waits before it. */
  delayMs: number;
  method: string;
  url: string;
  /** The status that caused it, if Zuora answered. */
  status?: number;
  /** The error that caused it, if Zuora did not answer (or its answer stalled or broke off). */
  error?: ZuoraError;
}

/** How much the client logs: `debug` each request, answer and retry; `info` retries; `warn` (default) rate limits
 * hit and calls given up; `error` calls that failed on a server or connection error; `off` nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where the client's log lines go (`console` by default; pino, winston and the like fit). Lines never carry a secret. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * `RequestInit` options passed to every request (`cache`, `credentials`, `keepalive`, `priority`, or a Node
 * `dispatcher`…), minus what the client sets itself.
 */
export type FetchOptions = Omit<RequestInit, "method" | "headers" | "body" | "signal" | "window">;

/** Options every method takes. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait); it rejects with `UserAbortError`. */
  signal?: AbortSignal;
  /**
   * Timeout of each attempt, body included, in ms (default: the client's `timeoutMs`); then `RequestTimeoutError`. For an
   * export, it also bounds the wait for each chunk of the body, and the whole of `text()` or `rows()`.
   */
  timeoutMs?: number;
}

export interface CommonClientOptions {
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
  /** Passed to every request, as `fetch`'s second argument; see {@link FetchOptions}. */
  fetchOptions?: FetchOptions;
  /** Where log lines go (default: `console`); see {@link LogLevel}. */
  logger?: Logger;
  /** What is logged (default `warn`): `debug`, `info`, `warn`, `error` or `off`. */
  logLevel?: LogLevel;
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
