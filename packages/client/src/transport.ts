// The fetch that openapi-fetch calls: auth headers, per-attempt timeout, abort, retries and typed errors.
import { errorFromResponse, redact } from "./error-body.js";
import { ConnectionError, TimeoutError, ZuoraError } from "./errors.js";
import { abortError, isRetryableRequest, isRetryableStatus, type RetryPolicy, retryDelayMs, sleep } from "./retry.js";

/** A `fetch`-compatible function. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Supplies auth headers and reacts to a 401. */
export interface AuthProvider {
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
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
  /** Put before an error's message, e.g. to say a token request failed. */
  errorPrefix?: string;
  /** More values to keep out of error messages (e.g. the client secret of a token request). */
  secrets?: string[];
  /** Retry even a POST without `Idempotency-Key` (a request without side effects, such as a token request). */
  idempotent?: boolean;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function connectionCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error | undefined)?.message;
  return typeof detail === "string" && detail ? ` (${detail})` : "";
}

async function attempt(
  config: TransportConfig,
  request: Request,
  init: RequestInit,
  options: SendOptions,
  secrets: readonly string[],
): Promise<Response> {
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const label = `${request.method} ${request.url}`;
  try {
    const response = await config.fetch(new Request(request.url, { ...init, signal: controller.signal }));
    if (options.stream) {
      return response;
    }
    const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    if (signal?.aborted) {
      throw abortError();
    }
    if (timedOut) {
      throw new TimeoutError(`Request timed out after ${timeoutMs} ms: ${label}`);
    }
    if (error instanceof ZuoraError) {
      throw error;
    }
    throw new ConnectionError(redact(`Connection error: ${label} failed${connectionCause(error)}.`, secrets), {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    if (!options.stream) {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

/** Sends `request` with auth, timeout and retries; see {@link SendOptions}. */
export async function send(config: TransportConfig, request: Request, options: SendOptions = {}): Promise<Response> {
  const { signal } = options;
  const body = request.body ? await request.arrayBuffer() : undefined;
  const retryable = options.idempotent || isRetryableRequest(request.method, request.headers);
  let retries = 0;
  let refreshed = false;
  for (;;) {
    if (signal?.aborted) {
      throw abortError();
    }
    const headers = new Headers(request.headers);
    const auth = (await config.auth?.headers(signal)) ?? {};
    for (const [name, value] of Object.entries(auth)) {
      if (!headers.has(name)) {
        headers.set(name, value);
      }
    }
    const secrets = [...(config.auth?.secrets() ?? []), ...(options.secrets ?? [])];
    const init: RequestInit = { method: request.method, headers, body, redirect: request.redirect };
    let response: Response | undefined;
    let failure: ZuoraError | undefined;
    try {
      response = await attempt(config, request, init, options, secrets);
    } catch (error) {
      if (!(error instanceof ConnectionError || error instanceof TimeoutError)) {
        throw error;
      }
      failure = error;
    }
    if (response?.status === 401 && !refreshed && config.auth?.refresh?.(auth)) {
      refreshed = true;
      await response.body?.cancel();
      continue;
    }
    const again =
      retryable && retries < config.retry.maxRetries && (failure || isRetryableStatus(response?.status ?? 0));
    if (again) {
      retries += 1;
      const delayMs = retryDelayMs(config.retry, retries, response?.headers);
      config.onRetry?.({
        retry: retries,
        delayMs,
        method: request.method,
        url: request.url,
        status: response?.status,
        error: failure,
      });
      await response?.body?.cancel();
      await sleep(delayMs, signal);
      continue;
    }
    if (failure || !response) {
      throw failure ?? new ConnectionError(`No response: ${request.method} ${request.url}`);
    }
    if (!response.ok && options.throwOnError) {
      throw await errorFromResponse(response, secrets, options.errorPrefix);
    }
    return response;
  }
}
