// The export file as Zuora documents it: UTF-16LE with a byte-order mark, tab-separated, CRLF line ends, the
// column names first. Produced in chunks, so a large run is never held in memory as one string.
import type { Cell, RowSet } from "./rows.js";

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
