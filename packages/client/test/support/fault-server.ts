// A local node:http server whose answers each test scripts, to produce faults Prism cannot. It serves under a random
// base path: on a machine shared with other test runs, a request from someone else's process (one that thought this
// port closed) gets a 404 and counts for nothing.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { events } from "./events.js";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse, index: number) => unknown;

export interface FaultServer {
  url: string;
  requests: SeenRequest[];
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): SeenRequest[];
  /** Resolves once the handler has been called for `count` requests: an event to drive a test by, not a sleep. */
  handled(count: number): Promise<void>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/** Starts a server answering with `handler`; it is closed after the test. */
export async function faultServer(handler: Handler): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const handled = events<number>();
  const base = `/${randomUUID()}`;
  const server = createServer(async (req, res) => {
    const url = req.url ?? "";
    // Token endpoints live on the origin, outside the base path (/oauth/token, or a test's own tokenUrl).
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
    requests.push(seen);
    const index = requests.length - 1;
    const pending = handler(seen, res, index);
    handled.push(index);
    await pending;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    requests,
    to: (prefix) => requests.filter((r) => r.url.startsWith(prefix)),
    handled: handled.reached,
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

export const RUN_ID = "ff808081529f4e3401529fd61f080074";
export const REPORT_ID = "ff808081529f4e3401529fd373730070";

/** A report run in `status`. */
export const run = (status: string) => ({
  id: RUN_ID,
  reportId: REPORT_ID,
  reportType: "Detail",
  status,
  startedOn: 1453166692000,
  updatedOn: 1453166695000,
  reportDefinition: "...",
});

/** The success envelope. */
export const ok = (response: unknown) => ({ success: true, response });
