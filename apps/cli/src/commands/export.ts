import type { ExportKind, ReportExport } from "@zuora-reports/client";
import { type CommandContext, print, printJson } from "../context.js";
import { UsageError } from "../exit-codes.js";
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
  kind: ExportKind;
}

/**
 * `export <reportRunId>`: the export to a file (atomically) or stdout; CSV decoded to UTF-8, a spreadsheet or other
 * binary file as Zuora sent it.
 */
export async function exportCommand(context: CommandContext, runId: string, flags: ExportFlags): Promise<void> {
  if (flags.output !== undefined) {
    const summary = await exportToFile(context, runId, flags.pivoted, flags.output);
    await (context.json
      ? printJson(context, summary)
      : print(context, `Wrote ${summary.bytes} bytes to ${summary.path}\n`));
    return;
  }
  const { signal, dispose } = interruptSignal(context.runtime);
  try {
    const exported = await context.client.exportReportRun(runId, { pivoted: flags.pivoted }, { signal });
    if (exported.kind !== "text" && (context.json || context.runtime.stdout.isTTY)) {
      const why = context.json ? "--json prints rows, and it has none" : "it would garble the terminal";
      throw new UsageError(`The export is ${describe(exported)}, not text (${why}): save it with --output <file>.`);
    }
    if (context.json) {
      const rows = await exported.rows();
      await printJson(context, { contentType: exported.contentType, charset: exported.charset, rows });
      return;
    }
    for await (const chunk of content(exported)) {
      await write(context.runtime.stdout, chunk);
    }
  } finally {
    dispose();
  }
}

/**
 * Downloads the export of `runId` into `path` (temp file + rename); Ctrl-C removes the temp file. Warns on stderr
 * when the file name's extension does not match what Zuora sent (say, a spreadsheet saved as `.csv`).
 */
export async function exportToFile(
  context: CommandContext,
  runId: string,
  pivoted: boolean,
  path: string,
): Promise<ExportSummary> {
  const { signal, dispose } = interruptSignal(context.runtime);
  try {
    const exported = await context.client.exportReportRun(runId, { pivoted }, { signal });
    const warning = extensionWarning(exported, path);
    if (warning) {
      context.runtime.stderr.write(`warning: ${warning}\n`);
    }
    const bytes = await writeFileAtomically(path, content(exported), signal);
    const { contentType, charset, kind } = exported;
    return { path, bytes, contentType, charset, kind };
  } finally {
    dispose();
  }
}

/** The export as it is written out: text decoded to UTF-8, any other file's bytes untouched. */
function content(exported: ReportExport): AsyncIterable<string | Uint8Array> {
  return exported.kind === "text"
    ? decodeStream(exported.body, exported.charset)
    : (exported.body as unknown as AsyncIterable<Uint8Array>);
}

function describe(exported: ReportExport): string {
  return `${exported.kind === "spreadsheet" ? "a spreadsheet" : "a binary file"} (${exported.contentType})`;
}

/** What to say when `path`'s extension does not fit the export, if anything. */
export function extensionWarning(exported: ReportExport, path: string): string | undefined {
  const spreadsheet = /\.xlsx?$/i.test(path);
  if (exported.kind === "spreadsheet" && !spreadsheet) {
    const extension = /openxml/i.test(exported.contentType) ? ".xlsx" : ".xls";
    return `the export is ${describe(exported)}, saved as Zuora sent it to ${path}: name it ${extension} to open it.`;
  }
  if (exported.kind === "text" && spreadsheet) {
    return `the export is CSV text (${exported.contentType}), saved as UTF-8 to ${path}: name it .csv to open it.`;
  }
  return undefined;
}
