// A local node:http server whose answers a test scripts (stalls, drops, odd payloads Prism cannot produce), closed
// after the test. `handled(n)` resolves once n requests have been answered or left hanging: an event, not a sleep.
// It serves under a random base path: on a machine shared with other test runs, a request from someone else's
// process (one that thought this port closed) gets a 404 and counts for nothing.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface FaultServer {
  url: string;
  requests: Seen[];
  handled(count: number): Promise<void>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

export async function faultServer(
  handler: (req: Seen, res: ServerResponse, index: number) => unknown,
): Promise<FaultServer> {
  const requests: Seen[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const base = `/${randomUUID()}`;
  const server = createServer(async (req, res) => {
    const url = req.url ?? "";
    // The token endpoint lives on the origin, outside the base path.
    if (!url.startsWith(`${base}/`) && url !== "/oauth/token") {
      res.writeHead(404).end();
      return;
    }
    let body = "";
    for await (const chunk of req) {
      body += chunk;
    }
    const seen = { method: req.method ?? "", url: url.replace(base, ""), headers: req.headers, body };
    const index = requests.push(seen) - 1;
    handler(requests[index] as Seen, res, index);
    for (const waiter of waiting.filter((w) => w.count <= requests.length)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}`,
    requests,
    handled: (count) =>
      count <= requests.length ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
  };
}

/** Answers with a JSON body. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Zuora's success envelope. */
export const ok = (response: unknown) => ({ success: true, response });
