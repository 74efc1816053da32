// An export's body as a stream, or decoded by its charset into text, or parsed into rows.
import { InvalidArgumentError } from "./errors.js";

/** The CSV file of a run, as {@link ReportingClient.exportReportRun} returns it. Consume it once. */
export interface ReportExport {
  /** The raw bytes, streamed. */
  readonly body: ReadableStream<Uint8Array>;
  /** The `Content-Type` header, e.g. `text/csv;charset=utf-16`. */
  readonly contentType: string;
  /**
   * The encoding `text()` decodes with, from the `Content-Type` charset (`utf-16` means little-endian, as Zuora
   * sends it): `utf-8`, `utf-16le`, `utf-16be`… A byte-order mark in the body wins over it.
   */
  readonly charset: string;
  /** The `Zuora-Request-Id` response header. */
  readonly requestId?: string;
  /** The whole file, decoded. */
  text(): Promise<string>;
  /** The whole file parsed into rows of fields: tab-separated (Zuora's export) or comma-separated. */
  rows(): Promise<string[][]>;
}

/** The encoding a `Content-Type` announces; `utf-8` when it names none. */
export function charsetOf(contentType: string): string {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? "utf-8";
  // WHATWG's "utf-16" label is little-endian, and Zuora documents UTF-16LE.
  return charset === "utf-16" || charset === "utf16" ? "utf-16le" : charset === "utf8" ? "utf-8" : charset;
}

/** Decodes bytes: a byte-order mark wins, then `charset`; UTF-16LE without a BOM is recognised by its zero bytes. */
export function decodeText(bytes: Uint8Array, charset: string): string {
  let encoding = charset;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = "utf-8";
  } else if (charset === "utf-8" && bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] && bytes[2]) {
    encoding = "utf-16le";
  }
  try {
    // TextDecoder drops the BOM of the encoding it decodes.
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    throw new InvalidArgumentError(`The export's charset ${JSON.stringify(charset)} is not supported here.`);
  }
}

/** Parses CSV text with papaparse, loaded only when rows are asked for (it is not part of the main bundle). */
export async function parseRows(text: string): Promise<string[][]> {
  const module = await import("papaparse");
  // papaparse is CommonJS: its API is the default export in ESM, the module itself in CJS builds.
  const papa = (module.default ?? module) as typeof module.default;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const result = papa.parse<string[]>(text, { delimiter: firstLine.includes("\t") ? "\t" : ",", skipEmptyLines: true });
  return result.data;
}

/** Wraps an export response. */
export function createExport(response: Response): ReportExport {
  const contentType = response.headers.get("Content-Type") ?? "text/csv";
  const charset = charsetOf(contentType);
  const body = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  let used = false;
  const take = () => {
    if (used) {
      throw new InvalidArgumentError("This export was already read: use body, text() or rows(), once.");
    }
    used = true;
    return body;
  };
  const text = async () => {
    const stream = take();
    return decodeText(new Uint8Array(await new Response(stream).arrayBuffer()), charset);
  };
  return {
    get body() {
      return take();
    },
    contentType,
    charset,
    requestId: response.headers.get("Zuora-Request-Id") ?? undefined,
    text,
    rows: async () => parseRows(await text()),
  };
}
