// The retry policy as a caller meets it: which requests are sent again, after how long, and which failures are not
// retried at all. Driven by a stub fetch; a retry wait is cut short by aborting from onRetry, never slept through.
import { describe, expect, it } from "vitest";
import { AbortError, ConnectionError, type RetryInfo, TimeoutError, ZuoraError } from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

type RawCall = (path: string, init: { headers?: Record<string, string> }) => Promise<{ response: Response }>;

/** A raw call with any method (the spec has no PUT or PATCH, openapi-fetch sends them all the same). */
const rawCall = (raw: object, method: string, headers: Record<string, string> = {}) =>
  (raw as Record<string, RawCall>)[method]?.("/reportruns/r1", { headers }) as Promise<{ response: Response }>;

describe("which requests are sent again", () => {
  it.each([
    ["PATCH", {}, 1],
    ["POST", {}, 1],
    ["PATCH", { "Idempotency-Key": "k-1" }, 3],
    ["POST", { "Idempotency-Key": "k-1" }, 3],
    ["PUT", {}, 3],
    ["DELETE", {}, 3],
  ])("%s with headers %j on a 503: %i request(s)", async (method, headers, count) => {
    const { client, requests } = stubClient(() => jsonResponse(503, {}));
    const { response } = await rawCall(client.raw, method, headers);
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(count);
    expect(requests.every((r) => r.method === method)).toBe(true);
  });

  it("an error that fetch throws and that is not a connection failure or timeout passes through, unretried", async () => {
    const thrown = new ZuoraError("refused by the proxy policy");
    const { client, requests, retries } = stubClient(() => {
      throw thrown;
    });
    expect(await failure(client.getReportRun("r1"))).toBe(thrown);
    expect(requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("a TimeoutError that fetch throws is retried, and is the error given at the end", async () => {
    const thrown = new TimeoutError("the fetch's own timeout");
    const { client, requests, retries } = stubClient(() => {
      throw thrown;
    });
    expect(await failure(client.getReportRun("r1"))).toBe(thrown);
    expect(requests).toHaveLength(3);
    expect(retries.map((r) => r.error)).toEqual([thrown, thrown]);
  });

  it("any other throw of fetch is a ConnectionError carrying it as its cause, retried", async () => {
    const thrown = new TypeError("fetch failed");
    const { client, requests } = stubClient(() => {
      throw thrown;
    });
    const error = await failure(client.getReportRun("r1"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.cause).toBe(thrown);
    expect(error.message).toBe("Connection error: GET https://zuora.test/v1/reportruns/r1 failed (fetch failed).");
    expect(requests).toHaveLength(3);
  });

  it("a 503 without a body is retried like any other", async () => {
    const { client, requests } = stubClient((_, index) =>
      index === 0 ? new Response(null, { status: 503 }) : new Response(null, { status: 204 }),
    );
    const { response } = await rawCall(client.raw, "GET");
    expect(response.status).toBe(204);
    expect(requests).toHaveLength(2);
  });

  it("a 4xx other than 408 and 429 is not retried; 408 is", async () => {
    for (const [status, count] of [
      [409, 1],
      [408, 3],
      [499, 1],
    ] as const) {
      const { client, requests } = stubClient(() => jsonResponse(status, { message: "no" }));
      await failure(client.getReportRun("r1"));
      expect(requests, `status ${status}`).toHaveLength(count);
    }
  });
});

describe("how long the client waits before a retry", () => {
  /** The first onRetry the client calls for `response`; the retry wait is aborted at once. */
  async function firstRetry(response: () => Response, base = 4000, max = 8000): Promise<RetryInfo> {
    const controller = new AbortController();
    const seen: RetryInfo[] = [];
    const { client } = stubClient(response, {
      retryBaseDelayMs: base,
      retryMaxDelayMs: max,
      onRetry: (info) => {
        seen.push(info);
        controller.abort();
      },
    });
    // The signal is aborted before the wait starts: the call must end at once, not after the delay.
    expect(await failure(client.getReportRun("r1", { signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(1);
    return seen[0] as RetryInfo;
  }

  it("a negative RateLimit-Reset is ignored: exponential backoff", async () => {
    const info = await firstRetry(() => jsonResponse(429, {}, { "RateLimit-Reset": "-3" }));
    expect(info.delayMs).toBeGreaterThanOrEqual(3000);
    expect(info.delayMs).toBeLessThanOrEqual(4000);
  });

  it("a negative Retry-After is ignored: exponential backoff (not an immediate retry)", async () => {
    const info = await firstRetry(() => jsonResponse(503, {}, { "Retry-After": "-5" }));
    expect(info.delayMs).toBeGreaterThanOrEqual(3000);
    expect(info.delayMs).toBeLessThanOrEqual(4000);
  });

  it("RateLimit-Reset: 0 means retry at once", async () => {
    const info = await firstRetry(() => jsonResponse(429, {}, { "RateLimit-Reset": "0" }));
    expect(info).toMatchObject({ delayMs: 0, status: 429, retry: 1, maxRetries: 2, method: "GET" });
    expect(info.url).toBe("https://zuora.test/v1/reportruns/r1");
  });

  it("a Retry-After date in the past means retry at once; one in the future is waited for", async () => {
    const past = await firstRetry(() => jsonResponse(503, {}, { "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT" }));
    expect(past.delayMs).toBe(0);
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    const future = await firstRetry(() => jsonResponse(503, {}, { "Retry-After": inTen }));
    expect(future.delayMs).toBeGreaterThan(8000);
    expect(future.delayMs).toBeLessThanOrEqual(10_000);
  });

  it("a Retry-After in the obsolete RFC 850 date form (with dashes) is a date, not a negative number", async () => {
    const past = await firstRetry(() => jsonResponse(503, {}, { "Retry-After": "Sunday, 06-Nov-94 08:49:37 GMT" }));
    expect(past.delayMs).toBe(0);
  });

  it("without server advice: the base delay minus at most 25 % jitter, capped by retryMaxDelayMs", async () => {
    const info = await firstRetry(() => jsonResponse(503, {}), 4000);
    expect(info.delayMs).toBeGreaterThanOrEqual(3000);
    expect(info.delayMs).toBeLessThanOrEqual(4000);
    const capped = await firstRetry(() => jsonResponse(503, {}), 4000, 2000);
    expect(capped.delayMs).toBeGreaterThanOrEqual(1500);
    expect(capped.delayMs).toBeLessThanOrEqual(2000);
  });

  it("the delay doubles per retry", async () => {
    const seen: RetryInfo[] = [];
    const { client } = stubClient(() => jsonResponse(503, {}), {
      maxRetries: 3,
      retryBaseDelayMs: 4,
      retryMaxDelayMs: 1000,
      onRetry: (info) => seen.push(info),
    });
    await failure(client.getReportRun("r1"));
    expect(seen.map((r) => r.retry)).toEqual([1, 2, 3]);
    const bounds = seen.map((r, i) => r.delayMs >= 3 * 2 ** i && r.delayMs <= 4 * 2 ** i);
    expect(bounds).toEqual([true, true, true]);
  });
});
