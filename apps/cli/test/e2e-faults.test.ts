// The built binary against servers that misbehave in ways Prism cannot: stalls, drops, odd payloads, echoed secrets,
// rate limits, hanging polls. Timing follows events (a request the server saw), never a sleep.

import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRun } from "@zuora-reports/conformance";
import { json, ok, startFaultServer } from "@zuora-reports/mock/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "./support/spawn-cli.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID, runIn } = seedRun();

const env = { ZUORA_TOKEN: "tok-e2e-1234" };
const RUN = runIn("STARTED");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-faults-"));
});

const jsonOut = (result: CliResult) => JSON.parse(result.stdout) as { error: Record<string, unknown> };

describe("export", () => {
  it("a body that stalls midway ends in TimeoutError, exit 5, and no file", async () => {
    const server = await startFaultServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv" });
      res.write("a,b\n1,");
    });
    const file = join(dir, "report.csv");
    const args = ["export", RUN_ID, "--output", file, "--request-timeout", "5", "--max-retries", "0", "--json"];
    const result = await runCli([...args, "--base-url", server.url], { env });
    expect(result.code).toBe(5);
    expect(jsonOut(result).error).toMatchObject({ type: "TimeoutError", exitCode: 5 });
    // The headers come at once, so it is the read of the body that times out (5 s leaves a loaded machine room).
    expect(result.stderr).toMatch(/^error: Reading the export timed out after 5000 ms: GET http:\/\/127\./);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a connection dropped midway ends in ConnectionError, exit 5", async () => {
    const server = await startFaultServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv" });
      res.write("a,b\n1,", () => res.socket?.destroy());
    });
    const result = await runCli(["export", RUN_ID, "--max-retries", "0", "--base-url", server.url], { env });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^error: Connection error: GET \S+ broke off/m);
  });

  it("a 200 with success: false is an error, not the report", async () => {
    const server = await startFaultServer((_req, res) =>
      json(res, 200, {
        success: false,
        response: JSON.stringify({
          message: "There are errors when exporting the report.",
          errorCode: "ZAN-USAGE-REST-ERROR",
        }),
      }),
    );
    const file = join(dir, "report.csv");
    const result = await runCli(["export", RUN_ID, "--output", file, "--base-url", server.url, "--json"], { env });
    expect(result.code).toBe(1);
    expect(jsonOut(result).error).toMatchObject({
      status: 200,
      errorCode: "ZAN-USAGE-REST-ERROR",
      message: "200 ZAN-USAGE-REST-ERROR: There are errors when exporting the report.",
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps a spreadsheet's bytes and warns when the file name says CSV", async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0xff, 0xfe, 0x80]);
    const server = await startFaultServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/vnd.ms-excel" });
      res.end(xls);
    });
    const file = join(dir, "report.csv");
    const args = ["export", RUN_ID, "--pivoted", "--output", file, "--base-url", server.url, "--json"];
    const result = await runCli(args, { env });
    expect(result.code).toBe(0);
    expect((await readFile(file)).equals(xls)).toBe(true);
    expect(JSON.parse(result.stdout)).toMatchObject({ bytes: xls.length, kind: "spreadsheet" });
    expect(result.stderr).toBe(
      `warning: the export is a spreadsheet (application/vnd.ms-excel), saved as Zuora sent it to ${file}: name it .xls to open it.\n`,
    );
    expect(server.requests[0]?.url).toBe(`/reportruns/export/${RUN_ID}?pivoted=true`);
  });
});

describe("secrets and long messages", () => {
  it("a token endpoint that echoes the form body shows no form of the client secret", async () => {
    const secret = "Zq9+/w=%Kp/L0x==";
    const server = await startFaultServer((req, res) =>
      json(res, 401, {
        error: "invalid_client",
        error_description: `rejected ${req.body} ${JSON.stringify(req.body)}`,
      }),
    );
    const result = await runCli(["status", RUN_ID, "--base-url", server.url, "--json", "--debug"], {
      env: { ZUORA_CLIENT_ID: "client-1", ZUORA_CLIENT_SECRET: secret },
    });
    expect(result.code).toBe(4);
    const shown = result.stdout + result.stderr;
    expect(shown).toContain("client_secret=[redacted]&grant_type");
    for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
      expect(shown).not.toContain(form.slice(0, 5));
    }
  });

  it("a 20 MB error message becomes one short line", async () => {
    const server = await startFaultServer((_req, res) => json(res, 400, { message: "x".repeat(20 * 1024 * 1024) }));
    const result = await runCli(["status", RUN_ID, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: 400: x+…\n$/);
    expect(result.stderr.length).toBeLessThan(600);
  });
});

