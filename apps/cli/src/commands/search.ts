// `search <text>`: reports by name; and how `run` turns a report's name into its id.
import { ID_PATTERN, type ReportSummary } from "@zuora-reports/client";
import { type CommandContext, print, printJson } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { formatTable } from "../format/rows.js";
import { interruptSignal } from "../waiting.js";

export interface SearchFlags {
  /** Stop after this many reports (default: every match, page after page). */
  limit?: number;
  namespace?: string;
}

/** Every report that matches `text`, at most `limit`, fetched page by page. */
async function find(context: CommandContext, text: string, flags: SearchFlags): Promise<ReportSummary[]> {
  const { signal, dispose } = interruptSignal(context.runtime);
  const found: ReportSummary[] = [];
  try {
    for await (const report of context.client.searchReports(text, { namespace: flags.namespace, signal })) {
      found.push(report);
      // Breaking out here, before the iterator asks for the next page, sends no request beyond the limit.
      if (found.length === flags.limit) {
        break;
      }
    }
  } finally {
    dispose();
  }
  return found;
}

/** `<id> (Summary, Revenue Schedule)`: an id, and what tells reports of one name apart. */
const line = (report: ReportSummary) => {
  const about = [report.type, report.dsName ?? report.datasource, report.creator].filter(Boolean);
  return about.length > 0 ? `${report.id} (${about.join(", ")})` : report.id;
};

/** `search <text>`: the reports whose name has every word of `text` (of 3 letters or more), as a table or JSON. */
export async function searchCommand(context: CommandContext, text: string, flags: SearchFlags): Promise<void> {
  const reports = await find(context, text, flags);
  if (context.json) {
    await printJson(context, reports);
    return;
  }
  if (reports.length === 0) {
    await print(context, `No report matches "${text}".\n`);
    return;
  }
  const rows = reports.map((report) => ({
    ID: report.id,
    Name: report.name,
    Type: report.type ?? "",
    "Data source": report.dsName ?? report.datasource ?? "",
    Updated: report.updatedOn === undefined ? "" : String(report.updatedOn),
  }));
  const limited = reports.length === flags.limit ? ` (--limit ${flags.limit}; there may be more)` : "";
  await print(context, `${formatTable(rows)}${reports.length} report${reports.length === 1 ? "" : "s"}${limited}.\n`);
}

/** A report id as Zuora issues them: 32 hex digits. */
const HEX_ID = /^[0-9a-f]{32}$/i;

/**
 * The id of the report `ref` names. 32 hex digits are an id, used as is. Anything else is looked up by name: the one
 * report whose name is `ref` (case aside). Several such reports are a usage error listing them; none is one too,
 * unless `ref` can be an id (letters, digits, `-`, `_`), which is then used as one and Zuora says whether it exists
 * (an error about it then adds that no name matched either: `errorContext.unmatchedReport`).
 */
export async function resolveReport(context: CommandContext, ref: string): Promise<string> {
  if (HEX_ID.test(ref)) {
    return ref;
  }
  const wanted = ref.toLowerCase();
  const searchable = ref.split(/\s+/).some((word) => word.length >= 3);
  const named = searchable
    ? (await find(context, ref, {})).filter((report) => report.name.toLowerCase() === wanted)
    : [];
  if (named.length === 1) {
    const id = (named[0] as ReportSummary).id;
    if (!context.json) {
      context.runtime.stderr.write(`Report "${ref}" is ${id}.\n`);
    }
    return id;
  }
  if (named.length > 1) {
    // Error messages are printed on one line: the reports are listed in it, each with what tells them apart.
    throw new UsageError(
      `${named.length} reports are named "${ref}"; run one by its id: ${named.map(line).join(", ")}.`,
    );
  }
  if (ID_PATTERN.test(ref)) {
    context.errorContext.unmatchedReport = ref;
    return ref;
  }
  throw new UsageError(`No report is named "${ref}". Find its name or id with: zuora-reports search "${ref}"`);
}
