// `zuora-reports verify`, the shell over @zuora-reports/verify, in-process with the real client over real HTTP:
// its table and --json document, its exit codes, Ctrl-C, --record's folder and secrets, its flags. What the walk
// finds is the library's (packages/verify/test); the upstream with Zuora's other documented shapes is shared from there.

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRun } from "@zuora-reports/conformance";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  startDriftingUpstream,
  UPSTREAM_REPORT_ID,
  UPSTREAM_ROWS,
  UPSTREAM_RUN_ID,
  type Upstream,
  type UpstreamOptions,
} from "../../../packages/verify/test/support/drifting-upstream.js";
import type { VerifyDocument as VerifyReport } from "../src/verify/format.js";
import { runInProcess, WALK_OPERATIONS } from "./support/verify-runtime.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID } = seedRun();

const mockUrl = inject("mockUrl");
const CLIENT_ID = "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11";
const CLIENT_SECRET = "client-secret-3b9f0e7d";
const OAUTH = { ZUORA_CLIENT_ID: CLIENT_ID, ZUORA_CLIENT_SECRET: CLIENT_SECRET };
// Polls fast: outcomes follow the statuses the server gives, never the clock.
const FAST = ["--interval", "0.01"];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function upstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const server = await startDriftingUpstream(options);
  cleanups.push(() => server.close());
  return server;
}

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "verify-test-"));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

async function verifyJson(args: string[], env: Record<string, string> = OAUTH) {
  const result = await runInProcess(["--json", "verify", ...FAST, ...args], env);
  return { ...result, report: JSON.parse(result.stdout) as VerifyReport };
}

const finding = (report: VerifyReport, topic: string) => report.findings.find((f) => f.topic === topic);

describe("verify against the mock", () => {
  it("reports full conformance for a run it starts, and exits 0", async () => {
    const { code, stdout, stderr } = await runInProcess(
      ["verify", ...FAST, "--base-url", mockUrl, "--report", REPORT_ID],
      OAUTH,
    );
    expect(code, stderr).toBe(0);
    for (const operation of WALK_OPERATIONS) {
      // Any declared status conforms (a stateful mock may not know the report's last run yet: a declared 400).
      expect(stdout).toMatch(new RegExp(`^${operation}( ×\\d+)? .* \\d{3} +conforms$`, "m"));
    }
    expect(stdout).not.toContain("drift");
    expect(stdout).toContain("Result: every response checked conforms to the spec.");
    expect(stderr).toMatch(/^Started report run [\w-]+\.$/m);
  });

  it("--json: one document, every exchange conforming, the walk complete", async () => {
    const { code, report } = await verifyJson(["--base-url", mockUrl, "--report", REPORT_ID]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ target: mockUrl, conforms: true, complete: true, exitCode: 0 });
    expect(report.run).toMatchObject({ started: true });
    expect(report.run?.statuses.at(-1)).toBe("COMPLETED");
    expect(report.exchanges.every((line) => line.verdict === "conforms" && line.violations.length === 0)).toBe(true);
    expect(report.exchanges.map((line) => line.request)).toEqual(
      expect.arrayContaining([
        "GET /reportruns/reportdata/{reportRunId}?offset=1&pageSize=100",
        "GET /reportruns/reportdata/{reportRunId}?offset=0&pageSize=100",
        "GET /reportruns/export/{reportRunId}",
      ]),
    );
    // The mock's runs carry both timestamps in one of the spec's forms: counted, not "none seen".
    expect(finding(report, "timestamps (startedOn, updatedOn)")?.seen).toMatch(
      /^(?:epoch milliseconds|ISO 8601 with [^;]+) ×[1-9]\d*(?:; (?:epoch milliseconds|ISO 8601 with [^;]+) ×[1-9]\d*)*$/,
    );
  });
});

