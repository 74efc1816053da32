// An export's body as a stream, or decoded by its charset into text, or parsed into rows. Every read is bounded by
// the request's timeout, and a stall or a dropped connection before any byte reached the caller sends the request
// again (within its retries).
import { declaredCharsetOf, decodeText as decodeBody } from "../decode.js";
import { ConnectionError, InvalidArgumentError, RequestTimeoutError, ZuoraError } from "../errors.js";
import type { ExportKind, ReportExport } from "../export.js";
import { abortError } from "./retry.js";
import { connectionCause, isTransient, type Sent } from "./transport.js";

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
export const charsetOf = (contentType: string): string => declaredCharsetOf(contentType) ?? "utf-8";

/** Parses CSV text with papaparse, loaded only when rows are asked for (it is not part of the main bundle). */
export async function parseRows(text: string): Promise<string[][]> {
  const module = await import("papaparse");
  // papaparse is CommonJS: its API is the default export in ESM, the module itself in CJS builds.
  const papa = (module.default ?? module) as typeof module.default;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return papa.parse<string[]>(text, { delimiter: firstLine.includes("\t") ? "\t" : ",", skipEmptyLines: true }).data;
}

/** The read of one export's body: the response it comes from (replaced when the request is sent again), and how. */
interface Reading {
  sent: Sent;
  reader?: ReadableStreamDefaultReader<Uint8Array>;
  /** `GET <url>`, for messages. */
  readonly label: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** Sends the request again after `failure` (counted as a retry), or throws `failure` when no retry is left. */
  readonly resume: (failure: ZuoraError, retries: number) => Promise<Sent>;
}

/** The next chunk (undefined at the end) within `ms`: a stall is a RequestTimeoutError, a drop a ConnectionError. */
async function nextChunk(reading: Reading, ms: number): Promise<Uint8Array | undefined> {
  const { label, timeoutMs, signal } = reading;
  // No body (a 204) reads as an empty file.
  reading.reader ??= reading.sent.response.body?.getReader();
  const open = reading.reader;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = await new Promise<ReadableStreamReadResult<Uint8Array> | undefined>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new RequestTimeoutError(`Reading the export timed out after ${timeoutMs} ms: ${label}`)),
        ms,
      );
      open ? open.read().then(resolve, reject) : resolve(undefined);
    });
    return result?.value;
  } catch (error) {
    // Releases the connection of a stalled body; a broken one is released already.
    open?.cancel().catch(() => undefined);
    reading.reader = undefined;
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
async function resuming<T>(reading: Reading, read: () => Promise<T>, delivered?: () => boolean): Promise<T> {
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (delivered?.() || !isTransient(error)) {
        throw error;
      }
      reading.sent = await reading.resume(error, reading.sent.retries);
    }
  }
}

/** The whole body, decoded, within `timeoutMs` from its first byte asked for. */
function readText(reading: Reading, contentType: string): Promise<string> {
  const { timeoutMs } = reading;
  return resuming(reading, async () => {
    const deadline = Date.now() + timeoutMs;
    const chunks: BlobPart[] = [];
    for (
      let chunk = await nextChunk(reading, timeoutMs);
      chunk;
      chunk = await nextChunk(reading, Math.max(1, deadline - Date.now()))
    ) {
      chunks.push(chunk as Uint8Array<ArrayBuffer>);
    }
    return decodeBody(new Uint8Array(await new Blob(chunks).arrayBuffer()), contentType).text;
  });
}

/** The body as a stream that pulls a chunk only when the caller reads one. */
function bodyStream(reading: Reading): ReadableStream<Uint8Array> {
  let delivered = false;
  return new ReadableStream<Uint8Array>(
    {
      pull: (controller) =>
        resuming(
          reading,
          async () => {
            const chunk = await nextChunk(reading, reading.timeoutMs);
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
      cancel: (reason) => (reading.reader ?? reading.sent.response.body)?.cancel(reason),
    },
    // Pull only when the caller reads: a chunk queued is a chunk delivered.
    { highWaterMark: 0 },
  );
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
  const reading: Reading = { sent, label, timeoutMs, signal, resume };
  let used = false;
  const take = () => {
    if (used) {
      throw new InvalidArgumentError("This export was already read: use body, text() or rows(), once.");
    }
    used = true;
  };
  const text = async () => {
    if (kind !== "text") {
      throw new ZuoraError(`The export is ${contentType}, not text: read its bytes from body.`);
    }
    take();
    return readText(reading, contentType);
  };
  return {
    get body() {
      take();
      return bodyStream(reading);
    },
    contentType,
    kind,
    charset,
    requestId: headers.get("Zuora-Request-Id") ?? undefined,
    text,
    rows: async () => parseRows(await text()),
  };
}
