import { type CommandContext, print, printJson } from "../context.js";
import { formatRun } from "../format/run.js";

/** `status <reportRunId>`: the run as Zuora reports it (exit 0 whatever its status). */
export async function statusCommand(context: CommandContext, runId: string): Promise<void> {
  const run = await context.client.getReportRun(runId);
  await (context.json ? printJson(context, run) : print(context, formatRun(run)));
}
