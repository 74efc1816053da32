// Streams an export's bytes as text. The encoding is the client's `encodingOf`, as its `text()` uses it: a byte-order
// mark wins, then the declared charset; UTF-16LE without a BOM is recognised by its zero bytes (Zuora sends UTF-16LE).
import { encodingOf } from "@zuora-reports/client";

/** Decodes a byte stream into text chunks, one chunk in memory at a time. A BOM is dropped. */
export async function* decodeStream(body: ReadableStream<Uint8Array>, charset: string): AsyncIterable<string> {
  let decoder: TextDecoder | undefined;
  // The encoding is sniffed from the first 4 bytes, which a tiny first chunk may not hold.
  let head: Uint8Array = new Uint8Array(0);
  const start = (bytes: Uint8Array): TextDecoder => {
    const encoding = encodingOf(bytes, `text/plain;charset=${charset}`).charset;
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
