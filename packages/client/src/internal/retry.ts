// When and how long to wait before re-sending a request (Stainless/Fern-style policy).
import { UserAbortError } from "../errors.js";
import { retryAfterSecondsOf } from "./response-error.js";

/** How retries back off. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** First backoff delay; it doubles per retry (default 500 ms). */
  baseDelayMs: number;
  /** Cap of the backoff delay (default 8 s). */
  maxDelayMs: number;
  /** Cap of a server-requested delay, `Retry-After` or `RateLimit-Reset` (default 60 s). */
  maxRetryAfterMs: number;
}

/** Statuses worth another attempt: timeout, rate limit, server and gateway failures. */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Methods that may be re-sent; a POST only when it carries an `Idempotency-Key`. */
export const isRetryableRequest = (method: string, headers: Headers): boolean =>
  method !== "POST" && method !== "PATCH" ? true : headers.has("Idempotency-Key");

/**
 * The delay before retry number `retry` (1-based): the server's `Retry-After` (seconds or HTTP date) or
 * `RateLimit-Reset`, capped at `maxRetryAfterMs`; otherwise exponential backoff with up to 25 % jitter.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, headers?: Headers, random = Math.random): number {
  const asked = serverDelayMs(headers);
  if (asked !== undefined) {
    return Math.min(asked, policy.maxRetryAfterMs);
  }
  const backoff = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return backoff * (1 - random() * 0.25);
}

/** The wait the server asks for with `Retry-After` (seconds or HTTP date), else `RateLimit-Reset`, uncapped, in ms. */
export function serverDelayMs(headers: Headers | undefined): number | undefined {
  const seconds = headers && (retryAfterSecondsOf(headers) ?? Number.parseFloat(headers.get("RateLimit-Reset") ?? ""));
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The caller's abort as a {@link UserAbortError}. */
export const abortError = (): UserAbortError => new UserAbortError("The request was aborted.");

/** Resolves or rejects like `promise`, but rejects with {@link UserAbortError} at once when `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  return signal
    ? new Promise((resolve, reject) => {
        const onAbort = () => reject(abortError());
        if (signal.aborted) {
          onAbort();
          return;
        }
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
      })
    : promise;
}

/** Waits `ms`, or rejects with {@link UserAbortError} as soon as `signal` aborts (and clears the timer then). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return raceAbort(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal).finally(() =>
    clearTimeout(timer),
  );
}
