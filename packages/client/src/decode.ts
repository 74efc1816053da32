// The one text decoder of the repository: which encoding a body is in (byte-order mark, declared charset, UTF-16LE
// recognised by its zero bytes), and its text. The export's `text()`, verify's recorder and the CLI's streaming
// export all read bodies with it.
import { InvalidArgumentError } from "./errors.js";

/** A byte-order mark. */
export type Bom = "utf-8" | "utf-16le" | "utf-16be";

/** How {@link encodingOf} and {@link decodeText} read a body. */
export interface DecodeTextOptions {
  /**
   * Read a body that is declared (or defaults to) UTF-8 as UTF-16LE when its first 4 bytes look like it (a zero
   * after each of two letters), as Zuora's exports may come without BOM or charset (default true). Off, the bytes
   * are decoded exactly as declared, e.g. to report what a server really sent.
   */
  sniffUtf16?: boolean;
}

/** The encoding of a body, and why. */
export interface TextEncoding {
  /** The encoding to decode with, e.g. `utf-8`, `utf-16le`: the BOM's, else the declared one, else `utf-8`. */
  charset: string;
  /** The byte-order mark the body starts with, if any (TextDecoder drops it from the text). */
  bom?: Bom | undefined;
  /** The charset the Content-Type declares, lower-cased (`utf-16` read as `utf-16le`, as WHATWG does); if any. */
  declaredCharset?: string | undefined;
}

/** A body's text, and the encoding it was decoded from. */
export interface DecodedText extends TextEncoding {
  text: string;
}

/** The charset a Content-Type declares, lower-cased and normalised (`utf-16` → `utf-16le`, `utf8` → `utf-8`). */
export function declaredCharsetOf(contentType = ""): string | undefined {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  // WHATWG's "utf-16" label is little-endian, and Zuora documents UTF-16LE.
  return charset && /^utf-?16$/.test(charset) ? "utf-16le" : charset === "utf8" ? "utf-8" : charset;
}

/** The encoding of a body starting with `head` (4 bytes are enough) and sent with `contentType`. */
export function encodingOf(head: Uint8Array, contentType?: string, options?: DecodeTextOptions): TextEncoding {
  const [a, b, c, d] = head;
  const declaredCharset = declaredCharsetOf(contentType);
  const bom: Bom | undefined =
    a === 0xff && b === 0xfe
      ? "utf-16le"
      : a === 0xfe && b === 0xff
        ? "utf-16be"
        : a === 0xef && b === 0xbb && c === 0xbf
          ? "utf-8"
          : undefined;
  const charset = declaredCharset ?? "utf-8";
  return {
    charset:
      bom ??
      (charset === "utf-8" && options?.sniffUtf16 !== false && a && b === 0 && c && d === 0 ? "utf-16le" : charset),
    bom,
    declaredCharset,
  };
}

/**
 * Decodes a whole body: its encoding as {@link encodingOf} finds it, its text without the byte-order mark. An
 * encoding TextDecoder does not support is an `InvalidArgumentError`.
 */
export function decodeText(bytes: Uint8Array, contentType?: string, options?: DecodeTextOptions): DecodedText {
  const encoding = encodingOf(bytes, contentType, options);
  try {
    return { text: new TextDecoder(encoding.charset).decode(bytes), ...encoding };
  } catch {
    throw new InvalidArgumentError(`The charset ${JSON.stringify(encoding.charset)} is not supported here.`);
  }
}
