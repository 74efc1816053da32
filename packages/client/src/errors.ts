// Every error the client throws, as in the Stainless SDKs:
//
//   ZuoraError
//   ├── ZuoraApiError (Zuora answered: status, headers, body, requestId)
//   │   ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404
//   │   └── RateLimitError 429, InternalServerError 5xx
//   │       └── ExportTooLargeError (a 504 on Export Report Run: the file is too large, page the rows instead)
//   ├── ConnectionError, RequestTimeoutError, UserAbortError (no answer)
//   ├── InvalidArgumentError (before any request)
//   └── ReportRunFailedError, ReportRunTimeoutError (waiting for a run)
import type { ReportRun, ReportRunStatus } from "@zuora-reports/types";
import { clip, MAX_MESSAGE } from "./internal/limits.js";

/** One policy of `RateLimit-Limit` (`50000;w=60`): `limit` requests per `windowSeconds`. */
export interface RateLimitWindow {
  limit: number;
  windowSeconds: number;
}

/**
 * Zuora's rate-limit headers, parsed. `RateLimit-Limit` is `2250000, 50000;w=60, 2250000;w=3600, 27000000;w=86400`:
 * first the quota of the window nearest exhaustion, then every window as `limit;w=seconds`; `RateLimit-Remaining` and
 * `RateLimit-Reset` speak of that nearest window.
 */
export interface RateLimitInfo {
  /** The quota of the window nearest exhaustion. */
  limit?: number;
  /** Requests left in that window. */
  remaining?: number;
  /** Seconds until that window resets (as of `observedAt`). */
  resetSeconds?: number;
  /** That window's length in seconds, when the policy list names it (one window with that quota). */
  windowSeconds?: number;
  /** Every policy of `RateLimit-Limit`, in order. */
  windows?: RateLimitWindow[];
  /** When the answer arrived (epoch ms), to age `remaining` and `resetSeconds` by. */
  observedAt?: number;
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
  /** The response body, secrets hidden, cut to 8 192 characters. */
  body?: string;
  /** The response headers. */
  headers?: Headers;
  cause?: unknown;
}

const FIELDS = [
  "status",
  "errorCode",
  "errorId",
  "requestId",
  "trackId",
  "rateLimit",
  "retryAfterSeconds",
  "body",
  "headers",
] as const;

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
    // `name` is set on each class's prototype, below.
    for (const key of FIELDS) {
      if (details[key] !== undefined) {
        Object.defineProperty(this, key, { value: details[key], enumerable: key !== "body" && key !== "headers" });
      }
    }
  }
}

/**
 * Zuora (or a gateway in front of it) answered, with a failure or with an answer that is not what the spec says:
 * `status`, `headers`, `body` and `requestId` say what came back. The status classes below extend it.
 */
export class ZuoraApiError extends ZuoraError {
  /** The response headers (not enumerable, so logging the error does not print them). */
  declare readonly headers?: Headers;
}
/** 400: Zuora rejected the request, e.g. an unknown report or run id (`ZAN-USAGE-REST-ERROR`). */
export class BadRequestError extends ZuoraApiError {}
/** 401: missing, wrong or expired credentials. */
export class AuthenticationError extends ZuoraApiError {}
/** 403: the user may not do this. */
export class PermissionDeniedError extends ZuoraApiError {}
/** 404: no such resource. */
export class NotFoundError extends ZuoraApiError {}
/** 429: too many requests; see `retryAfterSeconds` and `rateLimit`. */
export class RateLimitError extends ZuoraApiError {}
/** 5xx: Zuora (or a gateway in front of it) failed. */
export class InternalServerError extends ZuoraApiError {}
/**
 * A 504 on Export Report Run (after at most one retry): Zuora's export fails for files over about 25 MB. Page
 * through the rows with Get Report Data (`reportRows`, `getReportData`) instead.
 */
export class ExportTooLargeError extends InternalServerError {}
/** No response: DNS, refused or reset connection, TLS failure, or a body that broke off. */
export class ConnectionError extends ZuoraError {}
/** The request (or the read of its body) took longer than its `timeoutMs`. */
export class RequestTimeoutError extends ZuoraError {}
/** The caller's `AbortSignal` fired. */
export class UserAbortError extends ZuoraError {}
/** An argument or option is invalid; thrown before any request is sent. */
export class InvalidArgumentError extends ZuoraError {}

/**
 * The former name of {@link RequestTimeoutError} (the same class).
 * @deprecated Use `RequestTimeoutError`: `TimeoutError` is also the name of a DOM exception.
 */
export const TimeoutError = RequestTimeoutError;
/** @deprecated Use `RequestTimeoutError`. */
export type TimeoutError = RequestTimeoutError;
/**
 * The former name of {@link UserAbortError} (the same class).
 * @deprecated Use `UserAbortError`: `AbortError` is also the name of the DOM's and Node's own abort errors.
 */
export const AbortError = UserAbortError;
/** @deprecated Use `UserAbortError`. */
export type AbortError = UserAbortError;

/** The error class for an HTTP status. */
export function errorClassFor(status: number): typeof ZuoraApiError {
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
    }[status] ?? ZuoraApiError
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

// Each class's `name`, as a string a minifier leaves alone (it renames classes, so `constructor.name` would say "jt").
for (const [name, type] of Object.entries({
  ZuoraError,
  ZuoraApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  InternalServerError,
  ExportTooLargeError,
  ConnectionError,
  RequestTimeoutError,
  UserAbortError,
  InvalidArgumentError,
  ReportRunFailedError,
  ReportRunTimeoutError,
})) {
  Object.defineProperty(type.prototype, "name", { value: name });
}
