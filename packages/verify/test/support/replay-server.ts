// Serves recorded fixtures back over HTTP: each request gets the next recorded answer of its operation and query
// (the last one again once they run out), encoded as it was on the wire. Unknown requests get 501.
import { createConformance, type Fixture } from "@zuora-reports/conformance";
import { startLocalServer } from "@zuora-reports/mock/testing";

export interface ReplayServer {
  url: string;
  /** Requests that had no fixture. */
  readonly unmatched: string[];
  close(): Promise<void>;
}

const keyOf = (operationId: string, query: Record<string, string>) =>
  `${operationId}?${Object.entries(query)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join("&")}`;

function encode(response: Fixture["response"]): Buffer {
  if ("json" in response) {
    return Buffer.from(JSON.stringify(response.json), "utf8");
  }
  const text = response.text ?? "";
  const { charset = "utf-8", bom = false } = response.encoding ?? {};
  if (charset === "utf-16le") {
    return Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, "utf16le")]);
  }
  return Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, "utf8")]);
}

/** Serves `fixtures` with the API under `basePath` (the token endpoint stays at the host's root). */
export async function startReplayServer(fixtures: readonly Fixture[], basePath = ""): Promise<ReplayServer> {
  const conformance = createConformance();
  const queues = new Map<string, Fixture[]>();
  for (const fixture of fixtures) {
    const key = keyOf(fixture.operationId, fixture.request.query ?? {});
    queues.set(key, [...(queues.get(key) ?? []), fixture]);
  }
  const unmatched: string[] = [];
  const server = await startLocalServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://replay.invalid");
    const path =
      url.pathname === "/oauth/token" || !url.pathname.startsWith(`${basePath}/`)
        ? url.pathname
        : url.pathname.slice(basePath.length);
    const operation = conformance.findOperation(req.method ?? "GET", path);
    const queue = operation && queues.get(keyOf(operation.operationId, Object.fromEntries(url.searchParams)));
    const fixture = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (!fixture) {
      unmatched.push(`${req.method} ${url.pathname}${url.search}`);
      res.writeHead(501, { "Content-Type": "text/plain" }).end("no fixture");
      return;
    }
    res.writeHead(fixture.response.status, fixture.response.headers).end(encode(fixture.response));
  });
  return { ...server, unmatched };
}