describe("shapes", () => {
  it("a run of null is a clear error, not a TypeError", async () => {
    const server = await startFaultServer((_req, res) => json(res, 200, ok(null)));
    const result = await runCli(["status", RUN_ID, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: 200: Zuora's answer is response is null, expected an object.\n");
  });

  it("run sends [] as the body when no filters are given", async () => {
    const server = await startFaultServer((_req, res) => json(res, 200, ok({ reportRunId: RUN_ID })));
    const result = await runCli(["run", REPORT_ID, "--view", "Detail", "--base-url", server.url, "--json"], { env });
    expect(result.code).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: "POST", body: "[]" });
  });
});

describe("--json stays one JSON document", () => {
  it("when a later page of data --all fails", async () => {
    const rows = Array.from({ length: 2 }, (_, i) => ({ "Invoice.Number": `INV-${i}` }));
    const server = await startFaultServer((_req, res, i) =>
      i === 0 ? json(res, 200, ok({ page: rows, size: 2, offset: 1, total: 5 })) : json(res, 400, { message: "gone" }),
    );
    const args = ["data", RUN_ID, "--all", "--page-size", "2", "--base-url", server.url, "--json"];
    const result = await runCli(args, { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { message: "400: gone", exitCode: 1, type: "BadRequestError", status: 400 },
    });
  });

  it("with --format ndjson, the rows stream and the error is the last line", async () => {
    const rows = Array.from({ length: 2 }, (_, i) => ({ "Invoice.Number": `INV-${i}` }));
    const server = await startFaultServer((_req, res, i) =>
      i === 0 ? json(res, 200, ok({ page: rows, size: 2, offset: 1, total: 5 })) : json(res, 400, { message: "gone" }),
    );
    const args = [
      "data",
      RUN_ID,
      "--all",
      "--page-size",
      "2",
      "--format",
      "ndjson",
      "--base-url",
      server.url,
      "--json",
    ];
    const lines = (await runCli(args, { env })).stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([...rows, { error: expect.objectContaining({ message: "400: gone" }) }]);
  });
});

describe("waiting", () => {
  it("wait --timeout bounds a poll that hangs: exit 5, and no retry of it", async () => {
    // The first poll answers STARTED, every later one hangs (each could take 60 s and be retried twice).
    const server = await startFaultServer((_req, res, i) => i === 0 && json(res, 200, ok(RUN)));
    const result = await runCli(["wait", RUN_ID, "--timeout", "2", "--base-url", server.url, "--json"], { env });
    expect(result.code).toBe(5);
    expect(jsonOut(result).error).toMatchObject({ type: "ReportRunTimeoutError" });
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it("a retry wait longer than a second is announced on stderr", async () => {
    const server = await startFaultServer((_req, res, i) =>
      i === 0
        ? json(res, 429, { message: "Too many requests" }, { "Retry-After": "1.5" })
        : json(res, 200, ok({ ...RUN, status: "COMPLETED" })),
    );
    const result = await runCli(["status", RUN_ID, "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("rate limited, retrying in 2 s (1/2)\n");
    expect(result.stdout).toContain("Status      COMPLETED");
  });

  it("Ctrl-C while waiting stops cleanly; with --json, the error is a JSON document", async () => {
    const server = await startFaultServer((_req, res) => json(res, 200, ok(RUN)));
    const result = await runCli(["wait", RUN_ID, "--base-url", server.url, "--json"], {
      env,
      // The first poll reaching the server means the Ctrl-C handler is in place.
      onSpawn: (child) => void server.handled(1).then(() => child.kill("SIGINT")),
    });
    expect(result.code).toBe(130);
    const message = `Stopped waiting. Report run ${RUN_ID} keeps running on Zuora; cancel it with: zuora-reports cancel ${RUN_ID}`;
    expect(JSON.parse(result.stdout)).toEqual({ error: { message, type: "Interrupted", exitCode: 130 } });
    expect(result.stderr).toBe(`${message}\n`);
  });
});
