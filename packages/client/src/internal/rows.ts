// Every row of a run's data, page by page, with one page in memory at a time.
import type { ReportDataPage, ReportRow } from "@zuora-reports/types";
import { type ReportRowsOptions, ROWS_DEFAULTS } from "../rows.js";
import { checkNumber } from "./validate.js";

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
