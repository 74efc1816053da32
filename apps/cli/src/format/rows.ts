// Report rows as a text table, CSV or JSON. Rows are flat objects keyed by `<DataSource>.<Field>`.
import type { ReportRow } from "@zuora-reports/client";

/** The output formats of `data`. */
export const ROW_FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

type Cell = ReportRow[string];

/** The columns of `rows`: every key, in order of first appearance. */
export function columnsOf(rows: readonly ReportRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      columns.add(key);
    }
  }
  return [...columns];
}

function cellText(value: Cell | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

const MAX_CELL_WIDTH = 40;

/** An aligned text table with a header rule; long cells are cut at 40 characters with `…`. */
export function formatTable(rows: readonly ReportRow[], columns = columnsOf(rows)): string {
  const fitCell = (text: string) => {
    const flat = text.replace(/[\t\r\n]+/g, " ");
    return flat.length > MAX_CELL_WIDTH ? `${flat.slice(0, MAX_CELL_WIDTH - 1)}…` : flat;
  };
  const header = columns.map(fitCell);
  const body = rows.map((row) => columns.map((column) => fitCell(cellText(row[column]))));
  const widths = header.map((title, index) =>
    Math.max(title.length, ...body.map((cells) => cells[index]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(line)].join("\n")}\n`;
}

/** One CSV record (RFC 4180: fields with `,` `"` or line breaks are quoted), ending in CRLF. */
export function csvLine(values: readonly string[]): string {
  return `${values.map((value) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(",")}\r\n`;
}

/** A row's cells for `columns`, as CSV. */
export function csvRow(row: ReportRow, columns: readonly string[]): string {
  return csvLine(columns.map((column) => cellText(row[column])));
}
