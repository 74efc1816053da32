// The fetch under every call: auth headers, a timeout per attempt, abort, retries and typed errors. As in the
// Stainless SDKs, one attempt (`attempt`) is kept apart from the loop that decides whether to try again (`send`).
import { ConnectionError, RequestTimeoutError, UserAbortError, ZuoraError } from "../errors.js";
import type { RetryInfo } from "../options.js";
import { redactSecrets } from "../redact.js";
import { DEBUG, INFO, type Log, WARN } from "./log.js";
import { errorFromResponse, noteRateLimit, type RateLimitState } from "./response-error.js";
import {
  abortError,
  isRetryableRequest,
  isRetryableStatus,
  type RetryPolicy,
  retryDelayMs,
  serverDelayMs,
  sleep,
} from "./retry.js";

/** A `fetch`-compatible function. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Supplies auth headers and reacts to a 401. */
export interface AuthProvider {
  /** The headers; a plain object when they are at hand (no await), a promise when they must be fetched. */
  headers(signal?: AbortSignal): Record<string, string> | Promise<Record<string, string>>;
  /** Called after a 401; returns true when one more attempt with fresh credentials makes sense. */
  refresh?(used: Record<string, string>): boolean;
  /** Values that must never appear in an error message. */
  secrets(): string[];
}

export interface TransportConfig extends RetryPolicy {
  fetch: FetchLike;
  timeoutMs: number;
  auth?: AuthProvider;
  onRetry?: (info: RetryInfo) => void;
  /** Where log lines go, and from which level. */
  log?: Log;
  /** Where the rate-limit headers of every answer are kept (not for the token endpoint, limited apart). */
  limits?: RateLimitState;
}

export interface SendOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * For the methods: read the body as text within the attempt's timeout (so a stalled body times out too) into
   * {@link Sent.text}, and throw the typed error for a non-2xx answer. Without it (the raw client) the body is read
   * into a fresh `Response` and a failure is returned, not thrown.
   */
  throwOnError?: boolean;
  /** Leave the body of a 2xx response for which this returns true unread, for the caller to stream (the export). */
  stream?: (response: Response) => boolean;
  /**
   * The controller whose signal the caller already put on `request` (openapi-fetch's `signal` option), so the first
   * attempt sends `request` itself and only a retry builds a new `Request`.
   */
  controller?: AbortController;
  /** Put before an error's message, e.g. to say a token request failed. */
  errorPrefix?: string;
  /** More values to keep out of error messages (e.g. the client secret of a token request). */
  secrets?: string[];
  /** Retry even a POST without `Idempotency-Key` (a request without side effects, such as a token request). */
  idempotent?: boolean;
  /**
   * Continues after the caller's read of a streamed body failed with `failure` (a timeout or a dropped connection)
   * before any byte reached its own caller: it counts as a failed attempt after `retries` retries, so the request is
   * sent again if a retry is left, and `failure` is thrown otherwise.
   */
  resume?: { failure: ZuoraError; retries: number };
  /** Fewer retries than `maxRetries` for some statuses, e.g. `{ 504: 1 }`. */
  statusRetries?: Record<number, number>;
}

/** What {@link send} resolves with. */
export interface Sent {
  response: Response;
  /** The body, read as text (with `throwOnError`, unless it is streamed). */
  text?: string;
  /** Retries made so far, for {@link SendOptions.resume}. */
  retries: number;
  /** When the answer arrived (epoch ms). */
  at: number;
}

/** The outcome of one attempt: a response, or a failure worth a retry (other errors are thrown). */
interface Outcome {
  response?: Response;
  text?: string;
  failure?: ZuoraError;
  /** The auth headers the attempt carried, for {@link AuthProvider.refresh}. */
  auth: Record<string, string>;
  /** When the answer arrived (epoch ms). */
  at?: number;
}

/** Why a fetch failed, from its `cause` (undici puts the socket error there), e.g. ` (ECONNREFUSED)`. */
export function connectionCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error | undefined)?.message;
  return typeof detail === "string" && detail ? ` (${detail})` : "";
}

/** Whether `error` is a failure a retry may cure: a timeout or a connection error. */
export const isTransient = (error: unknown): error is ZuoraError =>
  error instanceof ConnectionError || error instanceof RequestTimeoutError;

/** Releases a response that will not be read. */
const discard = (response: Response | undefined) => response?.bodyUsed || response?.body?.cancel();

