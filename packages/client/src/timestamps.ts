import type { Timestamp } from "@zuora-reports/types";
import { InvalidArgumentError } from "./errors.js";

// 2018-04-13T02:11:38.464+0000, …+00:00, …Z; seconds and fraction optional.
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.(\d+))?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Turns a Zuora timestamp into a `Date`. Zuora publishes two forms: epoch milliseconds (`1453166692000`, also as a
 * digit string) and ISO 8601 with a colon-less offset (`2018-04-13T02:11:38.464+0000`). A string without an offset
 * is read as UTC. Anything else throws {@link InvalidArgumentError}.
 */
export function parseTimestamp(value: Timestamp): Date {
  let ms = Number.NaN;
  if (typeof value === "number") {
    ms = value;
  } else if (typeof value === "string") {
    const text = value.trim();
    const iso = ISO.exec(text);
    if (/^-?\d+$/.test(text)) {
      ms = Number(text);
    } else if (iso) {
      const [, dateTime = "", fraction, zone = "Z"] = iso;
      // Date.parse wants at most millisecond precision and a colon in the offset.
      const base = fraction ? dateTime.replace(/\.\d+$/, `.${fraction.slice(0, 3).padEnd(3, "0")}`) : dateTime;
      ms = Date.parse(base + (zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`));
    }
  }
  // An invalid Date (NaN, ±Infinity, out of range) has no time.
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`Not a Zuora timestamp: ${JSON.stringify(value)}.`);
  }
  return date;
}
