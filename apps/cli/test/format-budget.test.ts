import { describe, expect, it } from "vitest";
import { budgetJson, formatBudget, windowLength } from "../src/format/budget.js";

describe("formatBudget", () => {
  it("says what is left of the window nearest exhaustion, and every window of Zuora's multi-window header", () => {
    expect(
      formatBudget({
        limit: 2500,
        remaining: 2499,
        resetSeconds: 59,
        windowSeconds: 60,
        windows: [
          { limit: 2500, windowSeconds: 60 },
          { limit: 5000, windowSeconds: 3600 },
          { limit: 10000, windowSeconds: 86400 },
        ],
        observedAt: 1,
      }),
    ).toBe(
      "rate limit: 2,499 of 2,500 requests left in the 1 min window, resets in 59 s (limits: 2,500/1 min, 5,000/1 h, 10,000/1 day)",
    );
  });

  it("reads a single-number header too, and says nothing without a remaining count", () => {
    expect(formatBudget({ limit: 100, remaining: 7 })).toBe(
      "rate limit: 7 of 100 requests left in the window nearest exhaustion",
    );
    expect(formatBudget({ limit: 100 })).toBeUndefined();
    expect(formatBudget(undefined)).toBeUndefined();
  });

  it("names window lengths as people do", () => {
    expect([60, 3600, 86400, 172800, 90, 45].map(windowLength)).toEqual([
      "1 min",
      "1 h",
      "1 day",
      "2 day",
      "90 s",
      "45 s",
    ]);
  });
});

describe("budgetJson", () => {
  it("is one JSON line without the client's clock reading, null when Zuora sent nothing", () => {
    expect(budgetJson({ limit: 5, remaining: 4, observedAt: 123 })).toBe('{"rateLimit":{"limit":5,"remaining":4}}');
    expect(budgetJson(undefined)).toBe('{"rateLimit":null}');
  });
});
