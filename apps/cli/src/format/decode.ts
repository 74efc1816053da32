// Streams an export's bytes as text. The encoding is chosen like the client's `text()` does: a byte-order mark
// wins, then the declared charset; UTF-16LE without a BOM is recognised by its zero bytes (Zuora sends UTF-16LE).

/** Picks the encoding of a body that starts with `head` and was declared as `charset`. */
export function sniffEncoding(head: Uint8Array, charset: string): string {
  if (head[0] === 0xff && head[1] === 0xfe) {
    return "utf-16le";
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return "utf-16be";
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return "utf-8";
  }
  if (charset === "utf-8" && head.length >= 4 && head[1] === 0 && head[3] === 0 && head[0] && head[2]) {
    return "utf-16le";
  }
  return charset || "utf-8";
}

/** Decodes a byte stream into text chunks, one chunk in memory at a time. A BOM is dropped. */
export async function* decodeStream(body: ReadableStream<Uint8Array>, charset: string): AsyncIterable<string> {
  let decoder: TextDecoder | undefined;
  // The encoding is sniffed from the first 4 bytes, which a tiny first chunk may not hold.
  let head: Uint8Array = new Uint8Array(0);
  const start = (bytes: Uint8Array): TextDecoder => {
    const encoding = sniffEncoding(bytes, charset);
    try {
      return new TextDecoder(encoding);
    } catch {
      throw new Error(`Cannot decode the export: unsupported charset "${encoding.slice(0, 40)}".`);
    }
  };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    let bytes = chunk;
    if (!decoder) {
      bytes = concat(head, chunk);
      if (bytes.length < 4) {
        head = bytes;
        continue;
      }
      decoder = start(bytes);
    }
    const text = decoder.decode(bytes, { stream: true });
    if (text !== "") {
      yield text;
    }
  }
  if (!decoder && head.length === 0) {
    return;
  }
  const rest = (decoder ?? start(head)).decode(decoder ? undefined : head);
  if (rest !== "") {
    yield rest;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) {
    return b;
  }
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
