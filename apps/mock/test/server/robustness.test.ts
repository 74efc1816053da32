// What a user meets at the edges (issue 18): the port opens only when everything behind it answers; Prism goes
// down with its owner, SIGKILL included; an export does not hold up other connections; an oversized body is
// refused with 413 at once; MOCK_LOG=info is one line per request, Prefer ones included. All driven by events.
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seedRun } from "@zuora-reports/conformance";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, MAX_BODY_BYTES, type MockServer, startMock } from "../../src/index.js";
import { AUTH } from "../support/http.js";

const SEED_ID = seedRun().reportRunId;
const mocks: MockServer[] = [];
afterAll(() => Promise.all(mocks.map((mock) => mock.stop())));

/**
 * Whether something answers at `url` now (one attempt, ended by the socket's own events). It asks for the published
 * run, which Prism answers without a log line: a line written to a dead owner's pipe would end Prism by itself.
 */
async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(`${url}/reportruns/${SEED_ID}`, { headers: AUTH })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

describe("readiness", () => {
  it("the first request that gets through, sent the instant the port opens, gets the example it asks for", async () => {
    const port = await findFreePort();
    const starting = startMock({ port }).then((mock) => mocks.push(mock));
    // Knock until the port opens: each attempt ends by the socket's own event (refused, or answered).
    let first: Response | undefined;
    while (!first) {
      first = await fetch(`http://127.0.0.1:${port}/reportruns/${SEED_ID}`, {
        headers: { ...AUTH, Prefer: "example=started" },
      }).catch(() => undefined);
      if (!first) {
        await delay(5); // refused: the port is not open yet (a pause between knocks, not a wait for readiness)
      }
    }
    expect(first.status, await first.clone().text()).toBe(200);
    expect(((await first.json()) as { response: { status: string } }).response.status).toBe("STARTED");
    await starting;
  });
});

describe("Prism goes down with its owner", () => {
  it("when the process that called startMock() is SIGKILLed", async () => {
    const folder = await mkdtemp(join(tmpdir(), "mock-owner-"));
    const owner = join(folder, "owner.mjs");
    const entry = pathToFileURL(fileURLToPath(new URL("../../dist/index.mjs", import.meta.url))).href;
    await writeFile(
      owner,
      `const { startMock } = await import(${JSON.stringify(entry)});\n` +
        "const mock = await startMock();\nprocess.stdout.write(JSON.stringify(mock.prism) + '\\n');\n",
    );
    const child = spawn(process.execPath, [owner], { stdio: ["ignore", "pipe", "inherit"] });
    const line = await new Promise<string>((resolve) => child.stdout.once("data", (chunk) => resolve(String(chunk))));
    const prism = JSON.parse(line) as { url: string; pid: number };
    expect(await answers(prism.url)).toBe(true);
    const killed = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await killed;
    const since = Date.now();
    // Prism is not our child: its end is seen as its port refusing connections.
    let tries = 0;
    while ((await answers(prism.url)) && tries++ < 200) {
      await delay(25);
    }
    const gone = !(await answers(prism.url));
    if (!gone) {
      process.kill(prism.pid, "SIGKILL");
    }
    expect(gone, `Prism (pid ${prism.pid}) still answers after its owner was killed`).toBe(true);
    expect(Date.now() - since).toBeLessThan(1000);
  });
});

/** An http request whose events the test drives: headers and body as given, the response as a promise. */
function rawRequest(port: number, path: string, headers: Record<string, string | number>) {
  const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
  return { req, response };
}

const bodyOf = (response: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    response.on("data", (chunk) => (text += chunk)).once("end", () => resolve(text));
  });

