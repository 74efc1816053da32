// Reading answers leniently (lower-case statuses, no envelope), so that one drift does not hide the next: the walk
// steers by them, the checker judges them.
import type { ReportType } from "@zuora-reports/client";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object inside Zuora's `{ success, response }` envelope, or the body itself when it has none. */
export function payload(json: unknown): unknown {
  return isRecord(json) && isRecord(json.response) ? json.response : json;
}

/** A non-empty string field of `value`. */
export function stringField(value: unknown, name: string): string | undefined {
  const field = isRecord(value) ? value[name] : undefined;
  return typeof field === "string" && field !== "" ? field : undefined;
}

/** `Detail`/`Summary` in whatever case the server wrote it. */
export function viewTypeOf(text: string | undefined): ReportType | undefined {
  const lower = text?.toLowerCase();
  return lower === "detail" ? "Detail" : lower === "summary" ? "Summary" : undefined;
}

/** `text` as JSON, undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
