// The shapes of Zuora's answers, generated from the spec's schemas (`RESPONSE_SHAPES` of @zuora-reports/types): an
// answer that does not match becomes a ZuoraError that names the field, instead of a TypeError somewhere later
// (`run.status` of null, `for (row of page)` of undefined). A run's status and report type are read tolerantly: any
// non-empty string is accepted, for Zuora may add values the spec does not list yet (see the README's "What the
// client accepts from Zuora"); a status that differs from a known one only in case is read as that one.
import { REPORT_RUN_STATUSES, REPORT_TYPES, RESPONSE_SHAPES, type ReportRun } from "@zuora-reports/types";

/** What a value must be: a kind from {@link TESTS}, or the list of its allowed values. */
type Rule = keyof typeof TESTS | readonly string[];
/** The rules for an object's fields, or one rule for the whole value. */
export type Shape = Rule | Readonly<Record<string, Rule>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Each kind of the generated shapes: what a message calls it, and its test. */
const TESTS = {
  string: ["a non-empty string", (value: unknown) => typeof value === "string" && value !== ""],
  timestamp: ["a timestamp", (value: unknown) => typeof value === "string" || typeof value === "number"],
  count: ["an integer ≥ 0", (value: unknown) => Number.isInteger(value) && (value as number) >= 0],
  rows: ["an array of row objects", (value: unknown) => Array.isArray(value) && value.every(isObject)],
  object: ["an object", isObject],
} as const;

/** The enumerations whose values Zuora may extend: any non-empty string passes. */
const OPEN: readonly Rule[] = [REPORT_RUN_STATUSES, REPORT_TYPES];

/** The payload shape of each operation that answers `{ success, response }`. */
export const SHAPES: Readonly<Record<keyof typeof RESPONSE_SHAPES, Shape>> = RESPONSE_SHAPES;

/** What is wrong with `value` (at `response`, or its field `key`) for `rule`, e.g. `response.page is missing, …`. */
const problem = (value: unknown, rule: Rule, key = ""): string | undefined =>
  // The open enumerations are checked as the strings they are.
  OPEN.includes(rule)
    ? problem(value, "string", key)
    : (typeof rule === "object" ? rule.includes(value as string) : TESTS[rule][1](value))
      ? undefined
      : `response${key && `.${key}`} is ${value === undefined ? "missing" : JSON.stringify(value).slice(0, 60)}, expected ${
          typeof rule === "object" ? `one of ${rule.join(", ")}` : TESTS[rule][0]
        }`;

/** What is wrong with `response` for `shape`; undefined if nothing is. */
export function shapeProblem(response: unknown, shape: Shape): string | undefined {
  if (typeof shape === "string" || Array.isArray(shape)) {
    return problem(response, shape as Rule);
  }
  // Once the answer is not an object, its fields are not looked at.
  let found = problem(response, "object");
  for (const key in shape) {
    found ??= problem((response as Record<string, unknown>)[key], (shape as Record<string, Rule>)[key] as Rule, key);
  }
  return found;
}

/** `run`, its status read as the known one it matches but for case (`completed` → `COMPLETED`), else as it came. */
export function readRun(run: ReportRun): ReportRun {
  run.status = REPORT_RUN_STATUSES.find((known) => known === run.status.toUpperCase()) ?? run.status;
  return run;
}
