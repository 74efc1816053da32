// The one body decoder of verify. It needs what the client's decoding hides: which byte-order mark a body began
// with, and whether its Content-Type declared a charset at all (the findings report both). The client's
// `exportReportRun(...).text()` decodes an export only, drops the BOM and reports the charset with a `utf-8` default;
// verify decodes every answer (JSON ones included) from the bytes its recorder copied.
//
// Deletable once @zuora-reports/client exports its decoder (`charsetOf` and `decodeText` of src/export.ts) with
// the byte-order mark it saw, e.g. `decodeBody(bytes, contentType) → { text, charset, bom?, declared? }`.

/** A byte-order mark. */
export type Bom = "utf-8" | "utf-16le" | "utf-16be";

/** A body's text and what it was decoded from. */
export interface DecodedBody {
  text: string;
  /** The encoding `text` was decoded from, e.g. `utf-8`, `utf-16le`. */
  charset: string;
  /** Which byte-order mark the body started with, if any. */
  bom?: Bom;
}

/** The charset a Content-Type names, undefined when it names none (WHATWG's `utf-16` is little-endian). */
export function charsetOf(contentType: string | undefined): string | undefined {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  return charset === "utf-16" || charset === "utf16" ? "utf-16le" : charset === "utf8" ? "utf-8" : charset;
}

function bomOf(bytes: Uint8Array): Bom | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return "utf-16le";
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return "utf-16be";
  }
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? "utf-8" : undefined;
}

/** Decodes `bytes` by their byte-order mark, else the Content-Type charset, else as UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): DecodedBody {
  const bom = bomOf(bytes);
  const charset = bom ?? charsetOf(contentType) ?? "utf-8";
  try {
    return { text: new TextDecoder(charset).decode(bytes), charset, ...(bom ? { bom } : {}) };
  } catch {
    // An unknown charset label: read it as UTF-8 rather than fail the whole check.
    return { text: new TextDecoder().decode(bytes), charset: "utf-8", ...(bom ? { bom } : {}) };
  }
}
