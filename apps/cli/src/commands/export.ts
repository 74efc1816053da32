import { type ExportKind, type ReportExport, ZuoraApiError } from "@zuora-reports/client";
import { type CommandContext, print, printJson } from "../context.js";
import { ExitCode, QuietExit, type StopSignal, UsageError } from "../exit-codes.js";
import { emptyExportMessage, LineCount } from "../export-checks.js";
import { decodeStream } from "../format/decode.js";
import { columnsOf, csvLine, csvRow } from "../format/rows.js";
import type { OutputFile, STDOUT } from "../output-file.js";
import { write } from "../runtime.js";
import { interruptSignal, stoppedExit } from "../waiting.js";

export interface ExportFlags {
  pivoted: boolean;
  /** Opened with openOutput before any request; `stdout` for `--output -`. */
  output?: OutputFile | typeof STDOUT;
  /** `--fallback-to-data`: when the export is too large for Zuora (504), write the rows of Get Report Data as CSV. */
  fallbackToData?: boolean;
}

/** The `--json` answer of an export written to a file. */
export interface ExportSummary {
  path: string;
  bytes: number;
  contentType: string;
  charset: string;
  kind: ExportKind;
  /** 0 when the export is a header line and no rows; the rows written by the fallback; absent otherwise. */
  rows?: number;
  /** `report-data` when --fallback-to-data wrote the rows of Get Report Data instead of Zuora's export. */
  source?: "report-data";
}

/**
 * `export <reportRunId>`: the export to a file (atomically) or stdout; CSV decoded to UTF-8, a spreadsheet or other
 * binary file as Zuora sent it.
 */
export async function exportCommand(context: CommandContext, runId: string, flags: ExportFlags): Promise<void> {
  if (flags.output !== undefined && flags.output !== "stdout") {
    const summary = await exportToFile(context, runId, flags.pivoted, flags.output, flags.fallbackToData === true);
    await (context.json ? printJson(context, summary) : print(context, wroteLine(summary)));
    return;
  }
  const { signal, stoppedBy, dispose } = interruptSignal(context.runtime);
  try {
    const exported = await exportOrFallback(context, runId, flags.pivoted, flags.fallbackToData === true, signal);
    if (exported === FALLBACK) {
      let rows = 0;
      for await (const chunk of dataAsCsv(context, runId, signal, () => rows++)) {
        await write(context.runtime.stdout, chunk);
      }
      if (rows === 0) {
        throw emptyExport(context, emptyDataMessage(runId, "nothing printed"));
      }
      return;
    }
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
  const note =
    summary.source === "report-data"
      ? ` (${summary.rows} rows from Get Report Data, as CSV)`
      : summary.rows === 0
        ? " (a header line and 0 rows)"
        : "";
  return `Wrote ${summary.bytes} bytes to ${summary.path}${note}\n`;
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
  fallbackToData = false,
): Promise<ExportSummary> {
  const { signal, stoppedBy, dispose } = interruptSignal(context.runtime);
  const { path } = output;
  try {
    const exported = await exportOrFallback(context, runId, pivoted, fallbackToData, signal);
    if (exported === FALLBACK) {
      let rows = 0;
      const bytes = await output.write(
        dataAsCsv(context, runId, signal, () => rows++),
        signal,
      );
      if (bytes === 0) {
        throw emptyExport(context, emptyDataMessage(runId, `${path} left as it was`));
      }
      await output.commit();
      return {
        path,
        bytes,
        contentType: "text/csv;charset=utf-8",
        charset: "utf-8",
        kind: "text",
        rows,
        source: "report-data",
      };
    }
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

/** Stands for "the export was too large: write the rows of Get Report Data instead". */
const FALLBACK = Symbol("fallback to report data");

/**
 * Zuora's export, or FALLBACK when it failed because the export is too large (Zuora answers 504 for exports over
 * about 25 MB) and --fallback-to-data allows paging through Get Report Data instead.
 */
async function exportOrFallback(
  context: CommandContext,
  runId: string,
  pivoted: boolean,
  fallbackToData: boolean,
  signal: AbortSignal,
): Promise<ReportExport | typeof FALLBACK> {
  try {
    return await context.client.exportReportRun(runId, { pivoted }, { signal });
  } catch (error) {
    // ExportTooLargeError, where the client has it, is a ZuoraApiError with status 504 too.
    if (!fallbackToData || !(error instanceof ZuoraApiError) || error.status !== 504) {
      throw error;
    }
    context.runtime.stderr.write(
      `notice: the export of report run ${runId} failed with HTTP 504 (Zuora's exports over about 25 MB do): ` +
        "writing its rows from Get Report Data instead, as CSV in UTF-8, comma-separated, with a header of the " +
        "row keys (<DataSource>.<Field>): not the format of Zuora's export (tab-separated).\n",
    );
    return FALLBACK;
  }
}

/** Every row of the run's data as CSV: a header of the first row's keys, then one record per row (`onRow` counts). */
async function* dataAsCsv(
  context: CommandContext,
  runId: string,
  signal: AbortSignal,
  onRow: () => void,
): AsyncIterable<string> {
  let columns: string[] | undefined;
  for await (const row of context.client.reportRows(runId, { signal })) {
    if (!columns) {
      columns = columnsOf([row]);
      yield csvLine(columns);
    }
    onRow();
    yield csvRow(row, columns);
  }
}

function emptyDataMessage(runId: string, where: string): string {
  return `Report run ${runId} has no rows in Get Report Data either (the fallback writes nothing): ${where}.`;
}

/** After Ctrl-C, SIGTERM or SIGHUP: says what became of the export; exit 130, 143 or 129. */
function stopped(context: CommandContext, signal: StopSignal | undefined, what: string): QuietExit | undefined {
  if (!signal) {
    return undefined;
  }
  return stoppedExit(context.runtime, signal, `Stopped (${signal}): ${what}.`);
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
