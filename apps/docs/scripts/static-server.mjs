// A small static file server for dist/: `pnpm docs:serve` and the browser test share it.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";

/** Content types of what a docs site holds; anything else is served as bytes. */
export const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".yml": "application/yaml; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

function contentTypeOf(path) {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

function sendText(response, status, text, headers = {}) {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  response.end(`${text}\n`);
}

/** Maps a request path to a file under root, or null when it would leave root or is malformed. */
function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) {
    return null;
  }
  const file = resolve(join(root, decoded));
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function handle(root, request, response) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    sendText(response, 405, "Method Not Allowed", { Allow: "GET, HEAD" });
    return;
  }
  const urlPath = new URL(request.url ?? "/", "http://localhost").pathname;
  let file = fileFor(root, urlPath);
  if (!file) {
    sendText(response, 400, "Bad Request");
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    // A directory without a trailing slash would break relative links: redirect like any static host.
    if (!urlPath.endsWith("/")) {
      response.writeHead(301, { Location: `${urlPath}/` });
      response.end();
      return;
    }
    file = join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    sendText(response, 404, "Not Found");
    return;
  }
  response.writeHead(200, {
    "Content-Type": contentTypeOf(file),
    "Content-Length": info.size,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

/**
 * Serves the files under `root` over HTTP on `host:port` (loopback and a free port by default).
 * Resolves once it listens; rejects with a readable message when the port is taken.
 *
 * @param {{ root: string; port?: number; host?: string }} options
 * @returns {Promise<{ url: string; host: string; port: number; close(): Promise<void> }>}
 */
export async function startStaticServer({ root, port = 0, host = "127.0.0.1" }) {
  const absoluteRoot = resolve(root);
  const rootInfo = await stat(absoluteRoot).catch(() => null);
  if (!rootInfo?.isDirectory()) {
    throw new Error(`Nothing to serve: ${absoluteRoot} is not a directory (build the docs first: pnpm docs).`);
  }
  const server = createServer((request, response) => {
    handle(absoluteRoot, request, response).catch(() => {
      if (!response.headersSent) {
        sendText(response, 500, "Internal Server Error");
      } else {
        response.destroy();
      }
    });
  });
  await new Promise((resolveListen, rejectListen) => {
    server.once("error", (error) => {
      rejectListen(
        new Error(
          error.code === "EADDRINUSE"
            ? `Port ${port} on ${host} is already in use; choose another with PORT=<port>.`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      );
    });
    server.listen(port, host, () => resolveListen(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/`,
    host,
    port: actualPort,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose(undefined));
      }),
  };
}
