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
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    if (!decoder) {
      const encoding = sniffEncoding(chunk, charset);
      try {
        decoder = new TextDecoder(encoding);
      } catch {
        throw new Error(`Cannot decode the export: unsupported charset "${encoding.slice(0, 40)}".`);
      }
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text !== "") {
      yield text;
    }
  }
  const rest = decoder?.decode() ?? "";
  if (rest !== "") {
    yield rest;
  }
}
