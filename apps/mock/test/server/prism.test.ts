// Prism behind the mock takes a free port the OS also hands to other processes: its readiness must be Prism's own,
// and a port taken in the meantime means another port, not a mock whose examples answer ECONNREFUSED later.
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { defaultSpecPath as specPath } from "../../src/index.js";
import { findFreePort } from "../../src/server/ports.js";
import { PRISM_READY_TIMEOUT_MS, type PrismProcess, startPrism, startPrismOnFreePort } from "../../src/server/prism.js";

let squatter: Server | undefined;
let prism: PrismProcess | undefined;

afterEach(async () => {
  await prism?.stop();
  prism = undefined;
  await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
  squatter = undefined;
});

/** Another process's server on a free port, answering every request 200. */
async function squat(): Promise<number> {
  const server = createServer((_req, res) => res.end("not Prism"));
  squatter = server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}

const options = { specPath, host: "127.0.0.1", logLevel: "silent" as const, readyTimeoutMs: PRISM_READY_TIMEOUT_MS };

describe("Prism's readiness", () => {
  it("is not fooled by another server on its port: Prism cannot bind it, and says so", async () => {
    const port = await squat();
    await expect(startPrism({ ...options, port })).rejects.toThrow(/EADDRINUSE/);
  });

  it("takes another free port when the one it was given is taken before it binds", async () => {
    const taken = await squat();
    const ports = [taken];
    prism = await startPrismOnFreePort(options, async (host) => ports.shift() ?? findFreePort(host));
    expect(Number(new URL(prism.url).port)).not.toBe(taken);
    const answer = await fetch(`${prism.url}/reportruns/ff808081529f4e3401529fd61f080074`, {
      headers: { Authorization: "Bearer t" },
    });
    expect(answer.status).toBe(200);
  });
});