describe("verify against an upstream with Zuora's other documented shapes", () => {
  it("names each difference with its JSON path, the spec's expectation and what came back; exits 6", async () => {
    const server = await upstream();
    const { code, stdout } = await runInProcess(
      ["verify", ...FAST, "--base-url", server.url, "--report", UPSTREAM_REPORT_ID],
      OAUTH,
    );
    expect(code).toBe(6);
    expect(stdout).toMatch(/^getReportRun +GET \/reportruns\/\{reportRunId\} +200 +drift \(3\)$/m);
    expect(stdout).toContain(
      '$.response.reportId: the spec says a required property; seen absent (the object has "reportID")',
    );
    expect(stdout).toMatch(/\$\.response\.status: the spec says one of "STARTED", .*"ERROR" .*; seen "completed"/);
    expect(stdout).toMatch(/\$\.response\.reportType: the spec says one of "Detail", "Summary" .*; seen "summary"/);
    expect(stdout).toMatch(
      /base path +404 at http:\/\/127\.0\.0\.1:\d+; the API answers at .*\/reporting\/api\/rest\/v1/,
    );
    expect(stdout).toMatch(/export delimiter +comma, LF line breaks +\[documented: tab\]/);
    expect(stdout).toMatch(/export encoding +UTF-8, no byte-order mark +\[documented: UTF-16LE\]/);
    expect(stdout).toMatch(/export Content-Type +text\/csv; charset=UTF-8 +\[documented: text\/csv;charset=utf-16\]/);
    expect(stdout).toMatch(/timestamps \(startedOn, updatedOn\) +ISO 8601 with a ±hhmm offset \(no colon\)/);
    expect(stdout).toMatch(/Result: drift: \d+ violations/);
  });

  it("masks row values in what it prints", async () => {
    const server = await upstream({ envelope: false });
    const { stdout } = await runInProcess(
      ["verify", ...FAST, "--base-url", `${server.url}/reporting/api/rest/v1`, "--run", UPSTREAM_RUN_ID],
      OAUTH,
    );
    for (const value of UPSTREAM_ROWS.flatMap((row) => Object.values(row))) {
      expect(stdout).not.toContain(value);
    }
  });

  it("Ctrl-C while polling stops at once (exit 130), says how to cancel the run it started, and cancels nothing", async () => {
    let interrupt = () => {};
    let polls = 0;
    const server = await upstream({
      pollsBeforeDone: 1_000_000,
      onRequest: (request) => {
        if (request.includes(`/reportruns/${UPSTREAM_RUN_ID}`) && ++polls === 2) {
          interrupt();
        }
      },
    });
    const { code, stderr, stdout } = await runInProcess(
      ["verify", ...FAST, "--base-url", `${server.url}/reporting/api/rest/v1`, "--report", UPSTREAM_REPORT_ID],
      OAUTH,
      (runtime) => {
        interrupt = () => runtime.interrupt();
      },
    );
    expect(code).toBe(130);
    expect(stderr).toContain(
      `Report run ${UPSTREAM_RUN_ID} keeps running on Zuora; cancel it with: zuora-reports cancel ${UPSTREAM_RUN_ID}`,
    );
    expect(stdout).toBe("");
    expect(server.requests.filter((r) => r.startsWith("DELETE"))).toEqual([]);
  });

  it("--json, Ctrl-C while polling: one document with what it saw and how to cancel the run (exit 130)", async () => {
    let interrupt = () => {};
    let polls = 0;
    const server = await upstream({
      pollsBeforeDone: 1_000_000,
      onRequest: (request) => {
        if (request.includes(`/reportruns/${UPSTREAM_RUN_ID}`) && ++polls === 2) {
          interrupt();
        }
      },
    });
    const cancel = `Report run ${UPSTREAM_RUN_ID} keeps running on Zuora; cancel it with: zuora-reports cancel ${UPSTREAM_RUN_ID}`;
    const { code, stdout, stderr } = await runInProcess(
      [
        "--json",
        "verify",
        ...FAST,
        "--base-url",
        `${server.url}/reporting/api/rest/v1`,
        "--report",
        UPSTREAM_REPORT_ID,
      ],
      OAUTH,
      (runtime) => {
        interrupt = () => runtime.interrupt();
      },
    );
    expect(code).toBe(130);
    expect(stderr).toBe(`Stopped verifying. ${cancel}\n`);
    const report = JSON.parse(stdout) as VerifyReport;
    expect(report).toMatchObject({ complete: false, stopped: `Stopped verifying. ${cancel}`, exitCode: 130 });
    expect(report.run).toMatchObject({ id: UPSTREAM_RUN_ID, started: true, statuses: ["STARTED"] });
    expect(report.exchanges.map((line) => line.operation)).toContain("getReportRun");
  });

  it("a run that ends ERROR exits 3, naming it", async () => {
    const server = await upstream({ finalStatus: "error", pollsBeforeDone: 1 });
    const { code, report } = await verifyJson([
      "--base-url",
      `${server.url}/reporting/api/rest/v1`,
      "--run",
      UPSTREAM_RUN_ID,
    ]);
    expect(code).toBe(3);
    expect(report).toMatchObject({ exitCode: 3, complete: false });
    expect(report.stopped).toContain("ended ERROR");
  });

  it("stops on rejected credentials with exit 4, after showing what it saw", async () => {
    const server = await upstream();
    const { code, report } = await verifyJson(
      ["--base-url", `${server.url}/reporting/api/rest/v1`, "--run", UPSTREAM_RUN_ID],
      { ZUORA_TOKEN: "wrong-token" },
    );
    expect(code).toBe(4);
    expect(report.complete).toBe(false);
    expect(report.stopped).toMatch(/answered 401: Authentication error/);
    expect(report.exchanges[0]).toMatchObject({ operation: "getReportRun", status: 401, verdict: "conforms" });
  });
});

