// Zuora's rate limits: several fixed windows per credential group (a minute, an hour, a day), each counted down,
// reported in the multi-window form of the RateLimit-* headers Zuora sends, then 429 with Retry-After until every
// exhausted window has reset.

/** One window: `limit` requests per `seconds`. */
export interface RateWindow {
  limit: number;
  seconds: number;
}

/** Zuora's tenant types, by the windows it documents for each (developer.zuora.com, Rate limits). */
export type TenantType = "production" | "developer-sandbox" | "api-sandbox";
export const TENANT_TYPES: readonly TenantType[] = ["production", "developer-sandbox", "api-sandbox"];

const windows = (minute: number, hour: number, day: number): RateWindow[] => [
  { limit: minute, seconds: 60 },
  { limit: hour, seconds: 3600 },
  { limit: day, seconds: 86_400 },
];

/** The windows of each tenant type (Production and Central Sandbox share theirs). */
export const TENANT_WINDOWS: Readonly<Record<TenantType, readonly RateWindow[]>> = {
  production: windows(50_000, 2_250_000, 27_000_000),
  "developer-sandbox": windows(12_500, 25_000, 50_000),
  "api-sandbox": windows(2_500, 5_000, 10_000),
};

/** The token endpoint's window on every tenant type. */
export const TOKEN_WINDOWS: readonly RateWindow[] = [{ limit: 2_000, seconds: 60 }];

/** A credential's windows after one request. */
export interface RateLimitState {
  allowed: boolean;
  /** The quota of the window nearest exhaustion (fewest remaining; of those, the one that resets last). */
  limit: number;
  remaining: number;
  /** Whole seconds until that window resets (at least 1 while it runs). */
  resetSeconds: number;
  /** Every window, as `RateLimit-Limit` lists it after the quota: `50000;w=60, 2250000;w=3600`. */
  policy: string;
}

/** The `RateLimit-*` headers of a state, in Zuora's multi-window form. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": `${state.limit}, ${state.policy}`,
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}

/** Counts requests per key in fixed windows, each starting with the key's first request after the last reset. */
export class RateLimiter {
  readonly #counts = new Map<string, { start: number; count: number }[]>();
  readonly #windows: readonly RateWindow[];
  readonly #policy: string;
  readonly #now: () => number;

  constructor(windows: readonly RateWindow[], now: () => number) {
    if (windows.length === 0) {
      throw new RangeError("A rate limiter needs at least one window.");
    }
    this.#windows = windows;
    this.#policy = windows.map((w) => `${w.limit};w=${w.seconds}`).join(", ");
    this.#now = now;
  }

  /** Counts one request of `key`; a refused request counts for no window. */
  take(key: string): RateLimitState {
    const now = this.#now();
    let counts = this.#counts.get(key);
    if (!counts) {
      counts = this.#windows.map(() => ({ start: now, count: 0 }));
      this.#counts.set(key, counts);
    }
    const views = this.#windows.map((window, i) => {
      const count = counts[i] as { start: number; count: number };
      if (now >= count.start + window.seconds * 1000) {
        count.start = now;
        count.count = 0;
      }
      return { window, count };
    });
    const allowed = views.every(({ window, count }) => count.count < window.limit);
    if (allowed) {
      for (const { count } of views) {
        count.count += 1;
      }
    }
    let nearest: { limit: number; remaining: number; resetSeconds: number } | undefined;
    for (const { window, count } of views) {
      const remaining = Math.max(0, window.limit - count.count);
      const resetSeconds = Math.max(1, Math.ceil((count.start + window.seconds * 1000 - now) / 1000));
      if (
        !nearest ||
        remaining < nearest.remaining ||
        (remaining === nearest.remaining && resetSeconds > nearest.resetSeconds)
      ) {
        nearest = { limit: window.limit, remaining, resetSeconds };
      }
    }
    return { allowed, ...(nearest as NonNullable<typeof nearest>), policy: this.#policy };
  }
}
