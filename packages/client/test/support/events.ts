// Events a test can wait for (a request the server saw, an onRetry or onStatus call), so timing follows what
// happened instead of a sleep.

export interface Events<T> {
  /** What happened so far, in order. */
  readonly seen: T[];
  /** Records one event. */
  push(event: T): void;
  /** Resolves once `count` events have happened. */
  reached(count: number): Promise<void>;
}

export function events<T>(): Events<T> {
  const seen: T[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  return {
    seen,
    push(event) {
      seen.push(event);
      for (const waiter of waiting.filter((w) => w.count <= seen.length)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    reached: (count) =>
      count <= seen.length ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
  };
}
