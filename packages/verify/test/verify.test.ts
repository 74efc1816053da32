// The library, with the real client over real HTTP: against the mock (full conformance), against an upstream with
// Zuora's other documented shapes (each difference named, the walk going on), and interrupted.
import { seedRun } from "@zuora-reports/conformance";
import { startLocalServer } from "@zuora-reports/mock/testing";
import { describe, expect, inject, it } from "vitest";
import { UPSTREAM_REPORT_ID, UPSTREAM_RUN_ID } from "./support/drifting-upstream.js";
import { finding, later, UPSTREAM_BASE, upstream, verifyAt, violationsOf } from "./support/verify.js";

const mockUrl = inject("mockUrl");
const { reportId: REPORT_ID, reportRunId: RUN_ID } = seedRun();

describe("verify against the mock", () => {
  it("a run it starts: every answer conforms, the walk completes, the outcome is conforms", async () => {
    const started: string[] = [];
    const statuses: string[] = [];
    const { kind, report } = await verifyAt(mockUrl, {
      reportId: REPORT_ID,
      onStarted: (id) => started.push(id),
      onStatus: (_id, status) => statuses.push(status),
    });
    expect(kind).toBe("conforms");
    expect(report).toMatchObject({ target: mockUrl, conforms: true, complete: true });
    expect(report.run).toMatchObject({ id: started[0], started: true });
    expect(report.run?.statuses.at(-1)).toBe("COMPLETED");
    expect(statuses.at(-1)).toBe("COMPLETED");
    expect(report.exchanges.every((line) => line.verdict === "conforms" && line.violations.length === 0)).toBe(true);
    expect(report.exchanges.map((line) => line.request)).toEqual(
      expect.arrayContaining([
        "GET /reportruns/reportdata/{reportRunId}?offset=1&pageSize=100",
        "GET /reportruns/reportdata/{reportRunId}?offset=0&pageSize=100",
        "GET /reportruns/export/{reportRunId}",
      ]),
    );
    // Every run answer of the mock carries both timestamps, in one of the spec's two forms.
    const polls = report.exchanges.filter((line) => /getReportRun|getLastCompleted/.test(line.operation));
    const timestamps = finding(report, "timestamps (startedOn, updatedOn)")?.seen ?? "";
    const counted = [...timestamps.matchAll(/(?:epoch milliseconds|ISO 8601 with [^;]+) ×(\d+)/g)];
    expect(counted.length, timestamps).toBeGreaterThan(0);
    expect(counted.reduce((n, match) => n + Number(match[1]), 0)).toBeGreaterThanOrEqual(
      2 * polls.filter((line) => line.status === 200).length,
    );
  });

  it("runId starts nothing", async () => {
    const { kind, report } = await verifyAt(mockUrl, { runId: RUN_ID }, { token: "any-token" });
    expect(kind).toBe("conforms");
    expect(report.exchanges.map((line) => line.operation)).not.toContain("runReport");
    expect(report.run).toMatchObject({ id: RUN_ID, started: false });
  });

  it("needs reportId or runId, one of them", async () => {
    await expect(verifyAt(mockUrl, {})).rejects.toThrow("verify needs reportId or runId");
    await expect(verifyAt(mockUrl, { reportId: REPORT_ID, runId: RUN_ID })).rejects.toThrow("one of them");
  });
});

