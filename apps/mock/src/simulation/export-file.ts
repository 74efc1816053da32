// The export file as Zuora documents it: UTF-16LE with a byte-order mark, tab-separated, CRLF line ends, the
// column names first. Produced in chunks, so a large run is never held in memory as one string.
import type { Cell, Row, RowSet } from "./rows.js";

const BOM = Buffer.from([0xff, 0xfe]);
const ROWS_PER_CHUNK = 500;

/** A field as CSV with a tab delimiter: quoted only when it holds a tab, a quote or a line break. */
function field(value: Cell): string {
  const text = value === null ? "" : String(value);
  return /[\t"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (fields: readonly Cell[]) => `${fields.map(field).join("\t")}\r\n`;

/** The header line, as text (what the response validator sees of the body). */
export const headerLine = (rows: RowSet): string => line(rows.columns);

/** How many chunks {@link exportChunks} makes of `rows`. */
export const exportChunkCount = (rows: RowSet): number => 1 + Math.ceil(rows.count / ROWS_PER_CHUNK);

/** The whole file, encoded, chunk by chunk: BOM and header first. */
export function* exportChunks(rows: RowSet): Generator<Buffer> {
  yield Buffer.concat([BOM, Buffer.from(headerLine(rows), "utf16le")]);
  for (let start = 0; start < rows.count; start += ROWS_PER_CHUNK) {
    let text = "";
    for (let index = start; index < Math.min(start + ROWS_PER_CHUNK, rows.count); index++) {
      const row = rows.row(index);
      text += line(rows.columns.map((column) => row[column] ?? null));
    }
    yield Buffer.from(text, "utf16le");
  }
}

// A measure column of a Summary report, as Zuora's UI names it ("SUM of 'Account: Account Balance'").
const MEASURE = /^(SUM|COUNT|AVG|AVERAGE|MIN|MAX) of /i;
const AMOUNT = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;

/** `a + b` for cells that read as amounts (thousands separators kept when either had them); else `b`. */
function add(a: Cell | undefined, b: Cell): Cell {
  if (a === undefined || a === null || a === "") {
    return b;
  }
  const [x, y] = [String(a), String(b)];
  if (!AMOUNT.test(x) || !AMOUNT.test(y)) {
    return b;
  }
  const decimals = Math.max(x.split(".")[1]?.length ?? 0, y.split(".")[1]?.length ?? 0);
  const sum = Number(x.replaceAll(",", "")) + Number(y.replaceAll(",", ""));
  if (typeof a === "number" && typeof b === "number") {
    return Number(sum.toFixed(decimals));
  }
  const grouped = x.includes(",") || y.includes(",");
  return grouped
    ? sum.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    : sum.toFixed(decimals);
}

/**
 * A Summary report's rows as a crosstab, the way Zuora's UI groups them ("Crosstab CSV"): the groups but the last
 * down the side (one line per combination, in order of first sight), the last group's values across the top, and
 * in each cell the measure of that row and column (summed when several rows fall in it; empty when none do). With
 * several measures, a column per value and measure (`East Inc: SUM of …`). Rows with one column or no group stay flat.
 */
export function crosstab(rows: RowSet): RowSet {
  const measures = rows.columns.filter((column) => MEASURE.test(column));
  const measureColumns = measures.length > 0 ? measures : rows.columns.slice(-1);
  const groups = rows.columns.filter((column) => !measureColumns.includes(column));
  const across = groups.at(-1);
  if (across === undefined || groups.length < 2) {
    return rows;
  }
  const down = groups.slice(0, -1);
  const values: string[] = [];
  const lines = new Map<string, Row>();
  for (let index = 0; index < rows.count; index++) {
    const row = rows.row(index);
    const value = String(row[across] ?? "");
    if (!values.includes(value)) {
      values.push(value);
    }
    const key = JSON.stringify(down.map((column) => row[column] ?? null));
    let line = lines.get(key);
    if (!line) {
      line = Object.fromEntries(down.map((column) => [column, row[column] ?? null]));
      lines.set(key, line);
    }
    for (const measure of measureColumns) {
      const cell = measureColumns.length === 1 ? value : `${value}: ${measure}`;
      line[cell] = add(line[cell], row[measure] ?? null);
    }
  }
  const columns = [
    ...down,
    ...values.flatMap((v) => (measureColumns.length === 1 ? [v] : measureColumns.map((m) => `${v}: ${m}`))),
  ];
  const table = [...lines.values()];
  return { columns, count: table.length, row: (index) => table[index] ?? {} };
}
