// The client's options, checked once and turned into what its calls need: the base URL, the headers every request
// carries, and the transport (fetch, timeout, retries, auth).
import { environments } from "../environments.js";
import type { ReportingClientOptions } from "../options.js";
import { createAuth, isClientCredentials } from "./auth.js";
import { createLog } from "./log.js";
import { type FetchLike, send, type TransportConfig } from "./transport.js";
import { checkAscii, checkMs, checkNumber, checkTrackId, fail } from "./validate.js";

/** What {@link resolveClientConfig} makes of the options. */
export interface ClientConfig {
  /** The base URL, base path included (trailing slashes are stripped by the raw client). */
  baseUrl: string;
  /** `Zuora-Track-Id` / `Zuora-Entity-Ids` and the caller's extra headers, for every request. */
  headers: Record<string, string>;
  /** Fetch, timeout, retries and auth (which holds the credentials: never put it where it could be logged). */
  transport: TransportConfig;
}

/** The base URL of a preset; throws `InvalidArgumentError` for an unknown name. */
export const environmentUrl = (environment: string): string =>
  environments.find((candidate) => candidate.environment === environment)?.url ??
  fail(
    `Unknown environment ${JSON.stringify(environment)}; use one of ${environments.map((e) => e.environment).join(", ")}, or pass baseUrl.`,
  );

/** Whether a base URL is on a legacy zconnect host, where only username/password auth works. */
export function isLegacyHost(baseUrl: string): boolean {
  const host = new URL(baseUrl).host;
  return environments.some((e) => e.environment.startsWith("legacy-") && new URL(e.url).host === host);
}

/** Checks the options of `createReportingClient` (throwing `InvalidArgumentError`) and resolves them. */
export function resolveClientConfig(options: ReportingClientOptions): ClientConfig {
  const { environment, auth, trackId, entityId, fetch, maxRetries = 2 } = options ?? fail("Pass an options object.");
  const baseUrl = options.baseUrl ?? (environment ? environmentUrl(environment) : fail("Pass environment or baseUrl."));
  const origin =
    /^https?:\/\/[^/?#]+/i.exec(baseUrl)?.[0] ??
    fail(`baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}.`);
  // A legacy preset's origin is a legacy host too.
  if (isClientCredentials(auth) && isLegacyHost(origin)) {
    fail("OAuth does not work on legacy zconnect hosts: use auth { username, password } there.");
  }
  const zuoraHeaders: Record<string, string> = {};
  if (trackId !== undefined) {
    zuoraHeaders["Zuora-Track-Id"] = checkTrackId(trackId);
  }
  if (entityId !== undefined) {
    zuoraHeaders["Zuora-Entity-Ids"] = checkAscii(entityId, "entityId", 64);
  }
  if (typeof (fetch ?? globalThis.fetch) !== "function") {
    fail("fetch must be a function (this runtime has no global fetch).");
  }
  const { fetchOptions } = options;
  for (const name of ["method", "headers", "body", "signal"]) {
    if (fetchOptions && name in fetchOptions) {
      fail(`fetchOptions.${name} is set by the client itself; leave it out.`);
    }
  }
  const base: FetchLike = fetch ?? ((request, init) => globalThis.fetch(request, init));
  const ms = (value: number | undefined, name: string, fallback: number, min = 0) =>
    checkMs(value === undefined ? fallback : value, name, min);
  const transport: TransportConfig = {
    // The options go as fetch's second argument, so the first attempt still sends openapi-fetch's own Request.
    fetch: fetchOptions ? (request) => base(request, fetchOptions) : base,
    timeoutMs: ms(options.timeoutMs, "timeoutMs", 60_000, 1),
    maxRetries: checkNumber(maxRetries, "maxRetries", 0, 10),
    baseDelayMs: ms(options.retryBaseDelayMs, "retryBaseDelayMs", 500),
    maxDelayMs: ms(options.retryMaxDelayMs, "retryMaxDelayMs", 8000),
    maxRetryAfterMs: ms(options.maxRetryAfterMs, "maxRetryAfterMs", 60_000),
    onRetry: options.onRetry,
    log: createLog(options.logger, options.logLevel),
    limits: {},
  };
  let tokenUrl = "";
  try {
    tokenUrl = new URL(options.tokenUrl ?? "/oauth/token", origin).href;
  } catch {
    fail(`tokenUrl must be a URL, got ${JSON.stringify(options.tokenUrl)}.`);
  }
  // The token request goes through the same transport, without auth of its own.
  transport.auth = createAuth(auth, tokenUrl, zuoraHeaders, (request, sendOptions) =>
    send({ ...transport, auth: undefined, limits: undefined }, request, sendOptions),
  );
  return { baseUrl, headers: { ...options.headers, ...zuoraHeaders }, transport };
}