describe("verify against an upstream with Zuora's other documented shapes", () => {
  it("names each difference with its JSON path, finds the base path, measures the export: drift", async () => {
    const server = await upstream();
    const { kind, report } = await verifyAt(server.url, { reportId: UPSTREAM_REPORT_ID });
    expect(kind).toBe("drift");
    expect(report.conforms).toBe(false);
    expect(new Set(violationsOf(report, "getReportRun").map((v) => v.path))).toEqual(
      new Set(["$.response.reportId", "$.response.status", "$.response.reportType"]),
    );
    expect(finding(report, "base path")?.seen).toBe(
      `404 at ${server.url}; the API answers at ${server.url}${UPSTREAM_BASE} (checked there)`,
    );
    expect(report.target).toBe(`${server.url}${UPSTREAM_BASE}`);
    // The 404s sent to the wrong base path are neither checked nor counted.
    expect(report.exchanges.some((line) => line.status === 404)).toBe(false);
    expect(finding(report, "export delimiter")).toMatchObject({ seen: "comma, LF line breaks", differs: true });
    expect(finding(report, "export encoding")).toMatchObject({ seen: "UTF-8, no byte-order mark", differs: true });
    expect(finding(report, "timestamps (startedOn, updatedOn)")?.seen).toMatch(
      /^ISO 8601 with a ±hhmm offset \(no colon\) ×\d+$/,
    );
  });

  it("follows lower-case statuses to the end, reads the Summary pivoted too, and writes nothing but the one run", async () => {
    const server = await upstream({ pollsBeforeDone: 3 });
    const { report } = await verifyAt(`${server.url}${UPSTREAM_BASE}`, { reportId: UPSTREAM_REPORT_ID });
    expect(report.run).toEqual({
      id: UPSTREAM_RUN_ID,
      started: true,
      reportType: "Summary",
      statuses: ["STARTED", "PROCESSINGDATA", "COMPLETED"],
    });
    expect(report.complete).toBe(true);
    expect(finding(report, "base path")).toBeUndefined();
    expect(report.exchanges.map((line) => line.request)).toContain("GET /reportruns/export/{reportRunId}?pivoted=true");
    const writes = server.requests.filter((r) => !r.startsWith("GET ") && !r.includes("/oauth/token"));
    expect(writes).toEqual([`POST ${UPSTREAM_BASE}/reports/${UPSTREAM_REPORT_ID}/reportrun?viewType=Summary`]);
  });

  it("last: sends no write at all", async () => {
    const server = await upstream();
    const { report } = await verifyAt(`${server.url}${UPSTREAM_BASE}`, { reportId: UPSTREAM_REPORT_ID, last: true });
    expect(report.complete).toBe(true);
    expect(server.requests.filter((r) => !r.startsWith("GET ") && !r.includes("/oauth/token"))).toEqual([]);
  });

  it("tells whether offset=1 skips a row", async () => {
    const oneBased = await upstream({ offsetBase: 1 });
    const zeroBased = await upstream({ offsetBase: 0 });
    const one = await verifyAt(`${oneBased.url}${UPSTREAM_BASE}`, { runId: UPSTREAM_RUN_ID });
    const zero = await verifyAt(`${zeroBased.url}${UPSTREAM_BASE}`, { runId: UPSTREAM_RUN_ID });
    expect(finding(one.report, "data offset")?.seen).toContain("offset=1 skips nothing");
    expect(finding(one.report, "data offset")?.seen).toContain("the export has 3 rows and starts with that row");
    expect(finding(zero.report, "data offset")?.seen).toContain("offset=1 returned 2 rows");
    expect(finding(zero.report, "data offset")?.seen).toContain("offset=1 skips one row (offsets count from 0)");
    expect(finding(zero.report, "data offset")?.seen).toContain("that row is its row 2");
  });

  it("reports a missing envelope and still walks to the end", async () => {
    const server = await upstream({ envelope: false });
    const { kind, report } = await verifyAt(`${server.url}${UPSTREAM_BASE}`, { runId: UPSTREAM_RUN_ID });
    expect(kind).toBe("drift");
    expect(report.complete).toBe(true);
    expect(violationsOf(report, "getReportRun").map((v) => v.path)).toEqual(
      expect.arrayContaining(["$.success", "$.response"]),
    );
    expect(new Set(violationsOf(report, "getReportData").map((v) => v.path))).toEqual(
      new Set(["$.success", "$.response"]),
    );
  });

  it("stops on rejected credentials: rejected, after showing what it saw", async () => {
    const server = await upstream();
    const { kind, report } = await verifyAt(
      `${server.url}${UPSTREAM_BASE}`,
      { runId: UPSTREAM_RUN_ID },
      { token: "wrong-token" },
    );
    expect(kind).toBe("rejected");
    expect(report.complete).toBe(false);
    expect(report.stopped).toBe(`Get Report Run ${UPSTREAM_RUN_ID} answered 401: Authentication error.`);
    expect(report.exchanges[0]).toMatchObject({ operation: "getReportRun", status: 401, verdict: "conforms" });
  });

  it("a status and a report type the spec does not list are drift, and the walk polls through them", async () => {
    const server = await upstream({ pollsBeforeDone: 2, pendingStatus: "ARCHIVED", reportType: "Pivot" });
    const { kind, report } = await verifyAt(`${server.url}${UPSTREAM_BASE}`, { runId: UPSTREAM_RUN_ID });
    expect(kind).toBe("drift");
    const seen = (path: string) =>
      violationsOf(report, "getReportRun")
        .filter((v) => v.path === path)
        .map((v) => v.seen);
    // Every poll's status is drift (ARCHIVED not in the enum, completed in the wrong case), as is the report type.
    expect(new Set(seen("$.response.status"))).toEqual(new Set(['"ARCHIVED"', '"completed"']));
    expect(new Set(seen("$.response.reportType"))).toEqual(new Set(['"Pivot"']));
    expect(report.run?.statuses).toEqual(["ARCHIVED", "COMPLETED"]);
    expect(
      server.requests.filter((r) => r.startsWith(`GET ${UPSTREAM_BASE}/reportruns/${UPSTREAM_RUN_ID}`)),
    ).toHaveLength(3);
  });

  it("a run that never ends: stopped at maxWaitMs, naming the status it was still in", async () => {
    const server = await upstream({ pollsBeforeDone: 1_000_000, pendingStatus: "ARCHIVED" });
    const { report } = await verifyAt(`${server.url}${UPSTREAM_BASE}`, { runId: UPSTREAM_RUN_ID, maxWaitMs: 50 });
    expect(report.stopped).toBe(`Stopped waiting: run ${UPSTREAM_RUN_ID} is still ARCHIVED after 0 s.`);
    expect(report.run?.statuses).toEqual(["ARCHIVED"]);
  });

  it("a run that ends ERROR: run-failed, data and export left alone", async () => {
    const server = await upstream({ pollsBeforeDone: 1, finalStatus: "error" });
    const { kind, report } = await verifyAt(`${server.url}${UPSTREAM_BASE}`, { runId: UPSTREAM_RUN_ID });
    expect(kind).toBe("run-failed");
    expect(report.stopped).toBe(`Run ${UPSTREAM_RUN_ID} ended ERROR: its data and export could not be checked.`);
    expect(server.requests.filter((r) => /reportdata|export/.test(r))).toEqual([]);
  });

  it("an aborted signal while polling: interrupted at once, with what it saw, cancelling nothing", async () => {
    const controller = new AbortController();
    let polls = 0;
    const server = await upstream({
      pollsBeforeDone: 1_000_000,
      onRequest: (request) => {
        if (request.includes(`/reportruns/${UPSTREAM_RUN_ID}`) && ++polls === 2) {
          controller.abort();
        }
      },
    });
    const { kind, report } = await verifyAt(`${server.url}${UPSTREAM_BASE}`, {
      reportId: UPSTREAM_REPORT_ID,
      signal: controller.signal,
    });
    expect(kind).toBe("interrupted");
    expect(report).toMatchObject({ complete: false, stopped: "Interrupted." });
    expect(report.run).toMatchObject({ id: UPSTREAM_RUN_ID, started: true, statuses: ["STARTED"] });
    expect(server.requests.filter((r) => r.includes(`/reportruns/${UPSTREAM_RUN_ID}`))).toHaveLength(2);
    expect(server.requests.filter((r) => r.startsWith("DELETE"))).toEqual([]);
  });

  it("a refusal with a status the spec does not declare is drift; the base paths tried are set aside", async () => {
    const requests: string[] = [];
    const server = await startLocalServer((request, response) => {
      requests.push(request.url ?? "");
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
    });
    later(() => server.close());
    const { kind, report } = await verifyAt(`${server.url}/custom`, { runId: RUN_ID }, { token: "any-token" });
    expect(kind).toBe("drift");
    expect(report.stopped).toBe(`Get Report Run ${RUN_ID} answered 404: Not Found.`);
    // The given base URL, then the spec's servers' base paths, then the host's root.
    expect(requests).toEqual([
      `/custom/reportruns/${RUN_ID}`,
      `/reporting/api/rest/v1/reportruns/${RUN_ID}`,
      `/api/rest/v1/reportruns/${RUN_ID}`,
      `/reportruns/${RUN_ID}`,
    ]);
    expect(report.exchanges).toMatchObject([{ operation: "getReportRun", status: 404, verdict: "drift", count: 1 }]);
  });

  it("never quotes a credential a server echoes", async () => {
    const token = "echoed-secret-token-4711";
    const server = await startLocalServer((request, response) => {
      response.writeHead(400, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ success: false, message: `bad header ${request.headers.authorization}` }));
    });
    later(() => server.close());
    const { report } = await verifyAt(server.url, { runId: RUN_ID }, { token });
    expect(report.stopped).toBe(`Get Report Run ${RUN_ID} answered 400: bad header Bearer [redacted].`);
    expect(JSON.stringify(report)).not.toContain(token);
  });
});
