import type { components, operations, paths } from "./generated/openapi.js";

export type { components, operations, paths };

import {
  ID_PATTERN,
  REPORT_RUN_STATUSES,
  REPORT_TYPES,
  RESPONSE_SHAPES,
  SERVERS,
  TOKEN_SERVERS,
} from "./generated/constants.js";

export { ID_PATTERN, REPORT_RUN_STATUSES, REPORT_TYPES, RESPONSE_SHAPES, SERVERS, TOKEN_SERVERS };

type Schemas = components["schemas"];

/**
 * One run of a report, as a reader tolerant of what Zuora may add sees it: `status` and `reportType` are one of the
 * spec's values (they still narrow and autocomplete) or any other string Zuora sends tomorrow, e.g. `"ARCHIVED"`.
 * The spec's own, closed shape is `components["schemas"]["ReportRun"]`.
 */
export type ReportRun = Omit<Schemas["ReportRun"], "status" | "reportType"> & {
  status: OpenEnum<ReportRunStatus>;
  reportType: OpenEnum<ReportType>;
};
/** `STARTED` | `QUERYDATA` | `PROCESSINGDATA` | `COMPLETED` | `CANCELLED` | `INVALID` | `ERROR`. */
export type ReportRunStatus = Schemas["ReportRunStatus"];
/** `Detail` | `Summary`. */
export type ReportType = Schemas["ReportType"];
/**
 * One of the known values `T`, or any other string: the known literals still narrow (`switch`, `===`) and
 * autocomplete, and a value Zuora adds later still type-checks.
 */
export type OpenEnum<T extends string> = T | (string & {});
/** Epoch milliseconds, or an ISO 8601-like string such as `2018-04-13T02:11:38.464+0000`. */
export type Timestamp = Schemas["Timestamp"];
/** One row of report data, keyed by `<DataSource>.<Field>`. */
export type ReportRow = Schemas["ReportRow"];
/** One page of report data. */
export type ReportDataPage = Schemas["ReportDataPage"];
/** A filter group that overrides a report's saved filters for one run. */
export type ReportFilterGroup = Schemas["ReportFilterGroup"];

/**
 * A saved report as Search by Report Name lists it: `id` and `name` always, the rest when Zuora sends them. Its
 * `type` is open like a run's `reportType`. The spec's closed shape is `components["schemas"]["ReportSummary"]`.
 */
export type ReportSummary = Omit<Schemas["ReportSummary"], "type"> & { type?: OpenEnum<ReportType> };
/** One page (at most 50) of the reports a search found, `{ reports, count }`. */
export type ReportSearchPage = Omit<Schemas["ReportSearchPage"], "reports"> & { reports: ReportSummary[] };

/** `{ success: true, response: ReportRun }`. */
export type ReportRunResponse = Schemas["ReportRunResponse"];
/** `{ success: true, response: { reportRunId } }`. */
export type RunReportResponse = Schemas["RunReportResponse"];
/** `{ success: true, response: ReportDataPage }`. */
export type ReportDataResponse = Schemas["ReportDataResponse"];
/** `{ success: true, response: { reports, count } }`. */
export type SearchReportsResponse = Schemas["SearchReportsResponse"];
/** `{ success: true, response: "<message>" }`. */
export type CancelReportRunResponse = Schemas["CancelReportRunResponse"];

/** Zuora's failure envelope; `response` is a JSON-encoded {@link ErrorDetail}. */
export type ErrorResponse = Schemas["ErrorResponse"];
/** The decoded `response` of an {@link ErrorResponse}. */
export type ErrorDetail = Schemas["ErrorDetail"];
/** The gateway's plain error body, `{ message, code? }`. */
export type MessageError = Schemas["MessageError"];

/** The client-credentials form of `POST /oauth/token`. */
export type TokenRequest = Schemas["TokenRequest"];
/** The answer of `POST /oauth/token`. */
export type TokenResponse = Schemas["TokenResponse"];

/** The environment preset names, one per server of the spec. */
export type Environment = (typeof SERVERS)[number]["environment"];
