export type * from "@zuora-reports/types";
export { REPORT_RUN_STATUSES, REPORT_TYPES } from "@zuora-reports/types";
export type { ClientCredentialsAuth, ReportingAuth, TokenAuth, UsernamePasswordAuth } from "./auth.js";
export {
  createReportingClient,
  type ExportOptions,
  type ReportDataOptions,
  type ReportingClient,
  type ReportingClientOptions,
  type RequestOptions,
  type RunReportAndWaitOptions,
  type RunReportOptions,
} from "./client.js";
export { type EnvironmentPreset, environments } from "./environments.js";
export { decodeErrorBody } from "./error-body.js";
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  type FailedRunStatus,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RateLimitInfo,
  ReportRunFailedError,
  ReportRunTimeoutError,
  TimeoutError,
  ZuoraError,
  type ZuoraErrorDetails,
} from "./errors.js";
export type { ExportKind, ReportExport } from "./export.js";
export { authHeaders, createRawClient, type RawAuth, type RawClient, type RawClientOptions } from "./raw-client.js";
export { redactSecrets } from "./redact.js";
export { type ReportRowsOptions, ROWS_DEFAULTS } from "./rows.js";
export { parseTimestamp } from "./timestamps.js";
export type { RetryInfo } from "./transport.js";
export { isTrackId } from "./validate.js";
export { WAIT_DEFAULTS, type WaitOptions } from "./wait.js";
