// Parsers for command-line values. Each throws UsageError with a message naming the flag and what it accepts.
// The spec's id pattern, generated from it (Prism rejects anything else with 422, Zuora with an HTML 400 page).
import { ID_PATTERN } from "@zuora-reports/client";
import { UsageError } from "./exit-codes.js";

/** Checks a report or report-run id; `what` names it in the message. */
export function parseId(value: string, what: string): string {
  const id = value.trim();
  if (id === "") {
    throw new UsageError(`${what} is empty.`);
  }
  if (!ID_PATTERN.test(id)) {
    throw new UsageError(
      `${what} "${truncate(id)}" is not an id: use 1 to 64 letters, digits, "-" or "_" (e.g. ff808081529f4e3401529fd61f080074).`,
    );
  }
  return id;
}

/** An integer in [min, max]. */
export function parseInteger(value: string, flag: string, min: number, max: number): number {
  const text = value.trim();
  const number = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${truncate(value)}".`);
  }
  return number;
}

/** A positive number of seconds (decimals allowed), returned in milliseconds. */
export function parseSeconds(value: string, flag: string): number {
  const text = value.trim();
  const seconds = Number(text);
  if (text === "" || !Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 24 * 3600) {
    throw new UsageError(`${flag} must be a number of seconds above 0 (at most a week), not "${truncate(value)}".`);
  }
  return Math.round(seconds * 1000);
}

/** One of `choices`, matched case-insensitively and returned in its canonical spelling. */
export function parseChoice<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  const match = choices.find((choice) => choice.toLowerCase() === value.trim().toLowerCase());
  if (!match) {
    throw new UsageError(`${flag} must be one of ${choices.join(", ")}, not "${truncate(value)}".`);
  }
  return match;
}

/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses `-H "Name: value"`. The value is never echoed back: it may be a credential. */
export function parseHeader(text: string): [name: string, value: string] {
  const colon = text.indexOf(":");
  const name = colon === -1 ? "" : text.slice(0, colon).trim();
  if (colon === -1 || !HEADER_NAME.test(name)) {
    throw new UsageError('-H/--header expects "Name: value" (e.g. -H "Prefer: example=started").');
  }
  const value = text.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(value)) {
    throw new UsageError(`-H/--header ${name}: the value may not contain line breaks.`);
  }
  return [name, value];
}

function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Zuora ignores words shorter than 3 letters: a text without a longer one would find nothing. */
export function parseSearchText(value: string): string {
  const text = value.trim();
  if (!text.split(/\s+/).some((word) => word.length >= 3)) {
    throw new UsageError(`search needs a word of 3 letters or more (Zuora ignores shorter ones), got "${text}".`);
  }
  return text;
}

/** A `run` argument: a report id or a report's name; only emptiness is refused here. */
export function parseReportRef(value: string): string {
  const ref = value.trim();
  if (ref === "") {
    throw new UsageError("reportId is empty: give a report's id or its name.");
  }
  return ref;
}
