import { describe, expect, it } from "vitest";
import { isRetryableRequest, isRetryableStatus, type RetryPolicy, retryDelayMs } from "../../src/internal/retry.js";

const policy: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };
const noJitter = () => 0;
const fullJitter = () => 1;

describe("retryDelayMs", () => {
  it("doubles from the base delay up to the cap, jitter taking off at most 25 %", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(policy, n, undefined, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(retryDelayMs(policy, 1, undefined, fullJitter)).toBe(375);
  });

  it("prefers Retry-After (seconds or HTTP date), then RateLimit-Reset, capped", () => {
    expect(retryDelayMs(policy, 1, new Headers({ "Retry-After": "3" }))).toBe(3000);
    expect(retryDelayMs(policy, 1, new Headers({ "Retry-After": "120" }))).toBe(60_000);
    expect(retryDelayMs(policy, 1, new Headers({ "RateLimit-Reset": "7" }))).toBe(7000);
    const date = new Date(Date.now() + 10_000).toUTCString();
    const fromDate = retryDelayMs(policy, 1, new Headers({ "Retry-After": date }));
    expect(fromDate).toBeGreaterThan(8000);
    expect(fromDate).toBeLessThanOrEqual(10_000);
    expect(retryDelayMs(policy, 2, new Headers({ "Retry-After": "soon" }), noJitter)).toBe(1000);
  });
});

describe("what is retried", () => {
  it("408, 429 and 5xx", () => {
    expect([400, 401, 403, 404, 408, 409, 429, 500, 502, 503].filter(isRetryableStatus)).toEqual([
      408, 429, 500, 502, 503,
    ]);
  });

  it("GET and DELETE always, POST only with an Idempotency-Key", () => {
    expect(isRetryableRequest("GET", new Headers())).toBe(true);
    expect(isRetryableRequest("DELETE", new Headers())).toBe(true);
    expect(isRetryableRequest("POST", new Headers())).toBe(false);
    expect(isRetryableRequest("POST", new Headers({ "Idempotency-Key": "k" }))).toBe(true);
  });
});
