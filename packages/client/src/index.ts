// The public API. Everything else lives in ./internal/ and may change at any time.
export type * from "@zuora-reports/types";
export { ID_PATTERN, REPORT_RUN_STATUSES, REPORT_TYPES } from "@zuora-reports/types";
export {
  authHeaders,
  type ClientCredentialsAuth,
  type RawAuth,
  type ReportingAuth,
  type StaticAuth,
  type TokenAuth,
  type UsernamePasswordAuth,
} from "./auth.js";
export { createReportingClient, type ReportingClient } from "./client.js";
export {
  type Bom,
  type DecodedText,
  type DecodeTextOptions,
  declaredCharsetOf,
  decodeText,
  encodingOf,
  type TextEncoding,
} from "./decode.js";
export { type EnvironmentPreset, environments } from "./environments.js";
export { decodeErrorBody } from "./error-body.js";
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  ExportTooLargeError,
  type FailedRunStatus,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RateLimitInfo,
  type RateLimitWindow,
  ReportRunFailedError,
  ReportRunTimeoutError,
  RequestTimeoutError,
  TimeoutError,
  UserAbortError,
  ZuoraApiError,
  ZuoraError,
  type ZuoraErrorDetails,
} from "./errors.js";
export type { ExportKind, ReportExport } from "./export.js";
export type { APIPromise, WithResponse } from "./internal/api-promise.js";
export { waitForRun } from "./internal/wait.js";
export { parseZuoraNumber, type ZuoraNumberFormat } from "./numbers.js";
export type {
  ExportOptions,
  FetchOptions,
  Logger,
  LogLevel,
  ReportDataOptions,
  ReportingClientOptions,
  RequestOptions,
  RetryInfo,
  RunReportAndWaitOptions,
  RunReportOptions,
} from "./options.js";
export { createRawClient, type RawClient, type RawClientOptions } from "./raw-client.js";
export { redactSecrets } from "./redact.js";
export { type ReportRowsOptions, ROWS_DEFAULTS } from "./rows.js";
export {
  type ReportSearch,
  type ReportSearchResult,
  SEARCH_PAGE_SIZE,
  type SearchOrder,
  type SearchReportsOptions,
} from "./search.js";
export { isReportRunStatus } from "./status.js";
export { parseTimestamp } from "./timestamps.js";
export { isTrackId } from "./track-id.js";
export { WAIT_DEFAULTS, type WaitOptions } from "./wait.js";
