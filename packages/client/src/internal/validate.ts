// Argument checks that run before any request, so a bad call fails at once with one clear message.
import { InvalidArgumentError } from "../errors.js";
import { isTrackId } from "../track-id.js";

/** Throws {@link InvalidArgumentError}. */
export const fail = (message: string): never => {
  throw new InvalidArgumentError(message);
};

const show = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** A report or run id: a non-empty string that cannot turn into a path segment such as `..`. */
export const checkId = (value: unknown, name: string): string =>
  typeof value === "string" && value.trim() && value !== "." && value !== ".."
    ? value
    : fail(`${name} must be a non-empty id string, got ${show(value)}.`);

/** A header value: 1-`max` printable US-ASCII characters, so it cannot split or smuggle headers. */
export const checkAscii = (value: unknown, name: string, max = 255): string =>
  typeof value === "string" && value.length <= max && /^[\x20-\x7e]+$/.test(value)
    ? value
    : fail(`${name} must be 1-${max} printable US-ASCII characters.`);

/** A `Zuora-Track-Id` (see {@link isTrackId}). */
export const checkTrackId = (value: unknown): string =>
  isTrackId(value)
    ? value
    : fail(`trackId must be 1-64 printable US-ASCII characters without : ; " or ', got ${show(value)}.`);

/** A number from `min` to `max`; an integer unless `integer` is false. */
export const checkNumber = (
  value: unknown,
  name: string,
  min: number,
  max = Number.POSITIVE_INFINITY,
  integer = true,
) =>
  typeof value === "number" &&
  value >= min &&
  value <= max &&
  (integer ? Number.isInteger(value) : Number.isFinite(value))
    ? value
    : fail(
        `${name} must be ${integer ? "an integer" : "a number"} from ${min}${max < Number.POSITIVE_INFINITY ? ` to ${max}` : " up"}, got ${show(value)}.`,
      );

/** A duration in ms, at least `min` (a timeout or an interval). */
export const checkMs = (value: unknown, name: string, min = 1): number =>
  checkNumber(value, name, min, Number.MAX_SAFE_INTEGER, false);
