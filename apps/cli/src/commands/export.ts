import type { ExportKind, ReportExport } from "@zuora-reports/client";
import { type CommandContext, print, printJson } from "../context.js";
import { ExitCode, exitCodeFor, QuietExit, type StopSignal, UsageError } from "../exit-codes.js";
import { emptyExportMessage, LineCount } from "../export-checks.js";
import { decodeStream } from "../format/decode.js";
import type { OutputFile, STDOUT } from "../output-file.js";
import { write } from "../runtime.js";
import { interruptSignal } from "../waiting.js";

export interface ExportFlags {
  pivoted: boolean;
  /** Opened with openOutput before any request; `stdout` for `--output -`. */
  output?: OutputFile | typeof STDOUT;
}

/** The `--json` answer of an export written to a file. */
export interface ExportSummary {
  path: string;
  bytes: number;
  contentType: string;
  charset: string;
  kind: ExportKind;
  /** 0 when the export is a header line and no rows; absent otherwise (rows are not counted). */
  rows?: 0;
}

/**
 * `export <reportRunId>`: the export to a file (atomically) or stdout; CSV decoded to UTF-8, a spreadsheet or other
 * binary file as Zuora sent it.
 */
export async function exportCommand(context: CommandContext, runId: string, flags: ExportFlags): Promise<void> {
  if (flags.output !== undefined && flags.output !== "stdout") {
    const summary = await exportToFile(context, runId, flags.pivoted, flags.output);
    await (context.json ? printJson(context, summary) : print(context, wroteLine(summary)));
    return;
  }
  const { signal, stoppedBy, dispose } = interruptSignal(context.runtime);
  try {
    const exported = await context.client.exportReportRun(runId, { pivoted: flags.pivoted }, { signal });
    if (exported.kind !== "text" && (context.json || context.runtime.stdout.isTTY)) {
      const why = context.json ? "--json prints rows, and it has none" : "it would garble the terminal";
      throw new UsageError(`The export is ${describe(exported)}, not text (${why}): save it with --output <file>.`);
    }
    if (context.json) {
      const rows = await exported.rows();
      if (rows.length === 0) {
        throw emptyExport(context, emptyExportMessage(runId, "no rows to print"));
      }
      if (rows.length === 1) {
        context.runtime.stderr.write("notice: the export is a header line and 0 rows.\n");
      }
      await printJson(context, { contentType: exported.contentType, charset: exported.charset, rows });
      return;
    }
    const lines = new LineCount();
    let bytes = 0;
    for await (const chunk of lines.watch(content(exported))) {
      bytes += chunk.length;
      await write(context.runtime.stdout, chunk);
    }
    if (bytes === 0) {
      throw emptyExport(context, emptyExportMessage(runId, "nothing printed"));
    }
    if (exported.kind === "text" && lines.headerOnly) {
      context.runtime.stderr.write("notice: the export is a header line and 0 rows.\n");
    }
  } catch (error) {
    throw stopped(context, stoppedBy(), "the export was cut short on stdout") ?? error;
  } finally {
    dispose();
  }
}

/** `Wrote 354 bytes to report.csv`, and what a header-only export holds. */
export function wroteLine(summary: ExportSummary): string {
  return `Wrote ${summary.bytes} bytes to ${summary.path}${summary.rows === 0 ? " (a header line and 0 rows)" : ""}\n`;
}

/**
 * Downloads the export of `runId` into `output` (for a file: temp file + rename). Ctrl-C, SIGTERM and SIGHUP remove
 * the temp file and leave the target as it was. Warns on stderr when the file name's extension does not match what
 * Zuora sent (say, a spreadsheet saved as `.csv`).
 */
export async function exportToFile(
  context: CommandContext,
  runId: string,
  pivoted: boolean,
  output: OutputFile,
): Promise<ExportSummary> {
  const { signal, stoppedBy, dispose } = interruptSignal(context.runtime);
  const { path } = output;
  try {
    const exported = await context.client.exportReportRun(runId, { pivoted }, { signal });
    const warning = extensionWarning(exported, path);
    if (warning) {
      context.runtime.stderr.write(`warning: ${warning}\n`);
    }
    const lines = new LineCount();
    const bytes = await output.write(lines.watch(content(exported)), signal);
    if (bytes === 0) {
      throw emptyExport(context, emptyExportMessage(runId, `${path} left as it was`));
    }
    await output.commit();
    const { contentType, charset, kind } = exported;
    return { path, bytes, contentType, charset, kind, ...(kind === "text" && lines.headerOnly ? { rows: 0 } : {}) };
  } catch (error) {
    await output.discard();
    throw stopped(context, stoppedBy(), `the export was not written; ${path} is as it was`) ?? error;
  } finally {
    dispose();
  }
}

/** After Ctrl-C, SIGTERM or SIGHUP: says what became of the export; exit 130, 143 or 129. */
function stopped(context: CommandContext, signal: StopSignal | undefined, what: string): QuietExit | undefined {
  if (!signal) {
    return undefined;
  }
  const message = `Stopped (${signal}): ${what}.`;
  context.runtime.stderr.write(`${message}\n`);
  return new QuietExit(exitCodeFor(signal), { message, type: "Interrupted" });
}

/** Says `message` on stderr; the exit code (8) and `--json` document follow from the QuietExit. */
function emptyExport(context: CommandContext, message: string): QuietExit {
  context.runtime.stderr.write(`error: ${message}\n`);
  return new QuietExit(ExitCode.EmptyExport, { message, type: "EmptyExport" });
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
