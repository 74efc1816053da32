// Zuora's report output carries the tenant's number formatting: `"1,729.76"` in Get Report Data, `-120.2` and
// `1,430.5` in an export. Opt-in: rows stay strings as Zuora sent them until a caller asks for numbers.
import { InvalidArgumentError } from "./errors.js";

/** How a tenant writes numbers (Zuora's number-format setting); the default is Zuora's published form, `1,729.76`. */
export interface ZuoraNumberFormat {
  /** Between groups of three digits: `","` (default), `"."`, `" "` (also a no-break space), `"'"`, or `""` for none. */
  thousands?: string;
  /** Before the fraction: `"."` (default) or `","`. */
  decimal?: string;
}

const SPACES = " \u00a0\u202f";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The pattern of one format, cached: a report has many cells and few formats. */
const patterns = new Map<string, RegExp>();

function patternOf(thousands: string, decimal: string): RegExp {
  if (!/^[.,]$/.test(decimal) || thousands.length > 1 || /[\d+-]/.test(thousands) || thousands === decimal) {
    throw new InvalidArgumentError(
      `Cannot read numbers with thousands ${JSON.stringify(thousands)} and decimal ${JSON.stringify(decimal)}: the decimal separator is "." or ",", the thousands separator one other character (not a digit or sign), or "".`,
    );
  }
  // Both checked above: the decimal separator is one character, so the key is unambiguous.
  const key = thousands + decimal;
  let pattern = patterns.get(key);
  if (!pattern) {
    // Groups of exactly three digits after the first: "1,72" is not a number in a 1,729.76 tenant (it is likely a
    // decimal comma, read with the wrong format), so it is refused rather than read as 172.
    const separator = thousands && SPACES.includes(thousands) ? `[${SPACES}]` : escapeRegExp(thousands);
    const integer = thousands ? `(?:\\d{1,3}(?:${separator}\\d{3})+|\\d+)` : "\\d+";
    pattern = new RegExp(`^([+-]?)(${integer})?(?:${escapeRegExp(decimal)}(\\d+))?$`);
    patterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Reads a number as Zuora formats it for the tenant: `"1,729.76"` → 1729.76, `"-120.2"` → -120.2, `"900.00"` → 900;
 * `"1.729,76"` → 1729.76 with `{ thousands: ".", decimal: "," }`. A number passes through unchanged.
 *
 * - An empty or blank cell (or `null`/`undefined`) is `undefined`: no value, which is not zero.
 * - Anything else that is not exactly a number in that format is `NaN`, never a guess: a date, an id, text, a
 *   misplaced separator (`"1,72"`), a currency symbol or code, a percent sign, an exponent, and a negative in
 *   parentheses (`"(120.20)"`: Zuora's published output writes a leading minus, `-120.2`). Test with
 *   `Number.isNaN`.
 *
 * Throws `InvalidArgumentError` for a format that cannot be read unambiguously (a decimal separator other than `.`
 * or `,`, a thousands separator equal to it).
 */
export function parseZuoraNumber(
  value: string | number | null | undefined,
  format: ZuoraNumberFormat = {},
): number | undefined {
  const decimal = format.decimal ?? ".";
  // A comma decimal separator goes with a dot between thousands unless told otherwise (1.729,76).
  const thousands = format.thousands ?? (decimal === "," ? "." : ",");
  const pattern = patternOf(thousands, decimal);
  if (typeof value === "number") {
    return value;
  }
  const text = value?.trim() ?? "";
  if (text === "") {
    return undefined;
  }
  const match = pattern.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) {
    return Number.NaN;
  }
  const digits = (match[2] ?? "0").replace(/\D/g, "");
  return Number(`${match[1]}${digits}${match[3] === undefined ? "" : `.${match[3]}`}`);
}
