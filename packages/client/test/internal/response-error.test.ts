// Zuora's rate-limit headers, read by the one parser (rateLimitOf): every window of the multi-window
// RateLimit-Limit, and whatever junk a gateway may send instead, never thrown.
import { describe, expect, it } from "vitest";
import {
  currentRateLimit,
  noteRateLimit,
  type RateLimitState,
  rateLimitOf,
} from "../../src/internal/response-error.js";

const AT = Date.UTC(2026, 11, 5, 4, 0);
const parse = (headers: Record<string, string>) => rateLimitOf(new Headers(headers), AT);

describe("rateLimitOf", () => {
  it("reads Zuora's multi-window form: the nearest window's quota first, then every policy in order", () => {
    expect(
      parse({
        "RateLimit-Limit": "2250000, 50000;w=60, 2250000;w=3600, 27000000;w=86400",
        "RateLimit-Remaining": "2249000",
        "RateLimit-Reset": "600",
      }),
    ).toEqual({
      limit: 2_250_000,
      remaining: 2_249_000,
      resetSeconds: 600,
      windowSeconds: 3600,
      windows: [
        { limit: 50_000, windowSeconds: 60 },
        { limit: 2_250_000, windowSeconds: 3600 },
        { limit: 27_000_000, windowSeconds: 86_400 },
      ],
      observedAt: AT,
    });
  });

  it("a single number is the quota, with no windows and no window length", () => {
    const info = parse({ "RateLimit-Limit": "50000", "RateLimit-Remaining": "49999", "RateLimit-Reset": "42" });
    expect(info).toEqual({ limit: 50_000, remaining: 49_999, resetSeconds: 42, observedAt: AT });
    expect(info).not.toHaveProperty("windows");
    expect(info).not.toHaveProperty("windowSeconds");
  });

  it("tolerates spaces, unknown parameters, quoted values, and skips items it cannot read", () => {
    expect(
      parse({
        "RateLimit-Limit":
          ' 100 ,  100 ; w = 60 ; comment="per minute", abc, 5000;q=1, -3;w=60, 7;w=0, 7;w=x, 9000;W="3600", ,',
      }),
    ).toEqual({
      limit: 100,
      remaining: undefined,
      resetSeconds: undefined,
      windowSeconds: 60,
      windows: [
        { limit: 100, windowSeconds: 60 },
        { limit: 9000, windowSeconds: 3600 },
      ],
      observedAt: AT,
    });
  });

  it("no window length when two windows share the nearest quota", () => {
    const info = parse({ "RateLimit-Limit": "10, 10;w=1, 10;w=60" });
    expect(info?.windows).toHaveLength(2);
    expect(info).not.toHaveProperty("windowSeconds");
  });

  it("a window of quota 0 is a window (nothing may be sent in it); a negative one is junk", () => {
    expect(parse({ "RateLimit-Limit": "0, 0;w=60, -1;w=5" })).toMatchObject({
      limit: 0,
      windowSeconds: 60,
      windows: [{ limit: 0, windowSeconds: 60 }],
    });
  });

  it("the same length twice is still that length", () => {
    expect(parse({ "RateLimit-Limit": "10, 10;w=60, 10;w=60" })?.windowSeconds).toBe(60);
  });

  it("a first item that is itself a policy counts as a window", () => {
    expect(parse({ "RateLimit-Limit": "50000;w=60" })).toMatchObject({
      limit: 50_000,
      windowSeconds: 60,
      windows: [{ limit: 50_000, windowSeconds: 60 }],
    });
  });

  it("nothing readable is undefined; junk never throws", () => {
    expect(parse({})).toBeUndefined();
    expect(
      parse({ "RateLimit-Limit": "lots", "RateLimit-Remaining": "some", "RateLimit-Reset": "soon" }),
    ).toBeUndefined();
    expect(parse({ "RateLimit-Limit": ";;;,,,;w=;w=5" })).toBeUndefined();
    expect(parse({ "RateLimit-Remaining": "0" })).toEqual({
      limit: undefined,
      remaining: 0,
      resetSeconds: undefined,
      observedAt: AT,
    });
  });

  it("observedAt defaults to now", () => {
    const before = Date.now();
    const info = rateLimitOf(new Headers({ "RateLimit-Remaining": "1" }));
    expect(info?.observedAt).toBeGreaterThanOrEqual(before);
    expect(info?.observedAt).toBeLessThanOrEqual(Date.now());
  });
});

describe("the client's rate-limit state", () => {
  it("is undefined until an answer carries the headers, then follows the latest such answer", () => {
    const state: RateLimitState = {};
    noteRateLimit(state, new Headers({ "Content-Type": "application/json" }), 1);
    expect(currentRateLimit(state)).toBeUndefined();
    noteRateLimit(state, new Headers({ "RateLimit-Remaining": "9" }), 2);
    noteRateLimit(state, new Headers({ "RateLimit-Reset": "3" }), 3);
    expect(currentRateLimit(state)).toMatchObject({ remaining: undefined, resetSeconds: 3, observedAt: 3 });
    noteRateLimit(state, new Headers({ "RateLimit-Limit": "50000" }), 4);
    expect(currentRateLimit(state)).toMatchObject({ limit: 50_000, observedAt: 4 });
    // An answer without them leaves the state as it was.
    noteRateLimit(state, new Headers(), 5);
    expect(currentRateLimit(state)).toMatchObject({ limit: 50_000, observedAt: 4 });
  });

  it("headers that cannot be read leave the last readable state", () => {
    const state: RateLimitState = {};
    noteRateLimit(state, new Headers({ "RateLimit-Remaining": "7" }), 1);
    expect(currentRateLimit(state)?.remaining).toBe(7);
    noteRateLimit(state, new Headers({ "RateLimit-Remaining": "junk" }), 2);
    expect(currentRateLimit(state)).toMatchObject({ remaining: 7, observedAt: 1 });
  });
});
