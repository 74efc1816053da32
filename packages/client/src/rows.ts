// Every row of a run's data, page by page, with one page in memory at a time.
import type { ReportDataPage, ReportRow } from "@zuora-reports/types";
import { checkNumber } from "./validate.js";

/** Options of {@link ReportingClient.reportRows}. */
export interface ReportRowsOptions {
  /** Rows per request (default 1000). Zuora documents no maximum. */
  pageSize?: number;
  /**
   * The `offset` of the first request (default 1). Zuora's docs say `offset` is the number of records skipped and
   * is "usually 1, to skip the header record"; they do not say more precisely how it counts, so it is an option.
   */
  startOffset?: number;
  /** Stops the iteration; the pending `next()` rejects with `AbortError`. */
  signal?: AbortSignal;
  /** Timeout of each page request (default: the client's). */
  timeoutMs?: number;
}

/** The defaults of {@link ReportRowsOptions}. */
export const ROWS_DEFAULTS = { pageSize: 1000, startOffset: 1 } as const;

/**
 * Yields every row of every page. Each next `offset` is the previous one plus the number of rows received, so a
 * server that returns fewer rows than asked for loses nothing. It stops once `total` rows are read, or at the
 * first empty page. The next page is only requested when the current one has been consumed.
 */
export function iterateRows(
  getPage: (offset: number, pageSize: number) => Promise<ReportDataPage>,
  options: ReportRowsOptions = {},
): AsyncIterable<ReportRow> {
  const pageSize = checkNumber(options.pageSize ?? ROWS_DEFAULTS.pageSize, "pageSize", 1);
  const startOffset = checkNumber(options.startOffset ?? ROWS_DEFAULTS.startOffset, "startOffset", 0);
  return {
    async *[Symbol.asyncIterator]() {
      let offset = startOffset;
      let read = 0;
      for (;;) {
        const { page, total } = await getPage(offset, pageSize);
        for (const row of page) {
          yield row;
        }
        read += page.length;
        offset += page.length;
        if (page.length === 0 || read >= total) {
          return;
        }
      }
    },
  };
}