describe("oversized bodies", () => {
  it("a declared length over the limit is refused with 413 before any of the body is sent", async () => {
    const mock = await startMock({ preferExamples: false });
    mocks.push(mock);
    const { req, response } = rawRequest(mock.port, "/oauth/token", {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": 20 * 1024 * 1024,
    });
    req.flushHeaders();
    const answer = await response;
    expect(answer.statusCode).toBe(413);
    expect(JSON.parse(await bodyOf(answer)).message).toContain(`larger than ${MAX_BODY_BYTES} bytes`);
    req.destroy();
  });

  it("a chunked body is refused with 413 once what arrived passes the limit, before it ends", async () => {
    const mock = await startMock({ preferExamples: false });
    mocks.push(mock);
    const { req, response } = rawRequest(mock.port, "/oauth/token", {
      "Content-Type": "application/x-www-form-urlencoded",
      "Transfer-Encoding": "chunked",
    });
    let answered = false;
    response.then(() => (answered = true));
    // Sends 64 KiB chunks until the answer comes; the request is never ended.
    let sent = 0;
    while (!answered && sent <= 4 * MAX_BODY_BYTES) {
      await new Promise<void>((resolve) => req.write(Buffer.alloc(64 * 1024, 97), () => resolve()));
      sent += 64 * 1024;
    }
    const answer = await response;
    expect(answer.statusCode).toBe(413);
    expect(sent).toBeGreaterThan(MAX_BODY_BYTES);
    req.destroy();
  });
});

/** Reads the export at argv[1] to its end: says "first chunk" at the first, then the byte count. */
const EXPORT_READER = `
const http = require("node:http");
http.get(process.argv[1], { headers: { Authorization: "Bearer t" } }, (res) => {
  let bytes = 0;
  res.on("data", (chunk) => {
    if (bytes === 0) process.stdout.write("first chunk\\n");
    bytes += chunk.length;
  });
  res.on("end", () => process.stdout.write(bytes + "\\n"));
});
`;

describe("a large export", () => {
  it("does not hold up other connections: a GET sent after its first chunk is answered before it ends", async () => {
    const mock = await startMock({ preferExamples: false, pace: "poll", rows: 50_000 });
    mocks.push(mock);
    const get = (path: string, init: RequestInit = {}) => fetch(`${mock.url}${path}`, { headers: AUTH, ...init });
    const started = await get("/reports/r-large/reportrun?viewType=Detail", { method: "POST" });
    const id = ((await started.json()) as { response: { reportRunId: string } }).response.reportRunId;
    for (let poll = 0; poll < 4; poll++) {
      await (await get(`/reportruns/${id}`)).arrayBuffer();
    }
    // The export is read by another process, as fast as it can: a reader in this process would share the mock's
    // event loop and slow the mock down to its own pace, hiding any starving.
    const reader = spawn(process.execPath, ["-e", EXPORT_READER, `${mock.url}/reportruns/export/${id}`], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const events: string[] = [];
    const exported = await new Promise<number>((resolve, reject) => {
      reader.stdout.setEncoding("utf8").on("data", (text: string) => {
        for (const line of text.split("\n").filter(Boolean)) {
          if (line === "first chunk") {
            events.push("export: first chunk");
            get(`/reportruns/${SEED_ID}`)
              .then((reply) => reply.arrayBuffer())
              .then(() => events.push("GET answered"), reject);
          } else {
            events.push("export: end");
            resolve(Number(line));
          }
        }
      });
    });
    expect(exported).toBeGreaterThan(5_000_000);
    expect(events).toEqual(["export: first chunk", "GET answered", "export: end"]);
  });
});

describe("MOCK_LOG=info", () => {
  it("is one line per request in the mock's format, a Prefer one included, and nothing of Prism's", async () => {
    const lines: string[] = [];
    const mock = await startMock({ logLevel: "info", onOutput: (text) => lines.push(...text.split("\n")) });
    mocks.push(mock);
    await (await fetch(`${mock.url}/reportruns/${SEED_ID}`, { headers: AUTH })).arrayBuffer();
    await (
      await fetch(`${mock.url}/reportruns/${SEED_ID}`, { headers: { ...AUTH, Prefer: "example=started" } })
    ).arrayBuffer();
    await (await fetch(`${mock.url}/nowhere`, { headers: AUTH })).arrayBuffer();
    await mock.stop();
    const said = lines.filter((line) => line.trim() !== "");
    const format = (rest: string) => new RegExp(`^\\[[^\\]]+\\] › \\[MOCK\\] ${rest}$`);
    expect(said).toEqual([
      expect.stringMatching(format(`GET /reportruns/${SEED_ID} → 200`)),
      expect.stringMatching(format(`GET /reportruns/${SEED_ID} → 200 \\(example, by Prism\\)`)),
      expect.stringMatching(format("GET /nowhere → 404")),
    ]);
  });
});
