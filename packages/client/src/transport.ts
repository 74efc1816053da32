// The fetch that openapi-fetch calls: auth headers, per-attempt timeout, abort, retries and typed errors.
import { errorFromResponse, redact } from "./error-body.js";
import { ConnectionError, TimeoutError, ZuoraError } from "./errors.js";
import { abortError, isRetryableRequest, isRetryableStatus, type RetryPolicy, retryDelayMs, sleep } from "./retry.js";

/** A `fetch`-compatible function. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Supplies auth headers and reacts to a 401. */
export interface AuthProvider {
  /** The headers; a plain object when they are at hand (no await), a promise when they must be fetched. */
  headers(signal?: AbortSignal): Record<string, string> | Promise<Record<string, string>>;
  /** Called after a 401; returns true when one more attempt with fresh credentials makes sense. */
  refresh?(used: Record<string, string>): boolean;
  /** Values that must never appear in an error message. */
  secrets(): string[];
}

/** What {@link ReportingClientOptions.onRetry} is told before each retry. */
export interface RetryInfo {
  /** 1 for the first retry. */
  retry: number;
  /** How long the client waits before it. */
  delayMs: number;
  method: string;
  url: string;
  /** The status that caused it, if Zuora answered. */
  status?: number;
  /** The error that caused it, if Zuora did not answer. */
  error?: ZuoraError;
}

export interface TransportConfig {
  fetch: FetchLike;
  timeoutMs: number;
  retry: RetryPolicy;
  auth?: AuthProvider;
  onRetry?: (info: RetryInfo) => void;
}

export interface SendOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Throw the typed error for a non-2xx answer (methods) instead of returning it (the raw client). */
  throwOnError?: boolean;
  /** Leave the body unread (export); otherwise it is read within the timeout, so a stalled body times out too. */
  stream?: boolean;
  /**
   * For a method call: the controller whose signal the caller already put on `request` (openapi-fetch's `signal`
   * option), so the first attempt sends `request` itself and only a retry builds a new `Request`. Unless `stream`
   * is set, the body is then read as text within the timeout into {@link SendOptions.body}, and the response is
   * returned with its body used (the caller parses the text, with openapi-fetch's `parseAs: "stream"`).
   */
  controller?: AbortController;
  /** Set by `send` when `controller` is given: the body of the response it returns. */
  body?: string;
  /** Put before an error's message, e.g. to say a token request failed. */
  errorPrefix?: string;
  /** More values to keep out of error messages (e.g. the client secret of a token request). */
  secrets?: string[];
  /** Retry even a POST without `Idempotency-Key` (a request without side effects, such as a token request). */
  idempotent?: boolean;
}

function connectionCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error | undefined)?.message;
  return typeof detail === "string" && detail ? ` (${detail})` : "";
}

const secretsOf = (config: TransportConfig, options: SendOptions): string[] => [
  ...(config.auth?.secrets() ?? []),
  ...(options.secrets ?? []),
];

/** Releases a response that will not be read (with a `controller` its body is read already). */
const discard = (response: Response | undefined) => response?.bodyUsed || response?.body?.cancel();

/** Sends `request` with auth, timeout and retries; see {@link SendOptions}. */
export async function send(config: TransportConfig, request: Request, options: SendOptions = {}): Promise<Response> {
  const { signal, controller, stream } = options;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const { method, url } = request;
  // A retry (or a first attempt that cannot send `request` itself) needs the body again: keep a clone, taken
  // before the first attempt sends `request`.
  const spare = request.body ? request.clone() : undefined;
  let body: ArrayBuffer | undefined;
  const retryable = options.idempotent || isRetryableRequest(method, request.headers);
  // Auth header names `request` did not carry already (those the caller set win).
  const added: string[] = [];
  let first = !!controller;
  let retries = 0;
  let refreshed = false;
  for (;;) {
    if (signal?.aborted) {
      throw abortError();
    }
    const pending = config.auth?.headers(signal);
    // Static credentials come as a plain object: no await, so no extra tick per call.
    const auth = (pending && "then" in pending ? await pending : pending) ?? {};
    let outgoing = request;
    let attemptController = controller as AbortController;
    if (first) {
      for (const name in auth) {
        if (!request.headers.has(name)) {
          request.headers.set(name, auth[name] as string);
          added.push(name);
        }
      }
    } else {
      const headers = new Headers(request.headers);
      for (const name in auth) {
        if (added.includes(name) || !headers.has(name)) {
          headers.set(name, auth[name] as string);
        }
      }
      body ??= spare && (await spare.arrayBuffer());
      attemptController = new AbortController();
      outgoing = new Request(url, {
        method,
        headers,
        body,
        redirect: request.redirect,
        signal: attemptController.signal,
      });
    }
    first = false;
    // The attempt: `outgoing`'s signal follows `attemptController`, which the timeout and the caller's signal abort.
    let response: Response | undefined;
    let failure: ZuoraError | undefined;
    const onAbort = () => attemptController.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attemptController.abort();
    }, timeoutMs);
    try {
      const got = await config.fetch(outgoing);
      if (stream) {
        response = got;
      } else if (controller) {
        options.body = await got.text();
        response = got;
      } else {
        // A Response is a ResponseInit: status, statusText and headers carry over. No body (204, 304…) stays none.
        response = new Response(got.body && (await got.arrayBuffer()), got);
      }
    } catch (error) {
      if (signal?.aborted) {
        throw abortError();
      }
      const label = `${method} ${url}`;
      failure = timedOut
        ? new TimeoutError(`Request timed out after ${timeoutMs} ms: ${label}`)
        : error instanceof ZuoraError
          ? error
          : new ConnectionError(
              redact(`Connection error: ${label} failed${connectionCause(error)}.`, secretsOf(config, options)),
              { cause: error },
            );
      if (!(failure instanceof ConnectionError || failure instanceof TimeoutError)) {
        throw failure;
      }
    } finally {
      clearTimeout(timer);
      // A stream is read after `send` returns: the caller's signal must still cancel it.
      if (!stream) {
        signal?.removeEventListener("abort", onAbort);
      }
    }
    if (response?.status === 401 && !refreshed && config.auth?.refresh?.(auth)) {
      refreshed = true;
      await discard(response);
      continue;
    }
    const again =
      retryable && retries < config.retry.maxRetries && (failure || isRetryableStatus(response?.status ?? 0));
    if (again) {
      retries += 1;
      const delayMs = retryDelayMs(config.retry, retries, response?.headers);
      config.onRetry?.({ retry: retries, delayMs, method, url, status: response?.status, error: failure });
      await discard(response);
      await sleep(delayMs, signal);
      continue;
    }
    if (failure) {
      throw failure;
    }
    // Without a failure there is a response.
    const answer = response as Response;
    if (!answer.ok && options.throwOnError) {
      throw await errorFromResponse(answer, secretsOf(config, options), options.errorPrefix, options.body);
    }
    return answer;
  }
}
