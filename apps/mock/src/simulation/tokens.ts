// OAuth tokens issued by the mock's /oauth/token, each with an expiry, so a client's refresh can be tested. A
// bearer token the mock never issued is accepted as it is (any token works, as the docs promise), and never expires.
import { randomBytes } from "node:crypto";

/** What a bearer token is: one this mock issued (valid or expired), or any other. */
export type TokenCheck = { kind: "valid"; clientId: string } | { kind: "expired" } | { kind: "foreign" };

/** The tokens /oauth/token issued, with their lifetimes. */
export class TokenStore {
  readonly #tokens = new Map<string, { clientId: string; expiresAt: number }>();
  #ttlSeconds: number;
  readonly #now: () => number;

  constructor(ttlSeconds: number, now: () => number) {
    this.#ttlSeconds = ttlSeconds;
    this.#now = now;
  }

  issue(clientId: string): { token: string; jti: string; expiresIn: number } {
    const token = randomBytes(16).toString("hex");
    this.#tokens.set(token, { clientId, expiresAt: this.#now() + this.#ttlSeconds * 1000 });
    // Forget tokens long expired, so a long-running mock does not grow without end.
    if (this.#tokens.size > 10_000) {
      for (const [key, entry] of this.#tokens) {
        if (entry.expiresAt < this.#now()) {
          this.#tokens.delete(key);
        }
      }
    }
    return { token, jti: randomBytes(16).toString("hex"), expiresIn: this.#ttlSeconds };
  }

  /** The lifetime of the tokens issued from now on. */
  set ttlSeconds(seconds: number) {
    this.#ttlSeconds = seconds;
  }

  /** Forgets every token issued: each becomes a foreign token again (accepted, never expiring). */
  reset(): void {
    this.#tokens.clear();
  }

  check(token: string): TokenCheck {
    const entry = this.#tokens.get(token);
    if (!entry) {
      return { kind: "foreign" };
    }
    return this.#now() < entry.expiresAt ? { kind: "valid", clientId: entry.clientId } : { kind: "expired" };
  }
}
