import type { ReportFilterGroup, ReportRun, ReportType } from "@zuora-reports/client";
import { type CommandContext, print, printJson } from "../context.js";
import { formatRun } from "../format/run.js";
import type { OutputFile, STDOUT } from "../output-file.js";
import { type WaitFlags, waitWithProgress } from "../waiting.js";
import { type ExportSummary, exportCommand, exportToFile, wroteLine } from "./export.js";
import { resolveReport } from "./search.js";

export interface RunFlags extends WaitFlags {
  view: ReportType;
  wait: boolean;
  filters?: ReportFilterGroup[];
  idempotencyKey?: string;
  /** Opened with openOutput before any request (`stdout` for `--output -`); implies waiting. */
  output?: OutputFile | typeof STDOUT;
  pivoted: boolean;
}

/** The `--json` answer of `run`. */
export interface RunResult {
  reportRunId: string;
  run?: ReportRun;
  output?: ExportSummary;
}

/**
 * `run <reportId | name>`: starts a run (a name is looked up first, see {@link resolveReport}); with --wait waits for
 * it; with --output also exports it.
 */
export async function runCommand(context: CommandContext, report: string, flags: RunFlags): Promise<void> {
  const reportId = await resolveReport(context, report);
  const { reportRunId } = await context.client.runReport(reportId, {
    viewType: flags.view,
    ...(flags.filters === undefined ? {} : { filters: flags.filters }),
    ...(flags.idempotencyKey === undefined ? {} : { idempotencyKey: flags.idempotencyKey }),
  });
  // Zuora took the report: a later error is not about its id.
  delete context.errorContext.unmatchedReport;
  context.errorContext.reportRunId = reportRunId;
  const result: RunResult = { reportRunId };
  if (!flags.wait && flags.output === undefined) {
    await (context.json
      ? printJson(context, result)
      : print(context, `Started report run ${reportRunId}.\nFollow it with: zuora-reports wait ${reportRunId}\n`));
    return;
  }
  if (!context.json) {
    context.runtime.stderr.write(`Started report run ${reportRunId}.\n`);
  }
  result.run = await waitWithProgress(context, reportRunId, flags);
  if (flags.output === "stdout") {
    // stdout carries the export: the run's details go to stderr (--json is refused with `--output -`).
    context.runtime.stderr.write(formatRun(result.run));
    await exportCommand(context, reportRunId, { pivoted: flags.pivoted, output: "stdout" });
    return;
  }
  if (flags.output !== undefined) {
    result.output = await exportToFile(context, reportRunId, flags.pivoted, flags.output);
  }
  if (context.json) {
    await printJson(context, result);
    return;
  }
  await print(context, formatRun(result.run));
  if (result.output) {
    await print(context, wroteLine(result.output));
  }
}
