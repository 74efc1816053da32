// The rows of a completed run: a published example's rows first, then rows generated in their image, one column
// at a time (dates stay dates in the same format, amounts stay amounts, ids stay ids, other values are picked
// from the example's). A row is a pure function of (seed, index), so paging deep costs no more than page one.
import { type Conformance, exampleOf, type Json } from "@zuora-reports/conformance";
import type { RowTemplate } from "./scenarios.js";

/** One value of a row. */
export type Cell = string | number | boolean | null;
/** One row: values by column name. */
export type Row = Record<string, Cell>;

/** The rows of a completed run, made on demand. */
export interface RowSet {
  readonly columns: readonly string[];
  readonly count: number;
  row(index: number): Row;
}

/** The rows of a published example: Get Report Data's `page`, or an export's tab-separated text. */
export interface TemplateRows {
  columns: string[];
  rows: Row[];
}

/** Splits tab-separated text (CRLF or LF lines) into a header and rows. */
export function parseTsv(text: string): TemplateRows {
  const [header = "", ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const columns = header.split("\t");
  const rows = lines.map((line) => {
    const fields = line.split("\t");
    return Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? ""]));
  });
  return { columns, rows };
}

/** The rows of the published example `template` names. */
export function templateRows(spec: Conformance, template: RowTemplate): TemplateRows {
  const { value } = exampleOf(spec.operation(template.operationId), 200, template.example);
  if (typeof value === "string") {
    return parseTsv(value);
  }
  const page = (value as { response?: { page?: Json } } | null)?.response?.page;
  if (!Array.isArray(page) || page.length === 0) {
    throw new Error(`The ${template.operationId} example ${template.example} has no rows to copy.`);
  }
  const rows = page as Row[];
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return { columns, rows };
}

// FNV-1a, then mulberry32: small, fast and the same on every machine.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DATE = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/;
const AMOUNT = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;
const HEX_ID = /^[0-9a-f]{16,}$/;

/** Zuora's display form of a date, e.g. `Dec 7, 2013 2:18:00 PM` (UTC). */
function formatDate(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${hours % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
}

type Generator = (next: () => number, index: number) => Cell;

/** How to make more values of a column like its example values. */
function generatorFor(values: Cell[]): Generator {
  const texts = values.map((v) => String(v));
  if (texts.every((t) => DATE.test(t))) {
    const start = Math.min(...texts.map((t) => Date.parse(`${t} UTC`)).filter(Number.isFinite));
    // About one row every three hours from the earliest example on, minutes apart at random.
    return (next, index) => formatDate(start + index * 3 * 3_600_000 + Math.floor(next() * 170) * 60_000);
  }
  if (texts.every((t) => AMOUNT.test(t))) {
    const numbers = texts.map((t) => Number(t.replaceAll(",", "")));
    const low = Math.min(...numbers);
    const high = Math.max(...numbers) * 2;
    const decimals = Math.max(0, ...texts.map((t) => t.split(".")[1]?.length ?? 0));
    const grouped = texts.some((t) => t.includes(","));
    const asNumber = values.every((v) => typeof v === "number");
    return (next) => {
      const amount = Number((low + next() * (high - low)).toFixed(decimals));
      if (asNumber) {
        return amount;
      }
      return grouped
        ? amount.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
        : amount.toFixed(decimals);
    };
  }
  if (texts.every((t) => HEX_ID.test(t))) {
    const length = texts[0]?.length ?? 32;
    return (next) =>
      Array.from({ length }, () =>
        Math.floor(next() * 16)
          .toString(16)
          .toLowerCase(),
      ).join("");
  }
  const choices = [...new Set(values)];
  return (next) => choices[Math.floor(next() * choices.length)] ?? null;
}

/**
 * `count` rows: the template's rows first (as many as fit), then generated ones, the same for the same `seed`.
 */
export function rowSet(template: TemplateRows, seed: string, count: number): RowSet {
  const generators = template.columns.map(
    (column) => [column, generatorFor(template.rows.map((row) => row[column] ?? null))] as const,
  );
  const base = hash(seed);
  return {
    columns: template.columns,
    count,
    row(index) {
      const published = template.rows[index];
      if (published) {
        return published;
      }
      const next = random(base ^ Math.imul(index + 1, 0x9e3779b1));
      return Object.fromEntries(generators.map(([column, generate]) => [column, generate(next, index)]));
    },
  };
}
