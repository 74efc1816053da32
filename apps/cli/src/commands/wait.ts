import { type CommandContext, print, printJson } from "../context.js";
import { formatRun } from "../format/run.js";
import { type WaitFlags, waitWithProgress } from "../waiting.js";

/** `wait <reportRunId>`: polls until COMPLETED (exit 0) or INVALID/ERROR/CANCELLED (exit 3). */
export async function waitCommand(context: CommandContext, runId: string, flags: WaitFlags): Promise<void> {
  const run = await waitWithProgress(context, runId, flags);
  await (context.json ? printJson(context, run) : print(context, formatRun(run)));
}
