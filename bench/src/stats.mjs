// @ts-check
// Median and spread across rounds: the figure plus its noise, as every table cell shows them.

/**
 * @typedef {{ median: number, min: number, max: number, values: number[] }} Spread
 */

/**
 * Median, min and max of a non-empty list.
 * @param {number[]} values
 * @returns {Spread}
 */
export function spread(values) {
  if (values.length === 0) {
    throw new Error("spread() needs at least one value");
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? /** @type {number} */ (sorted[mid]) : (Number(sorted[mid - 1]) + Number(sorted[mid])) / 2;
  return { median, min: Number(sorted[0]), max: Number(sorted[sorted.length - 1]), values };
}

/**
 * Rotates a list by `n`, so each round starts with a different contender and order effects average out.
 * @template T
 * @param {T[]} list
 * @param {number} n
 * @returns {T[]}
 */
export function rotate(list, n) {
  const k = n % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
