// `--verbose`: what is left of Zuora's rate limit after a command, from the client's latest `RateLimit-*` headers.
import type { RateLimitInfo } from "@zuora-reports/client";

const count = (n: number) => n.toLocaleString("en-US");

/** A window's length as people say it: `60 s` → `1 min`, `3600 s` → `1 h`, `86400 s` → `1 day`. */
export function windowLength(seconds: number): string {
  if (seconds % 86_400 === 0) {
    return `${seconds / 86_400} day`;
  }
  if (seconds % 3600 === 0) {
    return `${seconds / 3600} h`;
  }
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * One line for people, e.g. `rate limit: 2,499 of 2,500 requests left in the 1 min window, resets in 59 s (limits:
 * 2,500/1 min, 5,000/1 h, 10,000/1 day)`; undefined when Zuora sent no count to show.
 */
export function formatBudget(info: RateLimitInfo | undefined): string | undefined {
  if (info?.remaining === undefined) {
    return undefined;
  }
  const of = info.limit === undefined ? "" : ` of ${count(info.limit)}`;
  const window =
    info.windowSeconds === undefined
      ? "the window nearest exhaustion"
      : `the ${windowLength(info.windowSeconds)} window`;
  const reset = info.resetSeconds === undefined ? "" : `, resets in ${count(info.resetSeconds)} s`;
  const windows = info.windows?.length
    ? ` (limits: ${info.windows.map((w) => `${count(w.limit)}/${windowLength(w.windowSeconds)}`).join(", ")})`
    : "";
  return `rate limit: ${count(info.remaining)}${of} requests left in ${window}${reset}${windows}`;
}

/** The same for `--json`: one JSON line, `{"rateLimit": {…}}` (`null` when Zuora sent none), no clock reading. */
export function budgetJson(info: RateLimitInfo | undefined): string {
  if (info === undefined) {
    return JSON.stringify({ rateLimit: null });
  }
  const { observedAt: _observedAt, ...rest } = info;
  return JSON.stringify({ rateLimit: rest });
}
