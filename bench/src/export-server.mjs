// @ts-check
// A node:http server answering GET {BASE_PATH}/reportruns/export/{id} with a large export as Zuora sends it:
// `text/csv;charset=utf-16`, UTF-16LE with a byte-order mark, tab-separated, `--megabytes` MB (default 100),
// generated block by block so the server holds one block, not the file. Its own process, like http-server.mjs;
// prints `{"port":N,"bytes":N}` once listening, stops on SIGTERM or when stdin closes.
import { createServer } from "node:http";
import { BASE_PATH } from "./fixtures.mjs";

const megabytes = Number(/^--megabytes=(\d+(?:\.\d+)?)$/.exec(process.argv[2] ?? "")?.[1] ?? 100);
const PREFIX = `${BASE_PATH}/reportruns/export/`;

/** One block of rows (about 1 MiB of UTF-16LE), non-ASCII and a thousands separator included. */
function block() {
  const lines = [];
  for (let i = 0, length = 0; length < 512 * 1024; i++) {
    const line = `Jan 20, 2014 3:24:00 PM\tCAD\t1,729.76\tNiño & Søn Ltd — row ${i}\t8a858290439c517a0143b1f4229c013f\r\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join(""), "utf16le");
}
const BOM_AND_HEADER = Buffer.concat([
  Buffer.from([0xff, 0xfe]),
  Buffer.from(
    "Invoice.CreatedDate\tAccount.Currency\tInvoice.Amount\tAccount.Name\tBillToContact.AccountId\r\n",
    "utf16le",
  ),
]);
const BLOCK = block();
const BLOCKS = Math.max(1, Math.round((megabytes * 1e6 - BOM_AND_HEADER.length) / BLOCK.length));
const BYTES = BOM_AND_HEADER.length + BLOCKS * BLOCK.length;

const server = createServer((req, res) => {
  const url = req.url ?? "";
  if (req.method !== "GET" || !url.startsWith(PREFIX) || !req.headers.authorization) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not found"}');
    return;
  }
  res.writeHead(200, { "content-type": "text/csv;charset=utf-16", "content-length": BYTES });
  res.write(BOM_AND_HEADER);
  let sent = 0;
  // Backpressure: a block is written only when the socket has taken the previous ones.
  const more = () => {
    while (sent < BLOCKS) {
      sent++;
      if (!res.write(BLOCK)) {
        res.once("drain", more);
        return;
      }
    }
    res.end();
  };
  more();
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, bytes: BYTES })}\n`);
});

const stop = () => server.close(() => process.exit(0)).closeAllConnections();
process.on("SIGTERM", stop);
process.stdin.on("end", stop).resume();
