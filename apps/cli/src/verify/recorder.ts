// Keeps every exchange the client has with the server (token exchange, retries and all) for checking and recording.
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
  bom?: "utf-8" | "utf-16le" | "utf-16be";
}

export interface Recorder {
  /** The `fetch` to give the client. */
  fetch(request: Request): Promise<Response>;
  /** Everything recorded so far, in order. */
  readonly exchanges: readonly RecordedExchange[];
}

/** Records each exchange made through `fetch`; the response is returned unchanged. */
export function createRecorder(inner: (request: Request) => Promise<Response> = (r) => globalThis.fetch(r)): Recorder {
  const exchanges: RecordedExchange[] = [];
  return {
    exchanges,
    async fetch(request) {
      const response = await inner(request);
      // Read a copy within the client's per-attempt timeout; the client still reads (or streams) the original.
      const bytes = new Uint8Array(await response.clone().arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      exchanges.push({
        method: request.method,
        url: new URL(request.url),
        status: response.status,
        headers,
        bytes,
        ...decodeBody(bytes, headers["content-type"]),
      });
      return response;
    },
  };
}

/** The charset a Content-Type names (WHATWG's `utf-16` label is little-endian, as Zuora sends it). */
export function charsetOf(contentType: string | undefined): string | undefined {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  return charset === "utf-16" || charset === "utf16" ? "utf-16le" : charset === "utf8" ? "utf-8" : charset;
}

function bomOf(bytes: Uint8Array): RecordedExchange["bom"] {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return "utf-16le";
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return "utf-16be";
  }
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? "utf-8" : undefined;
}

function decodeBody(
  bytes: Uint8Array,
  contentType: string | undefined,
): Pick<RecordedExchange, "text" | "charset" | "bom"> {
  const bom = bomOf(bytes);
  const charset = bom ?? charsetOf(contentType) ?? "utf-8";
  try {
    return { text: new TextDecoder(charset).decode(bytes), charset, ...(bom ? { bom } : {}) };
  } catch {
    // An unknown charset label: read it as UTF-8 rather than fail the whole check.
    return { text: new TextDecoder().decode(bytes), charset: "utf-8", ...(bom ? { bom } : {}) };
  }
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
