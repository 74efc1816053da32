// `zuora-reports verify`, in-process with the real client over real HTTP: against the mock (full conformance),
// against an upstream with Zuora's other documented shapes (each difference named), recording and replaying.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConformance, fixtureExchange, readFixtures } from "@zuora-reports/conformance";
import { startMock } from "@zuora-reports/mock";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  startDriftingUpstream,
  UPSTREAM_CREATOR,
  UPSTREAM_REPORT_ID,
  UPSTREAM_ROWS,
  UPSTREAM_RUN_ID,
  UPSTREAM_TOKEN,
  type Upstream,
  type UpstreamOptions,
} from "../../../packages/verify/test/support/drifting-upstream.js";
import { startReplayServer } from "../../../packages/verify/test/support/replay-server.js";
import type { VerifyDocument as VerifyReport } from "../src/verify/format.js";
import { REPORT_ID, RUN_ID } from "./support/ids.js";
import { runInProcess, WALK_OPERATIONS } from "./support/verify-runtime.js";

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

const violationsOf = (report: VerifyReport, operation: string) =>
  report.exchanges.filter((line) => line.operation === operation).flatMap((line) => line.violations);
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
    expect(finding(report, "timestamps (startedOn, updatedOn)")?.seen).toBeTruthy();
  });

  it("--run starts nothing", async () => {
    const byRun = await verifyJson(["--base-url", mockUrl, "--run", RUN_ID], { ZUORA_TOKEN: "any-token" });
    expect(byRun.code).toBe(0);
    expect(byRun.report.exchanges.map((line) => line.operation)).not.toContain("runReport");
    expect(byRun.report.run).toMatchObject({ id: RUN_ID, started: false });
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

  it("follows lower-case statuses to the end, reads the Summary pivoted too, and writes nothing but the one run", async () => {
    const server = await upstream({ pollsBeforeDone: 3 });
    const { report } = await verifyJson([
      "--base-url",
      `${server.url}/reporting/api/rest/v1`,
      "--report",
      UPSTREAM_REPORT_ID,
    ]);
    expect(report.run).toEqual({
      id: UPSTREAM_RUN_ID,
      started: true,
      reportType: "Summary",
      statuses: ["STARTED", "PROCESSINGDATA", "COMPLETED"],
    });
    expect(report.complete).toBe(true);
    expect(finding(report, "base path")).toBeUndefined();
    expect(report.exchanges.map((line) => line.request)).toContain("GET /reportruns/export/{reportRunId}?pivoted=true");
    const writes = server.requests.filter(
      (request) => !request.startsWith("GET ") && !request.includes("/oauth/token"),
    );
    expect(writes).toEqual([`POST /reporting/api/rest/v1/reports/${UPSTREAM_REPORT_ID}/reportrun?viewType=Summary`]);
  });

  it("--last sends no write at all", async () => {
    const server = await upstream();
    const { report } = await verifyJson([
      "--base-url",
      `${server.url}/reporting/api/rest/v1`,
      "--report",
      UPSTREAM_REPORT_ID,
      "--last",
    ]);
    expect(report.complete).toBe(true);
    expect(server.requests.filter((r) => !r.startsWith("GET ") && !r.includes("/oauth/token"))).toEqual([]);
  });

  it("tells whether offset=1 skips a row", async () => {
    const oneBased = await upstream({ offsetBase: 1 });
    const zeroBased = await upstream({ offsetBase: 0 });
    const base = "/reporting/api/rest/v1";
    const one = await verifyJson(["--base-url", `${oneBased.url}${base}`, "--run", UPSTREAM_RUN_ID]);
    const zero = await verifyJson(["--base-url", `${zeroBased.url}${base}`, "--run", UPSTREAM_RUN_ID]);
    expect(finding(one.report, "data offset")?.seen).toContain("offset=1 skips nothing");
    expect(finding(one.report, "data offset")?.seen).toContain("the export has 3 rows and starts with that row");
    expect(finding(zero.report, "data offset")?.seen).toContain("offset=1 returned 2 rows");
    expect(finding(zero.report, "data offset")?.seen).toContain("offset=1 skips one row (offsets count from 0)");
    expect(finding(zero.report, "data offset")?.seen).toContain("that row is its row 2");
  });

  it("reports a missing envelope and still walks to the end", async () => {
    const server = await upstream({ envelope: false });
    const { code, report } = await verifyJson([
      "--base-url",
      `${server.url}/reporting/api/rest/v1`,
      "--run",
      UPSTREAM_RUN_ID,
    ]);
    expect(code).toBe(6);
    expect(report.complete).toBe(true);
    expect(violationsOf(report, "getReportRun").map((v) => v.path)).toEqual(
      expect.arrayContaining(["$.success", "$.response"]),
    );
    expect(new Set(violationsOf(report, "getReportData").map((v) => v.path))).toEqual(
      new Set(["$.success", "$.response"]),
    );
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
  it("records the mock's answers as fixtures that validate against the spec, and replaying them round-trips", async () => {
    // A mock of its own: one status step per poll (no two polls alike, so none is folded into another) and fewer
    // rows than a fixture keeps of an export, so what is replayed is all that was seen.
    const mock = await startMock({ pace: "poll", rows: 60 });
    cleanups.push(() => mock.stop());
    const folder = await tempFolder();
    const live = await verifyJson(["--base-url", mock.url, "--report", REPORT_ID, "--record", folder]);
    expect(live.code).toBe(0);
    const files = await readdir(folder);
    expect(live.report.recorded?.files).toEqual(files.sort());
    const fixtures = readFixtures(folder).map((entry) => entry.fixture);
    const conformance = createConformance();
    for (const fixture of fixtures) {
      expect(conformance.check(fixtureExchange(fixture)).violations, fixture.operationId).toEqual([]);
    }

    const replay = await startReplayServer(fixtures);
    cleanups.push(() => replay.close());
    const replayed = await verifyJson(["--base-url", replay.url, "--report", REPORT_ID]);
    expect(replay.unmatched).toEqual([]);
    expect(replayed.code).toBe(0);
    expect(outcome(replayed.report)).toEqual(outcome(live.report));
  });

  it("records drift as it was, and replaying it reports the same violations and findings", async () => {
    const server = await upstream();
    const base = "/reporting/api/rest/v1";
    const folder = await tempFolder();
    const live = await verifyJson([
      "--base-url",
      `${server.url}${base}`,
      "--report",
      UPSTREAM_REPORT_ID,
      "--record",
      folder,
    ]);
    expect(live.code).toBe(6);
    const fixtures = readFixtures(folder).map((entry) => entry.fixture);

    const replay = await startReplayServer(fixtures, base);
    cleanups.push(() => replay.close());
    const replayed = await verifyJson(["--base-url", `${replay.url}${base}`, "--report", "0".repeat(32)]);
    expect(replay.unmatched).toEqual([]);
    expect(replayed.code).toBe(6);
    expect(outcome(replayed.report)).toEqual(outcome(live.report));
  });

  it("keeps no secret, token, id or row value in any fixture, while types and shape survive", async () => {
    const server = await upstream();
    const folder = await tempFolder();
    const env = { ...OAUTH, ZUORA_ENTITY_ID: "8a8082e65b27f6c3015b2acf7a6c1a2b", ZUORA_TRACK_ID: "nightly-job-42" };
    const live = await runInProcess(
      ["verify", ...FAST, "--base-url", server.url, "--report", UPSTREAM_REPORT_ID, "--record", folder],
      env,
    );
    expect(live.code).toBe(6);
    const forbidden = [
      CLIENT_ID,
      CLIENT_SECRET,
      UPSTREAM_TOKEN,
      UPSTREAM_RUN_ID,
      UPSTREAM_REPORT_ID,
      UPSTREAM_CREATOR,
      "98765", // the tenant in the token's scope
      "jti-4d1e2f3a",
      "upstream-session-cookie-value",
      env.ZUORA_ENTITY_ID,
      env.ZUORA_TRACK_ID,
      "Invoices by account",
      ...UPSTREAM_ROWS.flatMap((row) => Object.values(row)),
    ];
    const names = await readdir(folder);
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) {
      const text = await readFile(join(folder, name), "utf8");
      for (const value of forbidden) {
        expect(text.includes(value), `${name} contains ${value}`).toBe(false);
      }
    }
    // Shape: a data page still has its rows, keys and string cells; ids keep their length.
    const fixtures = readFixtures(folder).map((entry) => entry.fixture);
    const data = fixtures.find((f) => f.operationId === "getReportData")?.response.json as {
      response: { page: Record<string, unknown>[]; total: number };
    };
    expect(data.response.total).toBe(UPSTREAM_ROWS.length);
    expect(data.response.page.map((row) => Object.keys(row))).toEqual(UPSTREAM_ROWS.map((row) => Object.keys(row)));
    expect(data.response.page.flatMap((row) => Object.values(row)).every((v) => typeof v === "string")).toBe(true);
    const run = fixtures.find((f) => f.operationId === "getReportRun")?.response.json as { response: { id: string } };
    expect(run.response.id).toHaveLength(UPSTREAM_RUN_ID.length);
    // The drift survives redaction: the fixtures fail the spec exactly where the live answers did.
    const conformance = createConformance();
    const violated = fixtures.flatMap((f) => conformance.check(fixtureExchange(f)).violations.map((v) => v.path));
    expect(new Set(violated)).toEqual(new Set(["$.response.reportId", "$.response.status", "$.response.reportType"]));
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

/** What a replay must reproduce: every line but its count (polls fold), and every finding. */
function outcome(report: VerifyReport) {
  return {
    conforms: report.conforms,
    complete: report.complete,
    lines: report.exchanges.map(({ count: _count, ...line }) => line),
    findings: report.findings,
    statuses: report.run?.statuses,
  };
}
