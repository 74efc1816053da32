import type { ReportExport, ReportingClient } from "@zuora-reports/client";
import { type CommandContext, print, printJson } from "../context.js";
import { decodeStream } from "../format/decode.js";
import { writeFileAtomically } from "../output-file.js";
import { write } from "../runtime.js";
import { interruptSignal } from "../waiting.js";

export interface ExportFlags {
  pivoted: boolean;
  /** Already checked with checkOutputPath. */
  output?: string;
}

/** The `--json` answer of an export written to a file. */
export interface ExportSummary {
  path: string;
  bytes: number;
  contentType: string;
  charset: string;
}

/** `export <reportRunId>`: the CSV export decoded to UTF-8, to a file (atomically) or stdout. */
export async function exportCommand(context: CommandContext, runId: string, flags: ExportFlags): Promise<void> {
  if (flags.output !== undefined) {
    const summary = await exportToFile(context.client, context, runId, flags.pivoted, flags.output);
    await (context.json
      ? printJson(context, summary)
      : print(context, `Wrote ${summary.bytes} bytes to ${summary.path}\n`));
    return;
  }
  const { signal, dispose } = interruptSignal(context.runtime);
  try {
    const exported = await context.client.exportReportRun(runId, { pivoted: flags.pivoted }, { signal });
    if (context.json) {
      const rows = await exported.rows();
      await printJson(context, { contentType: exported.contentType, charset: exported.charset, rows });
      return;
    }
    for await (const text of decode(exported)) {
      await write(context.runtime.stdout, text);
    }
  } finally {
    dispose();
  }
}

/** Downloads the export of `runId` into `path` (temp file + rename). Ctrl-C removes the temp file. */
export async function exportToFile(
  client: ReportingClient,
  context: CommandContext,
  runId: string,
  pivoted: boolean,
  path: string,
): Promise<ExportSummary> {
  const { signal, dispose } = interruptSignal(context.runtime);
  try {
    const exported = await client.exportReportRun(runId, { pivoted }, { signal });
    const bytes = await writeFileAtomically(path, decode(exported), signal);
    return { path, bytes, contentType: exported.contentType, charset: exported.charset };
  } finally {
    dispose();
  }
}

/** The export decoded to text, streamed. */
function decode(exported: ReportExport): AsyncIterable<string> {
  return decodeStream(exported.body, exported.charset);
}
