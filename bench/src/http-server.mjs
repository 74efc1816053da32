// @ts-check
// A minimal node:http server answering GET {BASE_PATH}/reportruns/{id} with a completed run, and nothing else.
// Run as its own process (`node src/http-server.mjs`) so its CPU work does not share the client's event loop;
// it prints `{"port":N}` on stdout once listening and stops on SIGTERM or when stdin closes.
import { createServer } from "node:http";
import { BASE_PATH, RESPONSE_HEADERS, reportRunBody } from "./fixtures.mjs";

const PREFIX = `${BASE_PATH}/reportruns/`;

const server = createServer((req, res) => {
  const url = req.url ?? "";
  if (req.method !== "GET" || !url.startsWith(PREFIX)) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not found"}');
    return;
  }
  if (!req.headers.authorization) {
    res.writeHead(401, { "content-type": "application/json" }).end('{"message":"Authentication error"}');
    return;
  }
  const body = reportRunBody(decodeURIComponent(url.slice(PREFIX.length)));
  res.writeHead(200, { ...RESPONSE_HEADERS, "content-length": Buffer.byteLength(body) }).end(body);
});
server.keepAliveTimeout = 30_000;

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});

const stop = () => server.close(() => process.exit(0)).closeAllConnections();
process.on("SIGTERM", stop);
// The parent holds stdin open; if it dies without signalling, the pipe closes and we exit too.
process.stdin.on("end", stop).resume();
