// Reading and writing an export's CSV text, whatever its delimiter.
import Papa from "papaparse";

/** A CSV file's layout: which delimiter its header line uses and how lines end. */
export interface CsvLayout {
  delimiter: "\t" | "," | ";";
  newline: "\r\n" | "\n";
  /** Whether the text ends with a line break. */
  finalNewline: boolean;
}

/** The layout of `text`: the delimiter its first line has most of (tab when it has none), and its line breaks. */
export function csvLayout(text: string): CsvLayout {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (character: string) => firstLine.split(character).length - 1;
  const candidates = (["\t", ",", ";"] as const).map((delimiter) => ({ delimiter, n: count(delimiter) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  return {
    delimiter: best.n > 0 ? best.delimiter : "\t",
    newline: text.includes("\r\n") ? "\r\n" : "\n",
    finalNewline: /\r?\n$/.test(text),
  };
}

/** The rows of `text` (header included), split by its layout; empty lines are skipped. */
export function parseCsv(text: string, layout: CsvLayout = csvLayout(text)): string[][] {
  return Papa.parse<string[]>(text, { delimiter: layout.delimiter, newline: layout.newline, skipEmptyLines: true })
    .data;
}

/** `rows` as CSV text in `layout`. */
export function writeCsv(rows: readonly (readonly string[])[], layout: CsvLayout): string {
  const text = Papa.unparse(rows as string[][], { delimiter: layout.delimiter, newline: layout.newline });
  return layout.finalNewline && rows.length > 0 ? `${text}${layout.newline}` : text;
}

/** The delimiter in words. */
export function delimiterName(delimiter: CsvLayout["delimiter"]): string {
  return delimiter === "\t" ? "tab" : delimiter === "," ? "comma" : "semicolon";
}
