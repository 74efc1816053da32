// How `reportRows` pages through a run's data (the iterator is internal/rows.ts).

/** Options of {@link ReportingClient.reportRows}. */
export interface ReportRowsOptions {
  /** Rows per request (default 1000). Zuora documents no maximum. */
  pageSize?: number;
  /**
   * The `offset` of the first request (default 1). Zuora's docs say `offset` is the number of records skipped and
   * is "usually 1, to skip the header record"; they do not say more precisely how it counts, so it is an option.
   */
  startOffset?: number;
  /** Stops the iteration; the pending `next()` rejects with `UserAbortError`. */
  signal?: AbortSignal;
  /** Timeout of each page request (default: the client's). */
  timeoutMs?: number;
}

/** The defaults of {@link ReportRowsOptions}. */
export const ROWS_DEFAULTS = { pageSize: 1000, startOffset: 1 } as const;
