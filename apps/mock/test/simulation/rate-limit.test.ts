import { describe, expect, it } from "vitest";
import { RateLimiter, rateLimitHeaders, TENANT_WINDOWS } from "../../src/simulation/rate-limit.js";
import { manualClock } from "../support/http.js";

const ONE = "2;w=60";

describe("RateLimiter", () => {
  it("counts down per key within a window, refuses past the limit, and starts over after it", () => {
    const clock = manualClock();
    const limiter = new RateLimiter([{ limit: 2, seconds: 60 }], clock.now);
    expect(limiter.take("a")).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60, policy: ONE });
    expect(limiter.take("b").remaining).toBe(1);
    clock.advance(10_500);
    expect(limiter.take("a")).toEqual({ allowed: true, limit: 2, remaining: 0, resetSeconds: 50, policy: ONE });
    expect(limiter.take("a")).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 50, policy: ONE });
    clock.advance(49_500);
    expect(limiter.take("a")).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60, policy: ONE });
  });

  it("reports the window nearest exhaustion (fewest remaining), and refuses until every exhausted one resets", () => {
    const clock = manualClock();
    const limiter = new RateLimiter(
      [
        { limit: 3, seconds: 60 },
        { limit: 4, seconds: 3600 },
      ],
      clock.now,
    );
    // The minute window has fewer left at first.
    expect(limiter.take("a")).toMatchObject({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a")).toMatchObject({ allowed: false, limit: 3, remaining: 0, resetSeconds: 60 });
    clock.advance(60_000);
    // A new minute, but the hour has one left: now the hour is nearest exhaustion.
    expect(limiter.take("a")).toMatchObject({ allowed: true, limit: 4, remaining: 0, resetSeconds: 3540 });
    // Both at 0 for a refused request: the one that resets last says when to come back.
    expect(limiter.take("a")).toMatchObject({ allowed: false, limit: 4, remaining: 0, resetSeconds: 3540 });
    clock.advance(3_540_000);
    expect(limiter.take("a").allowed).toBe(true);
  });

  it("of windows exhausted together, names the one that resets last (the real wait)", () => {
    const clock = manualClock();
    const limiter = new RateLimiter(
      [
        { limit: 2, seconds: 60 },
        { limit: 2, seconds: 3600 },
      ],
      clock.now,
    );
    limiter.take("a");
    expect(limiter.take("a")).toMatchObject({ remaining: 0, resetSeconds: 3600 });
    clock.advance(30_000);
    expect(limiter.take("a")).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 3570 });
  });

  it("writes Zuora's multi-window headers", () => {
    const limiter = new RateLimiter(TENANT_WINDOWS["api-sandbox"], manualClock().now);
    expect(rateLimitHeaders(limiter.take("k"))).toEqual({
      "RateLimit-Limit": "2500, 2500;w=60, 5000;w=3600, 10000;w=86400",
      "RateLimit-Remaining": "2499",
      "RateLimit-Reset": "60",
    });
  });

  it("has Zuora's documented windows per tenant type", () => {
    expect(TENANT_WINDOWS).toEqual({
      production: [
        { limit: 50_000, seconds: 60 },
        { limit: 2_250_000, seconds: 3600 },
        { limit: 27_000_000, seconds: 86_400 },
      ],
      "developer-sandbox": [
        { limit: 12_500, seconds: 60 },
        { limit: 25_000, seconds: 3600 },
        { limit: 50_000, seconds: 86_400 },
      ],
      "api-sandbox": [
        { limit: 2_500, seconds: 60 },
        { limit: 5_000, seconds: 3600 },
        { limit: 10_000, seconds: 86_400 },
      ],
    });
  });
});
