// @zuora-reports/mock/testing: servers that misbehave on purpose, for the faults the mock (and Prism) will not
// produce: a stalled body, a dropped connection, a payload off the spec. Every suite (client, CLI, verify) uses these
// instead of its own copy. Needs vitest (an optional peer dependency): a fault server closes itself after the test.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

/** A node:http server on a free loopback port. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts `handler` on a free loopback port; the caller closes it. */
export async function startLocalServer(handler: RequestListener): Promise<LocalServer> {
  const server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request a fault server saw, its URL without the server's base path. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Answers the request numbered `index` (from 0); may leave it hanging. */
export type FaultHandler = (req: SeenRequest, res: ServerResponse, index: number) => unknown;

/** A fault server: its base URL and what it saw. */
export interface FaultServer {
  /** `http://127.0.0.1:<port>/<random base path>` */
  url: string;
  /** Every request it answered (or left hanging), in order. */
  requests: SeenRequest[];
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): SeenRequest[];
  /** Resolves once the handler has been called for `count` requests: an event to drive a test by, not a sleep. */
  handled(count: number): Promise<void>;
  /** Closes it now (it also closes after the test). */
  close(): Promise<void>;
}

/**
 * Starts a server whose answers `handler` scripts; called inside a test, it is closed when the test finishes. It
 * serves under a random base path: on a machine shared with other test runs, a request from someone else's process
 * (one that thought this port closed) gets a 404 and counts for nothing. Token endpoints (`/<word>/token`, e.g.
 * `/oauth/token`) are served on the origin, outside the base path.
 */
export async function startFaultServer(handler: FaultHandler): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const base = `/${randomUUID()}`;
  const server = await startLocalServer(async (req, res) => {
    const url = req.url ?? "";
    if (!url.startsWith(`${base}/`) && !/^\/\w+\/token$/.test(url)) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const seen = {
      method: req.method ?? "",
      url: url.replace(base, ""),
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    const index = requests.push(seen) - 1;
    const pending = handler(seen, res, index);
    for (const waiter of waiting.filter((w) => w.count <= requests.length)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
    await pending;
  });
  onTestFinished(() => server.close());
  return {
    url: `${server.url}${base}`,
    requests,
    to: (prefix) => requests.filter((r) => r.url.startsWith(prefix)),
    handled: (count) =>
      count <= requests.length ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
    close: server.close,
  };
}

/** Starts a response that never ends: the headers and `start` of the body, then nothing. */
export function stall(res: ServerResponse, start: string | Buffer, contentType = "application/json"): void {
  res.writeHead(200, { "Content-Type": contentType });
  res.write(start);
}

/** Sends a JSON body. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Zuora's success envelope around `response`. */
export const ok = (response: unknown) => ({ success: true, response });
