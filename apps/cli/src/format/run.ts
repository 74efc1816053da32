import { parseTimestamp, type ReportRun } from "@zuora-reports/client";
import { formatDuration } from "./duration.js";

/** A report run as aligned `Label  value` lines, for people. */
export function formatRun(run: ReportRun): string {
  const started = toDate(run.startedOn);
  const updated = toDate(run.updatedOn);
  const took =
    started && updated && run.status === "COMPLETED"
      ? ` (took ${formatDuration(updated.getTime() - started.getTime())})`
      : "";
  const rows: [string, string][] = [
    ["Report run", run.id],
    ["Status", run.status],
    ["Report", `${run.reportId} (${run.reportType})`],
    ["Started", describeTime(run.startedOn, started)],
    ["Updated", `${describeTime(run.updatedOn, updated)}${took}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n")}\n`;
}

function toDate(value: ReportRun["startedOn"]): Date | undefined {
  try {
    const date = parseTimestamp(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch {
    return undefined;
  }
}

// ISO 8601 in UTC: unambiguous in logs; an unparseable value is shown as Zuora sent it.
function describeTime(raw: ReportRun["startedOn"], date: Date | undefined): string {
  return date ? date.toISOString() : String(raw);
}
