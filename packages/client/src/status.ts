// Telling the statuses this client knows from those Zuora may add after its release.
import { REPORT_RUN_STATUSES, type ReportRunStatus } from "@zuora-reports/types";

/**
 * Whether `status` is one the spec lists. A run's `status` is typed `ReportRunStatus | (string & {})`, so that a
 * status Zuora adds tomorrow (`"ARCHIVED"`) still type-checks; inside `if (isReportRunStatus(run.status))` it is the
 * closed union again, and a `switch` over it narrows each case and can be checked for exhaustiveness.
 */
export const isReportRunStatus = (status: string): status is ReportRunStatus =>
  (REPORT_RUN_STATUSES as readonly string[]).includes(status);
