// The typed error for a failed response: its class from the status, its message from the body, its details from
// the headers, secrets hidden before anything is cut to length.
import { decodeErrorBody } from "../error-body.js";
import { errorClassFor, type RateLimitInfo, type RateLimitWindow, type ZuoraApiError } from "../errors.js";
import { redactSecrets } from "../redact.js";
import { clip, MAX_BODY, MAX_MESSAGE } from "./limits.js";

/**
 * `text` without secrets, at most `max` characters. Secrets are hidden before the cut, so none can straddle it; only
 * a margin beyond `max` (room for the longest encoded secret) is searched, so a 20 MB body costs no more than a short one.
 */
export function redactAndClip(text: string, secrets: readonly string[], max: number): string {
  const margin = 6 * Math.max(0, ...secrets.map((secret) => secret.length));
  return clip(redactSecrets(text.slice(0, max + margin), secrets), max);
}

const num = (value: string | null): number | undefined => {
  const parsed = Number.parseFloat(value ?? "");
  return Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * Parses the `RateLimit-*` headers of an answer that arrived at `observedAt`; undefined when none is readable.
 * `RateLimit-Limit` may list every window (`2250000, 50000;w=60, 2250000;w=3600`): its first item is the quota of
 * the window nearest exhaustion (the one `RateLimit-Remaining` and `RateLimit-Reset` speak of), and each item with a
 * `w` parameter is a window. Items that cannot be read (junk, a negative quota, no `w`) are skipped, never thrown.
 */
export function rateLimitOf(headers: Headers, observedAt = Date.now()): RateLimitInfo | undefined {
  const header = headers.get("RateLimit-Limit") ?? "";
  const limit = num(header);
  const windows: RateLimitWindow[] = [];
  for (const item of header.split(",")) {
    const [quota, ...params] = item.split(";");
    const size = num(quota ?? "");
    const seconds = num(params.map((param) => /^\s*w\s*=\s*"?([^"]*)/i.exec(param)?.[1]).find((w) => w) ?? "");
    if (size !== undefined && size >= 0 && seconds !== undefined && seconds > 0) {
      windows.push({ limit: size, windowSeconds: seconds });
    }
  }
  const lengths = new Set(windows.filter((window) => window.limit === limit).map((window) => window.windowSeconds));
  const info: RateLimitInfo = {
    limit,
    remaining: num(headers.get("RateLimit-Remaining")),
    resetSeconds: num(headers.get("RateLimit-Reset")),
  };
  if (!Object.values(info).some((value) => value !== undefined)) {
    return undefined;
  }
  if (lengths.size === 1) {
    info.windowSeconds = [...lengths][0];
  }
  if (windows.length) {
    info.windows = windows;
  }
  info.observedAt = observedAt;
  return info;
}

/** The latest rate-limit headers a client saw (and when), parsed only when asked for. */
export interface RateLimitState {
  pending?: [headers: Headers, at: number];
  info?: RateLimitInfo;
}

/** Keeps `headers` when they carry any `RateLimit-*` header (answers without them leave the state as it was). */
export function noteRateLimit(state: RateLimitState, headers: Headers, at: number): void {
  if (headers.has("RateLimit-Remaining") || headers.has("RateLimit-Limit") || headers.has("RateLimit-Reset")) {
    state.pending = [headers, at];
  }
}

/** The state as of the latest answer that carried rate-limit headers; undefined until one did. */
export function currentRateLimit(state: RateLimitState): RateLimitInfo | undefined {
  if (state.pending) {
    state.info = rateLimitOf(...state.pending) ?? state.info;
    state.pending = undefined;
  }
  return state.info;
}

/** `Retry-After` in seconds (from delta-seconds or an HTTP date), undefined when absent or unreadable. */
export function retryAfterSecondsOf(headers: Headers): number | undefined {
  const value = headers.get("Retry-After") ?? "";
  // A signed number is not delta-seconds, and not a date either (V8's Date.parse reads "-5" as a year).
  if (/^\s*[-+]/.test(value)) {
    return undefined;
  }
  const date = Date.parse(value);
  return /^\s*\d/.test(value) ? num(value) : Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * Builds the typed error for a failed response from its body `text`. Secrets are hidden in the message and in
 * `body` before either is cut; `fallback` stands in for a body that says nothing; `at` is when the answer arrived.
 */
export function errorFromResponse(
  response: Response,
  text: string,
  secrets: readonly string[],
  prefix = "",
  fallback = response.statusText || "no error message",
  at?: number,
): ZuoraApiError {
  const { status, headers } = response;
  const decoded = decodeErrorBody(text);
  const code = decoded.errorCode && redactAndClip(decoded.errorCode, secrets, 100);
  const reason = decoded.message ?? fallback;
  return new (errorClassFor(status))(
    redactAndClip(`${prefix}${status}${code ? ` ${code}` : ""}: ${reason}`, secrets, MAX_MESSAGE),
    {
      status,
      headers,
      errorCode: code,
      errorId: decoded.errorId && redactAndClip(decoded.errorId, secrets, 100),
      requestId: headers.get("Zuora-Request-Id") ?? undefined,
      trackId: headers.get("Zuora-Track-Id") ?? undefined,
      rateLimit: rateLimitOf(headers, at),
      retryAfterSeconds: retryAfterSecondsOf(headers),
      body: text ? redactAndClip(text, secrets, MAX_BODY) : undefined,
    },
  );
}
