// CORS on every answer the mock sends (its own, Prism's, 429s, errors, preflights): a request with an `Origin` gets
// that origin back with credentials allowed and `Vary: Origin`; one without gets `*` and no credentials. Never `*`
// together with `Access-Control-Allow-Credentials: true`, which browsers refuse.
import type { IncomingHttpHeaders } from "node:http";

/** Response headers a browser script may read (a wildcard does not work for credentialed requests). */
const EXPOSED = [
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "Retry-After",
  "WWW-Authenticate",
  "Zuora-Request-Id",
  "Zuora-Track-Id",
  "Content-Encoding",
  "Content-Disposition",
].join(", ");

/** The CORS headers of an answer to a request with these headers. */
export function corsHeaders(requestHeaders: IncomingHttpHeaders): Record<string, string> {
  const origin = requestHeaders.origin;
  if (typeof origin !== "string" || origin === "" || origin === "null") {
    return { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": EXPOSED };
  }
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": EXPOSED,
    Vary: "Origin",
  };
}

/** `headers` without any `Access-Control-*` header (Prism's own, replaced by the mock's). */
export function withoutCors<T>(headers: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^access-control-/i.test(name)));
}
