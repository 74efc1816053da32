// The file of a report run, as `exportReportRun` hands it over (read by internal/export.ts).

/**
 * What an export holds, from its `Content-Type`: `text` (CSV, Zuora's UTF-16LE tab-separated file), `spreadsheet`
 * (an Excel file, as a pivoted export may be) or `binary` (any other file type).
 */
export type ExportKind = "text" | "spreadsheet" | "binary";

/** The file of a run, as {@link ReportingClient.exportReportRun} returns it. Consume it once. */
export interface ReportExport {
  /** The raw bytes, streamed; each chunk must arrive within the request's `timeoutMs`. */
  readonly body: ReadableStream<Uint8Array>;
  /** The `Content-Type` header, e.g. `text/csv;charset=utf-16` or `application/vnd.ms-excel`. */
  readonly contentType: string;
  /** What the file is; `text()` and `rows()` read `text` only, `body` reads any. */
  readonly kind: ExportKind;
  /**
   * The encoding `text()` decodes with, from the `Content-Type` charset (`utf-16` means little-endian, as Zuora
   * sends it): `utf-8`, `utf-16le`, `utf-16be`… A byte-order mark in the body wins over it.
   */
  readonly charset: string;
  /** The `Zuora-Request-Id` response header. */
  readonly requestId?: string;
  /** The whole file, decoded; it must arrive within the request's `timeoutMs`. */
  text(): Promise<string>;
  /** The whole file parsed into rows of fields: tab-separated (Zuora's export) or comma-separated. */
  rows(): Promise<string[][]>;
}