/** What the attempts of one {@link send} share. */
interface Exchange {
  readonly config: TransportConfig;
  readonly request: Request;
  readonly options: SendOptions;
  readonly timeoutMs: number;
  /** A copy of `request` for the attempts that cannot send it itself, taken before the first one sends it. */
  readonly spare?: Request;
  /** The body of `spare`, read once. */
  body?: ArrayBuffer;
  /** Auth header names the client set (those the caller set win). */
  readonly added: string[];
  /** Whether the next attempt sends `request` itself (with the caller's controller). */
  first: boolean;
}

/** Values to keep out of messages; only a failure needs them, so they are not gathered for every call. */
const secretsOf = ({ config, options }: Exchange): string[] => [
  ...(config.auth?.secrets() ?? []),
  ...(options.secrets ?? []),
];

/** Headers whose values are never logged, even redacted. */
const HIDDEN = /^(authorization|apiaccesskeyid|apisecretaccesskey|cookie)$/i;

/** Writes a line at `level` if the log takes it; `line` is built only then. */
function log(exchange: Exchange, level: number, line: () => string): void {
  const { log } = exchange.config;
  if (log && level >= log.at) {
    log.write(level, line(), secretsOf(exchange));
  }
}

/** The request line of the debug log: method, URL and headers, credentials hidden. */
const requestLine = (request: Request): string =>
  `→ ${request.method} ${request.url} ${[...request.headers].map(([name, value]) => `${name}: ${HIDDEN.test(name) ? "[hidden]" : value}`).join(", ")}`;

/** Puts `auth` on the headers the attempt sends: `request`'s own the first time, a copy after that. */
function withAuth(exchange: Exchange, auth: Record<string, string>): Headers {
  const { request, added } = exchange;
  const headers = exchange.first ? request.headers : new Headers(request.headers);
  for (const name in auth) {
    if (added.includes(name) || !headers.has(name)) {
      headers.set(name, auth[name] as string);
      added.push(name);
    }
  }
  return headers;
}

/** A copy of the request with `headers` and a controller of its own, for an attempt after the first. */
async function copyOf(exchange: Exchange, headers: Headers): Promise<[Request, AbortController]> {
  const { request, spare } = exchange;
  exchange.body ??= spare && (await spare.arrayBuffer());
  const controller = new AbortController();
  const { method, redirect } = request;
  return [
    new Request(request.url, { method, headers, body: exchange.body, redirect, signal: controller.signal }),
    controller,
  ];
}

/** What a fetch that threw means: a failure worth a retry (a timeout, a broken connection) is returned, others thrown. */
function failureOf(exchange: Exchange, error: unknown, timedOut: boolean): ZuoraError {
  const { request, options, timeoutMs } = exchange;
  if (options.signal?.aborted) {
    throw abortError();
  }
  if (error instanceof ZuoraError && !isTransient(error)) {
    throw error;
  }
  const label = `${request.method} ${request.url}`;
  if (timedOut) {
    return new RequestTimeoutError(
      redactSecrets(`Request timed out after ${timeoutMs} ms: ${label}`, secretsOf(exchange)),
    );
  }
  return error instanceof ZuoraError
    ? error
    : new ConnectionError(
        redactSecrets(`Connection error: ${label} failed${connectionCause(error)}.`, secretsOf(exchange)),
        {
          cause: error,
        },
      );
}

/** The answer line of the debug log: status, time, request id and what is left of the rate limit. */
function answerLine(request: Request, response: Response, ms: number): string {
  const { headers } = response;
  const id = headers.get("Zuora-Request-Id");
  const left = headers.get("RateLimit-Remaining");
  return `← ${response.status} ${request.method} ${request.url} in ${ms} ms${id ? `, request id ${id}` : ""}${left === null ? "" : `, rate limit ${left} left`}`;
}

