// An export's body as a stream, or decoded by its charset into text, or parsed into rows. Every read is bounded by
// the request's timeout, and a stall or a dropped connection before any byte reached the caller sends the request
// again (within its retries).
import { ConnectionError, InvalidArgumentError, TimeoutError, ZuoraError } from "./errors.js";
import { abortError } from "./retry.js";
import { connectionCause, isTransient, type Sent } from "./transport.js";

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

/** What a `Content-Type` announces: a kind of file, or `document` for JSON, HTML or XML (an answer, not a file). */
export const kindOf = (contentType: string): ExportKind | "document" =>
  /spreadsheet|excel/i.test(contentType)
    ? "spreadsheet"
    : /json|html|xml/i.test(contentType)
      ? "document"
      : !contentType || /^text\/|csv|tab-separated/i.test(contentType)
        ? "text"
        : "binary";

/** The encoding a `Content-Type` announces; `utf-8` when it names none. */
export function charsetOf(contentType: string): string {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? "utf-8";
  // WHATWG's "utf-16" label is little-endian, and Zuora documents UTF-16LE.
  return /^utf-?16$/.test(charset) ? "utf-16le" : charset === "utf8" ? "utf-8" : charset;
}

/** Decodes bytes: a byte-order mark wins, then `charset`; UTF-16LE without a BOM is recognised by its zero bytes. */
export function decodeText(bytes: Uint8Array, charset: string): string {
  const [a, b, c, d] = bytes;
  try {
    // TextDecoder drops the BOM of the encoding it decodes.
    return new TextDecoder(
      a === 0xff && b === 0xfe
        ? "utf-16le"
        : a === 0xfe && b === 0xff
          ? "utf-16be"
          : a === 0xef && b === 0xbb && c === 0xbf
            ? "utf-8"
            : charset === "utf-8" && a && b === 0 && c && d === 0
              ? "utf-16le"
              : charset,
    ).decode(bytes);
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
  return papa.parse<string[]>(text, { delimiter: firstLine.includes("\t") ? "\t" : ",", skipEmptyLines: true }).data;
}

/**
 * Wraps an export response (`sent`, its body unread). `label` (`GET <url>`) names it in messages; `resume` sends the
 * request again after `failure` (counted as a retry), or throws `failure` when no retry is left.
 */
export function createExport(
  sent: Sent,
  label: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  resume: (failure: ZuoraError, retries: number) => Promise<Sent>,
): ReportExport {
  const { headers } = sent.response;
  const contentType = headers.get("Content-Type") ?? "text/csv";
  const kind = kindOf(contentType) as ExportKind;
  const charset = charsetOf(contentType);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let used = false;
  const take = () => {
    if (used) {
      throw new InvalidArgumentError("This export was already read: use body, text() or rows(), once.");
    }
    used = true;
  };

  /** The next chunk (undefined at the end) within `ms`: a stall is a TimeoutError, a drop a ConnectionError. */
  async function next(ms: number): Promise<Uint8Array | undefined> {
    // No body (a 204) reads as an empty file.
    reader ??= sent.response.body?.getReader();
    const open = reader;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await new Promise<ReadableStreamReadResult<Uint8Array> | undefined>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new TimeoutError(`Reading the export timed out after ${timeoutMs} ms: ${label}`)),
          ms,
        );
        open ? open.read().then(resolve, reject) : resolve(undefined);
      });
      return result?.value;
    } catch (error) {
      // Releases the connection of a stalled body; a broken one is released already.
      open?.cancel().catch(() => undefined);
      reader = undefined;
      if (signal?.aborted) {
        throw abortError();
      }
      throw error instanceof ZuoraError
        ? error
        : new ConnectionError(`Connection error: ${label} broke off${connectionCause(error)}.`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `read`; when it fails before anything reached the caller (`delivered`), sends the request again. */
  async function resuming<T>(read: () => Promise<T>, delivered?: () => boolean): Promise<T> {
    for (;;) {
      try {
        return await read();
      } catch (error) {
        if (delivered?.() || !isTransient(error)) {
          throw error;
        }
        sent = await resume(error, sent.retries);
      }
    }
  }

  const text = async () => {
    if (kind !== "text") {
      throw new ZuoraError(`The export is ${contentType}, not text: read its bytes from body.`);
    }
    take();
    return resuming(async () => {
      const deadline = Date.now() + timeoutMs;
      const chunks: BlobPart[] = [];
      for (let chunk = await next(timeoutMs); chunk; chunk = await next(Math.max(1, deadline - Date.now()))) {
        chunks.push(chunk as Uint8Array<ArrayBuffer>);
      }
      return decodeText(new Uint8Array(await new Blob(chunks).arrayBuffer()), charset);
    });
  };

  return {
    get body() {
      take();
      let delivered = false;
      return new ReadableStream<Uint8Array>(
        {
          pull: (controller) =>
            resuming(
              async () => {
                const chunk = await next(timeoutMs);
                if (chunk) {
                  delivered = true;
                  controller.enqueue(chunk);
                } else {
                  controller.close();
                }
              },
              () => delivered,
            ),
          // Before the first read there is no reader yet: cancel the response's body itself.
          cancel: (reason) => (reader ?? sent.response.body)?.cancel(reason),
        },
        // Pull only when the caller reads: a chunk queued is a chunk delivered.
        { highWaterMark: 0 },
      );
    },
    contentType,
    kind,
    charset,
    requestId: headers.get("Zuora-Request-Id") ?? undefined,
    text,
    rows: async () => parseRows(await text()),
  };
}
