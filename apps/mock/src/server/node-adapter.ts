// The thin node adapter: an http server whose requests become MockRequests for `respond`, and whose responses
// are written out (a file streamed without starving other connections, a `Prefer` request handed to Prism), with
// one log line per request.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { setImmediate as yieldToOthers } from "node:timers/promises";
import { corsHeaders, withoutCors } from "./cors.js";
import { BodyTooLargeError, type Headers, type MockRequest, type MockResponse } from "./pipeline.js";

/** How the adapter runs. */
export interface AdapterOptions {
  respond: (request: MockRequest) => Promise<MockResponse>;
  /** Where `forward` answers go (Prism); read per request. */
  prismUrl: () => string | undefined;
  maxBodyBytes: number;
  /** One line per request (`info`), and failures (`error`). */
  log: (level: "info" | "error", line: string) => void;
}

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "zuora-track-id", "zuora-request-id"];

/** The body of `req`, read once, refused as soon as it passes `limit` bytes. */
function bodyReader(req: IncomingMessage, limit: number): () => Promise<Uint8Array> {
  let body: Promise<Uint8Array> | undefined;
  return () => {
    body ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          req.off("data", onData);
          req.pause();
          reject(new BodyTooLargeError(limit));
          return;
        }
        chunks.push(chunk);
      };
      req.on("data", onData);
      req.once("end", () => resolve(Buffer.concat(chunks)));
      req.once("error", reject);
    });
    return body;
  };
}

function mockRequest(req: IncomingMessage, url: URL, maxBodyBytes: number): MockRequest {
  return {
    method: req.method ?? "GET",
    url,
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress ?? "",
    body: bodyReader(req, maxBodyBytes),
  };
}

/** Resolves when `res` drains or closes. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

/** Writes `chunks`, waiting for the socket to drain and letting other connections in between chunks. */
async function stream(res: ServerResponse, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) {
      return;
    }
    if (!res.write(chunk)) {
      await drained(res);
    }
    // The socket may take every chunk at once (loopback): without this the whole file would be made in one go.
    await yieldToOthers();
  }
  res.end();
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  options: AdapterOptions,
  agent: Agent,
  request: Headers,
  rateLimit: Headers = {},
) {
  const line = (status: number, note: string) => options.log("info", `${req.method} ${req.url} → ${status} (${note})`);
  const prismUrl = options.prismUrl();
  if (!prismUrl) {
    throw new Error("No Prism to forward to.");
  }
  const upstream = httpRequest(new URL(req.url ?? "/", prismUrl), { method: req.method, headers: req.headers, agent });
  upstream.once("response", (answer) => {
    const status = answer.statusCode ?? 502;
    // The document declares RateLimit-* on 2xx and 429 answers only; a client may read RateLimit-Reset as the wait
    // before retrying any answer, so an example 500 must not carry a minute's reset.
    const own = status < 300 || status === 429 ? { ...request, ...rateLimit } : request;
    const headers = withoutCors({ ...answer.headers });
    // The request's own headers (its id, its rate-limit count) replace Prism's of the same name, in any case.
    for (const name of [...HOP_BY_HOP, ...Object.keys(own).map((key) => key.toLowerCase())]) {
      delete headers[name];
    }
    res.writeHead(status, { ...headers, ...corsHeaders(req.headers), ...own });
    answer.pipe(res);
    line(status, "example, by Prism");
  });
  upstream.once("error", (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ message: `Prism: ${error.message}` });
    res.writeHead(502, { ...corsHeaders(req.headers), ...request, "Content-Type": "application/json" }).end(body);
    line(502, "Prism failed");
  });
  req.pipe(upstream);
}

async function write(req: IncomingMessage, res: ServerResponse, options: AdapterOptions, agent: Agent) {
  const url = new URL(req.url ?? "/", "http://mock.invalid");
  const response = await options.respond(mockRequest(req, url, options.maxBodyBytes));
  const where = `${req.method} ${url.pathname}`;
  if (response.kind === "forward") {
    forward(req, res, options, agent, response.headers, response.rateLimit);
    return;
  }
  if (response.kind === "drop") {
    options.log("info", `${where} → ${response.note}`);
    req.socket.destroy();
    return;
  }
  options.log("info", `${where} → ${response.status}${response.note ? ` (${response.note})` : ""}`);
  if (response.kind === "send") {
    const length = Buffer.byteLength(response.body);
    res
      .writeHead(response.status, { ...corsHeaders(req.headers), ...response.headers, "Content-Length": length })
      .end(response.body);
    return;
  }
  res.writeHead(response.status, { ...corsHeaders(req.headers), ...response.headers });
  await stream(res, response.chunks);
}

/** An http server answering with `options.respond`. */
export function createNodeServer(options: AdapterOptions): Server {
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    write(req, res, options, agent).catch((error: unknown) => {
      options.log("error", `mock: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : error}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res
        .writeHead(500, { ...corsHeaders(req.headers), "Content-Type": "application/json" })
        .end('{"message":"The mock failed."}');
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on("close", () => agent.destroy());
  return server;
}
