import { type CommandContext, print, printJson } from "../context.js";
import { formatRun } from "../format/run.js";

/** `last <reportId>`: the report's last completed run (by the current user, in the last 60 days). */
export async function lastCommand(context: CommandContext, reportId: string): Promise<void> {
  const run = await context.client.getLastCompletedReportRun(reportId);
  await (context.json ? printJson(context, run) : print(context, formatRun(run)));
}
