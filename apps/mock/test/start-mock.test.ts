import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort, type MockServer, startMock } from "../src/index.js";

const RUN_URL = "/reportruns/ff808081529f4e3401529fd61f080074";
const started: MockServer[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((mock) => mock.stop()));
});

async function canConnect(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

describe("startMock", () => {
  it("serves the bundled spec on a free loopback port once it resolves", async () => {
    const mock = await startMock();
    started.push(mock);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    const response = await fetch(mock.url + RUN_URL, { headers: { Authorization: "Bearer t" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, response: { status: "COMPLETED" } });
  });

  it("stop() ends Prism and frees the port, and may be called twice", async () => {
    const mock = await startMock();
    await mock.stop();
    await mock.stop();
    expect(await canConnect(mock.port)).toBe(false);
  });

  it("runs two mocks side by side", async () => {
    const [a, b] = await Promise.all([startMock(), startMock()]);
    started.push(a, b);
    expect(a.port).not.toBe(b.port);
    const statuses = await Promise.all(
      [a, b].map(async (mock) => (await fetch(mock.url + RUN_URL, { headers: { Authorization: "Bearer t" } })).status),
    );
    expect(statuses).toEqual([200, 200]);
  });

  it("says clearly when the port is taken", async () => {
    const port = await findFreePort();
    const blocker = createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    try {
      await expect(startMock({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("reports Prism's own words when it cannot start, and leaves nothing running", async () => {
    await expect(startMock({ specPath: "/nonexistent/openapi.json", readyTimeoutMs: 15_000 })).rejects.toThrow(
      /Prism exited/,
    );
  });
});
