// The shapes of Zuora's answers, from the spec's schemas: an answer that does not match becomes a ZuoraError that
// names the field, instead of a TypeError somewhere later (`run.status` of null, `for (row of page)` of undefined).
import { REPORT_RUN_STATUSES, REPORT_TYPES } from "@zuora-reports/types";

/** What a value must be: a name from {@link TESTS}, or the list of its allowed values. */
type Rule = keyof typeof TESTS | readonly string[];
/** The rules for an object's fields, or one rule for the whole value. */
export type Shape = Rule | Readonly<Record<string, Rule>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const TESTS = {
  "a non-empty string": (value: unknown) => typeof value === "string" && value !== "",
  "a timestamp": (value: unknown) => typeof value === "string" || typeof value === "number",
  "an integer ≥ 0": (value: unknown) => Number.isInteger(value) && (value as number) >= 0,
  "an array of row objects": (value: unknown) => Array.isArray(value) && value.every(isObject),
  "an object": isObject,
};

/** `ReportRun`. */
export const RUN: Shape = {
  id: "a non-empty string",
  status: REPORT_RUN_STATUSES,
  reportId: "a non-empty string",
  reportType: REPORT_TYPES,
  startedOn: "a timestamp",
  updatedOn: "a timestamp",
};
/** `ReportDataPage`. */
export const DATA_PAGE: Shape = {
  page: "an array of row objects",
  size: "an integer ≥ 0",
  offset: "an integer ≥ 0",
  total: "an integer ≥ 0",
};
/** What Run a Report answers. */
export const RUN_STARTED: Shape = { reportRunId: "a non-empty string" };
/** What Cancel a Report Run answers. */
export const CANCELLED: Shape = "a non-empty string";

/** What is wrong with `value` (at `response`, or its field `key`) for `rule`, e.g. `response.page is missing, …`. */
const problem = (value: unknown, rule: Rule, key = ""): string | undefined =>
  (typeof rule === "object" ? rule.includes(value as string) : TESTS[rule](value))
    ? undefined
    : `response${key} is ${value === undefined ? "missing" : JSON.stringify(value).slice(0, 60)}, expected ${
        typeof rule === "object" ? `one of ${rule.join(", ")}` : rule
      }`;

/** What is wrong with `response` for `shape`; undefined if nothing is. */
export function shapeProblem(response: unknown, shape: Shape): string | undefined {
  if (typeof shape === "string" || Array.isArray(shape)) {
    return problem(response, shape as Rule);
  }
  // Once the answer is not an object, its fields are not looked at.
  let found = problem(response, "an object");
  for (const key in shape) {
    found ??= problem(
      (response as Record<string, unknown>)[key],
      (shape as Record<string, Rule>)[key] as Rule,
      `.${key}`,
    );
  }
  return found;
}
