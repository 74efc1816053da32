import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/simulation/rate-limit.js";
import { manualClock } from "../support/http.js";

describe("RateLimiter", () => {
  it("counts down per key within a window, refuses past the limit, and starts over after it", () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, 60, clock.now);
    expect(limiter.take("a")).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60 });
    expect(limiter.take("b").remaining).toBe(1);
    clock.advance(10_500);
    expect(limiter.take("a")).toEqual({ allowed: true, limit: 2, remaining: 0, resetSeconds: 50 });
    expect(limiter.take("a")).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 50 });
    clock.advance(49_500);
    expect(limiter.take("a")).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60 });
  });
});
