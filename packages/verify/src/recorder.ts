// Keeps every exchange the client has with the server (token exchange, retries and all) for checking and recording.
import { AbortError, type Bom, type DecodedText, decodeText } from "@zuora-reports/client";
import type { Exchange } from "@zuora-reports/conformance";

/** One request and the response it got, as it came over the wire. */
export interface RecordedExchange {
  method: string;
  url: URL;
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The body's bytes. */
  bytes: Uint8Array;
  /** The body decoded: by its byte-order mark, else the Content-Type charset, else UTF-8. */
  text: string;
  /** The encoding `text` was decoded from, e.g. `utf-8`, `utf-16le`. */
  charset: string;
  /** Which byte-order mark the body started with, if any. */
  bom?: Bom;
}

/** A `fetch` that takes a `Request`, as the client calls it. */
export type Fetch = (request: Request) => Promise<Response>;

export interface Recorder {
  /** The `fetch` to give the client. */
  fetch: Fetch;
  /** Everything recorded so far, in order. */
  readonly exchanges: readonly RecordedExchange[];
}

/**
 * Records each exchange made through `fetch`; the response is returned unchanged. Once `signal` aborts, the request
 * in flight is cut off and every request fails with the client's `AbortError`, which the client does not retry.
 */
export function createRecorder(inner: Fetch = (r) => globalThis.fetch(r), signal?: AbortSignal): Recorder {
  const exchanges: RecordedExchange[] = [];
  const interrupted = () => new AbortError("Interrupted.");
  return {
    exchanges,
    async fetch(request) {
      if (signal?.aborted) {
        throw interrupted();
      }
      const sent = signal ? new Request(request, { signal: AbortSignal.any([request.signal, signal]) }) : request;
      try {
        const response = await inner(sent);
        // Read a copy within the client's per-attempt timeout; the client still reads (or streams) the original.
        exchanges.push(await record(request, response));
        return response;
      } catch (error) {
        throw signal?.aborted ? interrupted() : error;
      }
    },
  };
}

async function record(request: Request, response: Response): Promise<RecordedExchange> {
  const bytes = new Uint8Array(await response.clone().arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return {
    method: request.method,
    url: new URL(request.url),
    status: response.status,
    headers,
    bytes,
    ...decodeBody(bytes, headers["content-type"]),
  };
}

/**
 * Decodes a body with the client's decoder, by its byte-order mark, else the Content-Type charset, else as UTF-8
 * (also when the charset is one TextDecoder does not know, rather than fail the whole check). UTF-16 is never guessed
 * from zero bytes: the findings report what the server declared and sent.
 */
function decodeBody(
  bytes: Uint8Array,
  contentType: string | undefined,
): Pick<RecordedExchange, "text" | "charset" | "bom"> {
  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes, contentType, { sniffUtf16: false });
  } catch {
    decoded = decodeText(bytes, undefined, { sniffUtf16: false });
  }
  const { text, charset, bom } = decoded;
  return { text, charset, ...(bom ? { bom } : {}) };
}

/** The path of `url` below `basePath` (`/reportruns/…`), or the whole path when it is not below it. */
export function pathBelow(url: URL, basePath: string): string {
  const base = basePath.replace(/\/+$/, "");
  return base && url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : url.pathname;
}

/** The exchange in the form the conformance checker takes. */
export function toExchange(recorded: RecordedExchange, basePath: string): Exchange {
  return {
    method: recorded.method,
    path: pathBelow(recorded.url, basePath),
    status: recorded.status,
    headers: recorded.headers,
    body: recorded.text,
  };
}
