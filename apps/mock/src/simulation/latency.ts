// Latency on demand: how long the mock waits before an answer's headers (`MOCK_LATENCY`: milliseconds, a uniform
// `min-max` range, per operation), and how long an export's body takes after them (`MOCK_LATENCY_BODY`).

/** Milliseconds, drawn uniformly from `min` to `max` (equal for a fixed delay). */
export interface LatencyRange {
  readonly min: number;
  readonly max: number;
}

/** The delay before the headers: per operation id, else the default (none when neither applies). */
export interface Latency {
  readonly default?: LatencyRange;
  readonly byOperation: ReadonlyMap<string, LatencyRange>;
}

/** The longest delay the mock takes: ten minutes. */
export const MAX_LATENCY_MS = 600_000;

const RANGE = /^(\d+)(?:-(\d+))?$/;
const OPERATION = /^[A-Za-z_][\w.-]*$/;

function rangeOf(text: string): LatencyRange | string {
  const found = RANGE.exec(text.trim());
  if (!found) {
    return `"${text.trim()}" is not milliseconds or <min>-<max>`;
  }
  const min = Number(found[1]);
  const max = found[2] === undefined ? min : Number(found[2]);
  if (max < min) {
    return `${min}-${max} runs backwards (min first)`;
  }
  if (max > MAX_LATENCY_MS) {
    return `${max} ms is more than ${MAX_LATENCY_MS}`;
  }
  return { min, max };
}

/**
 * Reads `<ms>`, `<min>-<max>`, or a comma-separated list of `<operationId>=<ms or min-max>` entries (one entry
 * without an operation id sets the default for the others). Returns the latency, `undefined` for none (all 0), or
 * why the text is refused.
 */
export function parseLatency(value: number | string): Latency | undefined | { refused: string } {
  const text = String(value);
  let fallback: LatencyRange | undefined;
  const byOperation = new Map<string, LatencyRange>();
  for (const entry of text.split(",")) {
    const equals = entry.indexOf("=");
    const operation = equals < 0 ? undefined : entry.slice(0, equals).trim();
    const range = rangeOf(equals < 0 ? entry : entry.slice(equals + 1));
    if (typeof range === "string") {
      return { refused: range };
    }
    if (operation === undefined) {
      if (fallback) {
        return { refused: "has more than one entry without an operation id" };
      }
      fallback = range;
    } else if (!OPERATION.test(operation)) {
      return { refused: `"${operation}" is not an operation id` };
    } else if (byOperation.has(operation)) {
      return { refused: `names ${operation} twice` };
    } else {
      byOperation.set(operation, range);
    }
  }
  const none = (r: LatencyRange | undefined) => r === undefined || r.max === 0;
  if (none(fallback) && [...byOperation.values()].every(none)) {
    return undefined;
  }
  return { ...(fallback && !none(fallback) ? { default: fallback } : {}), byOperation };
}

/** Why `value` is not a latency the mock takes (for the knobs' refusal), or undefined. */
export function refuseLatency(value: unknown): string | undefined {
  if (typeof value === "number" ? !Number.isInteger(value) || value < 0 : typeof value !== "string") {
    return "must be milliseconds, <min>-<max>, or <operationId>=<ms or min-max> entries, comma-separated";
  }
  const parsed = parseLatency(value as number | string);
  return parsed && "refused" in parsed
    ? `must be milliseconds, <min>-<max>, or <operationId>=… entries, comma-separated (${parsed.refused})`
    : undefined;
}

/** Why `value` is not a body latency (`<ms>` or `<min>-<max>`), or undefined. */
export function refuseBodyLatency(value: unknown): string | undefined {
  const text = typeof value === "number" && Number.isInteger(value) && value >= 0 ? String(value) : value;
  const range = typeof text === "string" ? rangeOf(text) : "not text";
  return typeof range === "string" ? `must be milliseconds or <min>-<max> (up to ${MAX_LATENCY_MS})` : undefined;
}

/** The body latency as a range, `undefined` for none. */
export function parseBodyLatency(value: number | string): LatencyRange | undefined {
  const range = rangeOf(String(value));
  return typeof range === "string" || range.max === 0 ? undefined : range;
}

const rangeText = (range: LatencyRange) => (range.min === range.max ? String(range.min) : `${range.min}-${range.max}`);

/** The latency as `MOCK_LATENCY` writes it (`0` for none). */
export function latencyText(latency: Latency | undefined): string {
  if (!latency) {
    return "0";
  }
  const entries = [...latency.byOperation].map(([operation, range]) => `${operation}=${rangeText(range)}`);
  return [...(latency.default ? [rangeText(latency.default)] : []), ...entries].join(",");
}

/** The body latency as `MOCK_LATENCY_BODY` writes it. */
export const bodyLatencyText = (range: LatencyRange | undefined): string => (range ? rangeText(range) : "0");

/** The delay of `operationId`'s answers, or undefined for none. */
export function latencyOf(latency: Latency, operationId: string): LatencyRange | undefined {
  return latency.byOperation.get(operationId) ?? latency.default;
}

/** A delay drawn from `range` (whole milliseconds, uniform). */
export function draw(range: LatencyRange, random: () => number = Math.random): number {
  return range.min + Math.floor(random() * (range.max - range.min + 1));
}
