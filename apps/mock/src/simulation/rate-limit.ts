// A fixed window per credential: `limit` requests per `windowSeconds`, counted down in RateLimit-* headers,
// then 429 with Retry-After until the window resets.

/** A credential's window after one request. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets (at least 1 while it runs). */
  resetSeconds: number;
}

/** Counts requests per credential in fixed windows. */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(limit: number, windowSeconds: number, now: () => number) {
    this.#limit = limit;
    this.#windowMs = windowSeconds * 1000;
    this.#now = now;
  }

  /** Counts one request of `key`. */
  take(key: string): RateLimitState {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || now >= window.start + this.#windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.start + this.#windowMs - now) / 1000));
    return {
      allowed: window.count <= this.#limit,
      limit: this.#limit,
      remaining: Math.max(0, this.#limit - window.count),
      resetSeconds,
    };
  }
}
