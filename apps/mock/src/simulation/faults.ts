// Faults on demand: a share of requests answered 500 or 429, or dropped without an answer. Spread evenly and
// deterministically (rate 0.25 → every 4th request), the kinds taking turns, so a test knows which request fails.

/** The faults on demand: a 500, a 429, or a connection closed without an answer. */
export const FAULT_KINDS = ["500", "429", "drop"] as const;
/** One kind of fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which requests fail, and how: every 1/rate-th request, the kinds taking turns. */
export class FaultPlan {
  readonly #rate: number;
  readonly #kinds: readonly FaultKind[];
  #requests = 0;
  #faults = 0;

  constructor(rate: number, kinds: readonly FaultKind[]) {
    this.#rate = rate;
    this.#kinds = kinds;
  }

  /** The fault of the next request, if it gets one. */
  next(): FaultKind | undefined {
    const n = this.#requests++;
    if (this.#rate <= 0 || this.#kinds.length === 0 || Math.floor((n + 1) * this.#rate) <= Math.floor(n * this.#rate)) {
      return undefined;
    }
    return this.#kinds[this.#faults++ % this.#kinds.length];
  }
}
