import type { ReportRow, ZuoraNumberFormat } from "@zuora-reports/client";
import { type CommandContext, print } from "../context.js";
import { withNumbers } from "../format/numbers.js";
import { columnsOf, csvLine, csvRow, formatTable, type RowFormat } from "../format/rows.js";
import { write } from "../runtime.js";
import { interruptSignal, stoppedExit } from "../waiting.js";

export interface DataFlags {
  format: RowFormat;
  pageSize: number;
  offset: number;
  all: boolean;
  /** `--numbers`: numeric cells as plain numbers, read in this format. */
  numbers?: ZuoraNumberFormat;
}

/**
 * `data <reportRunId>`: one page of rows (`--offset`, `--page-size`), or every row with `--all`. NDJSON and CSV
 * stream page by page; the table needs every row first to align its columns, and a JSON array is printed whole.
 */
export async function dataCommand(context: CommandContext, runId: string, flags: DataFlags): Promise<void> {
  const { signal, stoppedBy, dispose } = interruptSignal(context.runtime);
  try {
    if (!flags.all) {
      const page = await context.client.getReportData(
        runId,
        { offset: flags.offset, pageSize: flags.pageSize },
        { signal },
      );
      await writeRows(context, flags.format, numbered(toAsync(page.page), flags.numbers));
      if (flags.format === "table") {
        const shown = page.page.length;
        const more =
          flags.offset + shown < page.total ? " Use --all for every row, or --offset for the next page." : "";
        await print(context, `${shown} of ${page.total} rows (offset ${page.offset}).${more}\n`);
      }
      return;
    }
    const count = await writeRows(
      context,
      flags.format,
      numbered(
        context.client.reportRows(runId, { pageSize: flags.pageSize, startOffset: flags.offset, signal }),
        flags.numbers,
      ),
    );
    if (flags.format === "table") {
      await print(context, `${count} rows.\n`);
    }
  } catch (error) {
    // Stopped by a signal: its own exit code (130, 143, 129), as the help promises, not the aborted request's.
    const stopped = stoppedBy();
    if (!stopped) {
      throw error;
    }
    throw stoppedExit(context.runtime, stopped, `Stopped (${stopped}) before every row was printed.`);
  } finally {
    dispose();
  }
}

async function* numbered(rows: AsyncIterable<ReportRow>, format: ZuoraNumberFormat | undefined) {
  for await (const row of rows) {
    yield format ? withNumbers(row, format) : row;
  }
}

async function* toAsync(rows: readonly ReportRow[]): AsyncIterable<ReportRow> {
  yield* rows;
}

/** Writes rows in `format`; returns how many. */
async function writeRows(context: CommandContext, format: RowFormat, rows: AsyncIterable<ReportRow>): Promise<number> {
  const out = context.runtime.stdout;
  let count = 0;
  switch (format) {
    case "table": {
      const all: ReportRow[] = [];
      for await (const row of rows) {
        all.push(row);
      }
      await print(context, all.length === 0 ? "No rows.\n" : formatTable(all));
      return all.length;
    }
    case "json": {
      // A JSON array is all or nothing: printed once every page has come, so a page that fails leaves stdout to
      // the error document (--format ndjson streams instead).
      const lines: string[] = [];
      for await (const row of rows) {
        lines.push(JSON.stringify(row));
      }
      await write(out, lines.length === 0 ? "[]\n" : `[\n  ${lines.join(",\n  ")}\n]\n`);
      return lines.length;
    }
    case "ndjson": {
      for await (const row of rows) {
        await write(out, `${JSON.stringify(row)}\n`);
        count++;
      }
      return count;
    }
    case "csv": {
      // Columns are the first row's keys: Zuora returns the same columns in every row of a run.
      let columns: string[] | undefined;
      for await (const row of rows) {
        if (!columns) {
          columns = columnsOf([row]);
          await write(out, csvLine(columns));
        }
        await write(out, csvRow(row, columns));
        count++;
      }
      return count;
    }
  }
}
