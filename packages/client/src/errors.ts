import type { ReportRun, ReportRunStatus } from "@zuora-reports/types";

/** Zuora's rate-limit headers (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`), parsed. */
export interface RateLimitInfo {
  /** The quota of the window nearest exhaustion. */
  limit?: number;
  /** Requests left in that window. */
  remaining?: number;
  /** Seconds until the window resets. */
  resetSeconds?: number;
}

/** What a {@link ZuoraError} carries besides its message. */
export interface ZuoraErrorDetails {
  status?: number;
  errorCode?: string;
  errorId?: string;
  requestId?: string;
  trackId?: string;
  rateLimit?: RateLimitInfo;
  retryAfterSeconds?: number;
  /** The response body, secrets hidden, cut to {@link MAX_BODY} characters. */
  body?: string;
  cause?: unknown;
}

/** The longest message an error has (a server's 20 MB message must not become a 20 MB `error.message`). */
export const MAX_MESSAGE = 500;
/** The longest {@link ZuoraError.body}. */
export const MAX_BODY = 8192;

const FIELDS = [
  "status",
  "errorCode",
  "errorId",
  "requestId",
  "trackId",
  "rateLimit",
  "retryAfterSeconds",
  "body",
] as const;

/** `text`, or its first `max - 1` characters and an ellipsis. */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The base class of every error this client throws. Messages never contain a token, a client secret or a password,
 * and are at most 500 characters long.
 */
export class ZuoraError extends Error {
  /** The HTTP status, when Zuora answered. */
  declare readonly status?: number;
  /** Zuora's error code, such as `ZAN-USAGE-REST-ERROR`, `loginFailed` or `REQUEST_EXCEEDED_LIMIT`. */
  declare readonly errorCode?: string;
  /** Zuora's id for this occurrence of the error, to quote to Zuora support. */
  declare readonly errorId?: string;
  /** The `Zuora-Request-Id` response header. */
  declare readonly requestId?: string;
  /** The `Zuora-Track-Id` response header (your own correlation id, echoed back). */
  declare readonly trackId?: string;
  /** The `RateLimit-*` response headers. */
  declare readonly rateLimit?: RateLimitInfo;
  /** The `Retry-After` response header, in seconds. */
  declare readonly retryAfterSeconds?: number;
  /**
   * The body of the failed response (up to 8 192 characters, secrets hidden), when the message does not say it all;
   * not enumerable, so logging the error does not print it.
   */
  declare readonly body?: string;

  constructor(message: string, details: ZuoraErrorDetails = {}) {
    // Error reads `cause` from its options: `details` carries it, if anything.
    super(clip(message, MAX_MESSAGE), details);
    Object.defineProperty(this, "name", { value: new.target.name });
    for (const key of FIELDS) {
      if (details[key] !== undefined) {
        Object.defineProperty(this, key, { value: details[key], enumerable: key !== "body" });
      }
    }
  }
}

/** 400: Zuora rejected the request, e.g. an unknown report or run id (`ZAN-USAGE-REST-ERROR`). */
export class BadRequestError extends ZuoraError {}
/** 401: missing, wrong or expired credentials. */
export class AuthenticationError extends ZuoraError {}
/** 403: the user may not do this. */
export class PermissionDeniedError extends ZuoraError {}
/** 404: no such resource. */
export class NotFoundError extends ZuoraError {}
/** 429: too many requests; see `retryAfterSeconds` and `rateLimit`. */
export class RateLimitError extends ZuoraError {}
/** 5xx: Zuora (or a gateway in front of it) failed. */
export class InternalServerError extends ZuoraError {}
/** No response: DNS, refused or reset connection, TLS failure. */
export class ConnectionError extends ZuoraError {}
/** The request took longer than its `timeoutMs`. */
export class TimeoutError extends ZuoraError {}
/** The caller's `AbortSignal` fired. */
export class AbortError extends ZuoraError {}
/** An argument or option is invalid; thrown before any request is sent. */
export class InvalidArgumentError extends ZuoraError {}

/** The error class for an HTTP status. */
export function errorClassFor(status: number): typeof ZuoraError {
  if (status >= 500) {
    return InternalServerError;
  }
  return (
    {
      400: BadRequestError,
      401: AuthenticationError,
      403: PermissionDeniedError,
      404: NotFoundError,
      429: RateLimitError,
    }[status] ?? ZuoraError
  );
}

/** The statuses that end a run without results. */
export type FailedRunStatus = Extract<ReportRunStatus, "CANCELLED" | "INVALID" | "ERROR">;

/** A report run ended in `CANCELLED`, `INVALID` or `ERROR` while being waited for (no HTTP `status`: Zuora said 200). */
export class ReportRunFailedError extends ZuoraError {
  /** The run as last seen, in its final state. */
  declare readonly run: ReportRun;
  /** How the run ended: `CANCELLED`, `INVALID` or `ERROR`. */
  declare readonly runStatus: FailedRunStatus;

  constructor(run: ReportRun & { status: FailedRunStatus }) {
    super(`Report run ${run.id} ended with status ${run.status}.`);
    this.run = run;
    this.runStatus = run.status;
  }
}

/** A report run did not complete within the wait's `maxWaitMs`. */
export class ReportRunTimeoutError extends ZuoraError {
  /** The run as last seen, if any poll answered. */
  declare readonly run?: ReportRun;

  constructor(runId: string, maxWaitMs: number, run?: ReportRun) {
    super(`Report run ${runId} did not complete within ${maxWaitMs} ms${run ? ` (last status ${run.status})` : ""}.`);
    if (run) {
      this.run = run;
    }
  }
}