describe("verify --record", () => {
  it("writes the fixtures, lists them in the document, and keeps the environment's ids out of them", async () => {
    const server = await upstream();
    const folder = await tempFolder();
    const env = { ...OAUTH, ZUORA_ENTITY_ID: "8a8082e65b27f6c3015b2acf7a6c1a2b", ZUORA_TRACK_ID: "nightly-job-42" };
    const { code, stdout } = await runInProcess(
      ["--json", "verify", ...FAST, "--base-url", server.url, "--report", UPSTREAM_REPORT_ID, "--record", folder],
      env,
    );
    expect(code).toBe(6);
    const names = (await readdir(folder)).sort();
    expect(names.length).toBeGreaterThan(8);
    expect((JSON.parse(stdout) as VerifyReport).recorded).toEqual({ folder, files: names });
    // The secrets only the shell knows (the environment's): the library's own redaction is tested there.
    for (const name of names) {
      const text = await readFile(join(folder, name), "utf8");
      for (const value of [CLIENT_ID, CLIENT_SECRET, env.ZUORA_ENTITY_ID, env.ZUORA_TRACK_ID]) {
        expect(text.includes(value), `${name} contains ${value}`).toBe(false);
      }
    }
  });

  it("refuses a folder that is not empty, before any request", async () => {
    const folder = await tempFolder();
    await writeFile(join(folder, "keep.json"), "{}");
    const { code, stderr, runtime } = await runInProcess(
      ["verify", "--base-url", "http://127.0.0.1:9", "--run", RUN_ID, "--record", folder],
      OAUTH,
    );
    expect(code).toBe(2);
    expect(stderr).toContain("is not empty");
    expect(runtime.clientOptions).toEqual([]);
    expect(await readFile(join(folder, "keep.json"), "utf8")).toBe("{}");
  });
});

describe("verify's command line", () => {
  it.each([
    [[], "needs --report <reportId> or --run <reportRunId>"],
    [["--report", REPORT_ID, "--run", RUN_ID], "needs --report <reportId> or --run <reportRunId>"],
    [["--run", RUN_ID, "--last"], "--last goes with --report"],
    [["--run", RUN_ID, "--view", "Summary"], "--view is for the run --report starts"],
    [["--run", "not an id"], "is not an id"],
  ])("verify %j is a usage error", async (args, message) => {
    const { code, stderr } = await runInProcess(["verify", "--base-url", "http://127.0.0.1:9", ...args], OAUTH);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("--help says it writes or cancels nothing but the run it starts", async () => {
    const { code, stdout } = await runInProcess(["verify", "--help"], {});
    expect(code).toBe(0);
    expect(stdout).toContain("it never writes, changes or cancels anything on the tenant, except that --report");
    expect(stdout).toContain("6 drift");
  });
});