/** One attempt: auth headers, then the request and the body read it needs, both within `timeoutMs`. */
async function attempt(exchange: Exchange): Promise<Outcome> {
  const { config, options, timeoutMs } = exchange;
  const { signal } = options;
  if (signal?.aborted) {
    throw abortError();
  }
  const pending = config.auth?.headers(signal);
  // Static credentials come as a plain object: no await, so no extra tick per call.
  const auth = (pending && "then" in pending ? await pending : pending) ?? {};
  const headers = withAuth(exchange, auth);
  const [outgoing, controller] = exchange.first
    ? [exchange.request, options.controller as AbortController]
    : await copyOf(exchange, headers);
  exchange.first = false;
  // Checked here so that no line (nor its closure) is made per call unless debug lines are written.
  const debug = config.log?.at === DEBUG;
  if (debug) {
    log(exchange, DEBUG, () => requestLine(outgoing));
  }
  // `outgoing`'s signal follows `controller`, which the timeout and the caller's signal abort.
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  let streamed = false;
  const started = debug ? Date.now() : 0;
  const timer = setTimeout(() => {
    timedOut = true;
    onAbort();
  }, timeoutMs);
  try {
    const got = await config.fetch(outgoing);
    const at = Date.now();
    if (config.limits) {
      noteRateLimit(config.limits, got.headers, at);
    }
    if (debug) {
      log(exchange, DEBUG, () => answerLine(outgoing, got, at - started));
    }
    streamed = got.ok && !!options.stream?.(got);
    return streamed
      ? { response: got, auth, at }
      : options.throwOnError
        ? { response: got, text: await got.text(), auth, at }
        : // A Response is a ResponseInit: status, statusText and headers carry over. No body (204, 304…) stays none.
          { response: new Response(got.body && (await got.arrayBuffer()), got), auth, at };
  } catch (error) {
    const failure = failureOf(exchange, error, timedOut);
    if (debug) {
      log(exchange, DEBUG, () => `✗ ${outgoing.method} ${outgoing.url}: ${failure.message}`);
    }
    return { failure, auth };
  } finally {
    clearTimeout(timer);
    // A streamed body is read after `send` returns: the caller's signal must still cancel it.
    if (!streamed) {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

/** The start of a line about a call given up. */
const gaveUp = (request: Request, retries: number) =>
  `${request.method} ${request.url} failed${retries ? ` after ${retries} retries` : ""}: `;

/** The end of a {@link send}: the failure thrown, the typed error of a failed answer thrown, or the answer. */
function settle(exchange: Exchange, { response, text, failure, at = 0 }: Outcome, retries: number): Sent {
  const { request, options } = exchange;
  if (failure) {
    if (!(failure instanceof UserAbortError)) {
      log(exchange, INFO, () => gaveUp(request, retries) + failure.message);
    }
    throw failure;
  }
  // Without a failure there is a response.
  const answer = response as Response;
  const { status } = answer;
  if (isRetryableStatus(status)) {
    log(exchange, INFO, () => `${gaveUp(request, retries)}${status} ${answer.statusText}`);
  }
  if (!answer.ok && options.throwOnError) {
    throw errorFromResponse(answer, text ?? "", secretsOf(exchange), options.errorPrefix, undefined, at);
  }
  return { response: answer, text, retries, at };
}

/** Sends `request` with auth, timeout and retries; see {@link SendOptions}. */
export async function send(config: TransportConfig, request: Request, options: SendOptions = {}): Promise<Sent> {
  const { signal, resume } = options;
  const exchange: Exchange = {
    config,
    request,
    options,
    timeoutMs: options.timeoutMs ?? config.timeoutMs,
    // A retry (or a first attempt that cannot send `request` itself) needs the body again.
    spare: request.body ? request.clone() : undefined,
    added: [],
    first: !!options.controller && !resume,
  };
  const { method, url } = request;
  const retryable = options.idempotent || isRetryableRequest(method, request.headers);
  const { maxRetries } = config;
  const { statusRetries } = options;
  let retries = resume?.retries ?? 0;
  let refreshed = false;
  let outcome: Outcome = resume ? { failure: resume.failure, auth: {} } : await attempt(exchange);
  for (;;) {
    const { response, failure } = outcome;
    const status = response?.status ?? 0;
    const refresh = status === 401 && !refreshed && !!config.auth?.refresh?.(outcome.auth);
    const allowed = Math.min(maxRetries, statusRetries?.[status] ?? maxRetries);
    if (!refresh && !(retryable && retries < allowed && (failure || isRetryableStatus(status)))) {
      return settle(exchange, outcome, retries);
    }
    await discard(response);
    if (refresh) {
      refreshed = true;
    } else {
      retries += 1;
      const delayMs = retryDelayMs(config, retries, response?.headers);
      log(
        exchange,
        INFO,
        () =>
          `retry ${retries}/${maxRetries} of ${method} ${url} in ${Math.round(delayMs)} ms after ${failure?.message ?? `${status} ${response?.statusText}`}`,
      );
      const asked = serverDelayMs(response?.headers) ?? 0;
      if (asked > delayMs) {
        log(
          exchange,
          WARN,
          () =>
            `${method} ${url}: the server asked to wait ${asked} ms before a retry; waiting ${delayMs} ms (maxRetryAfterMs)`,
        );
      }
      config.onRetry?.({ retry: retries, maxRetries, delayMs, method, url, status: response?.status, error: failure });
      await sleep(delayMs, signal);
    }
    outcome = await attempt(exchange);
  }
}
