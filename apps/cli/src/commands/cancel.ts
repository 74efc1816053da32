import { type CommandContext, print, printJson } from "../context.js";

/** `cancel <reportRunId>`: asks Zuora to cancel the run and prints its answer. */
export async function cancelCommand(context: CommandContext, runId: string): Promise<void> {
  const message = await context.client.cancelReportRun(runId);
  await (context.json ? printJson(context, { reportRunId: runId, message }) : print(context, `${message}\n`));
}
