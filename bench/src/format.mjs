// @ts-check
// Number formatting shared by the console table and BENCHMARKS.md: every figure is "median (min–max)".

/** @typedef {import("./stats.mjs").Spread} Spread */

/** @param {number} n */
const sig = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

/** @param {number} n @param {boolean} [whole] whole numbers (counts) print without decimals */
const show = (n, whole) => (whole && Number.isInteger(n) ? String(n) : sig(n));

/**
 * A unit: how to scale a number for display. The median picks the scale, so min and max share its unit.
 * @typedef {(ref: number) => { div: number, suffix: string, whole?: boolean }} Unit
 */

/** @type {Unit} */
export const us = () => ({ div: 1, suffix: " µs" });
/** @type {Unit} */
export const ms = (ref) => (Math.abs(ref) >= 1000 ? { div: 1000, suffix: " s" } : { div: 1, suffix: " ms" });
/**
 * Throughput: `perSecond("calls")` → "12.3k calls/s".
 * @param {string} [what]
 * @returns {Unit}
 */
export const perSecond =
  (what = "ops") =>
  (ref) =>
    ref >= 1000 ? { div: 1000, suffix: `k ${what}/s` } : { div: 1, suffix: ` ${what}/s` };
export const ops = perSecond("ops");
export const calls = perSecond("calls");
export const requests = perSecond("req");
/** @type {Unit} */
export const times = () => ({ div: 1, suffix: "×" });
/** @type {Unit} */
export const count = () => ({ div: 1, suffix: "", whole: true });
/** @type {Unit} */
export const kb = () => ({ div: 1024, suffix: " kB" });
/** @type {Unit} */
export const mib = () => ({ div: 1, suffix: " MiB" });

/**
 * One number in a unit, scaled by `ref`.
 * @param {number} n
 * @param {Unit} unit
 * @param {number} [ref]
 */
export function fmt(n, unit, ref = n) {
  const { div, suffix, whole } = unit(ref);
  return `${show(n / div, whole)}${suffix}`;
}

/**
 * "median (min–max)" with the unit written once.
 * @param {Spread} s
 * @param {Unit} unit
 */
export function withNoise(s, unit) {
  if (s.values.length === 1 || s.min === s.max) {
    return fmt(s.median, unit);
  }
  const { div, whole } = unit(s.median);
  return `${fmt(s.median, unit)} (${show(s.min / div, whole)}–${show(s.max / div, whole)})`;
}

/**
 * A plain-text table with aligned columns, for the terminal.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/**
 * A GitHub-flavoured Markdown table.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function markdownTable(header, rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}
