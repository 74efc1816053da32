// @ts-check
// The baseline of the export-memory benchmark: the least a Node script can do to save an export as UTF-8. fetch,
// the body through one streaming TextDecoder (utf-16le, BOM dropped), written to a file with backpressure.
// Usage: node bare-export.mjs <url> <file> (token in ZUORA_TOKEN).
import { once } from "node:events";
import { createWriteStream } from "node:fs";

const [url, file] = process.argv.slice(2);
const response = await fetch(String(url), { headers: { Authorization: `Bearer ${process.env.ZUORA_TOKEN}` } });
if (!response.ok || !response.body) {
  process.stderr.write(`HTTP ${response.status}\n`);
  process.exit(1);
}
const decoder = new TextDecoder("utf-16le");
const out = createWriteStream(String(file));
for await (const chunk of /** @type {AsyncIterable<Uint8Array>} */ (/** @type {unknown} */ (response.body))) {
  if (!out.write(decoder.decode(chunk, { stream: true }))) {
    await once(out, "drain");
  }
}
out.end(decoder.decode());
await once(out, "finish");
