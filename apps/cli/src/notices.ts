// What the CLI says on stderr while a request waits before a retry, so a long wait never looks like a hang.
import { type ReportRun, type RetryInfo, TimeoutError } from "@zuora-reports/client";

/** Retry waits up to this long pass silently. */
const QUIET_RETRY_MS = 1000;

/** `rate limited, retrying in 60 s (1/2)`, for a retry wait longer than a second; undefined for a shorter one. */
export function retryNotice(info: RetryInfo): string | undefined {
  if (info.delayMs <= QUIET_RETRY_MS) {
    return undefined;
  }
  const cause =
    info.status === 429
      ? "rate limited"
      : info.status !== undefined
        ? `Zuora answered ${info.status}`
        : info.error instanceof TimeoutError
          ? "request timed out"
          : "connection failed";
  return `${cause}, retrying in ${Math.ceil(info.delayMs / 1000)} s (${info.retry}/${info.maxRetries})`;
}

/** Said once per status Zuora sends that the client does not know (it is not an end: the wait goes on). */
export const unknownStatusNotice = (run: ReportRun): string =>
  `report run ${run.id} is ${run.status}, a status this version does not know; still waiting`;
