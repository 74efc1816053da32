// Answers that do not have the spec's shape are ZuoraErrors naming what is wrong, never TypeErrors later on.
import { seedRun } from "@zuora-reports/conformance";
import { json, ok, startFaultServer } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { createReportingClient, type ReportingClient, ZuoraError } from "../../src/index.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID, runIn: run } = seedRun();

/** A client whose every request is answered with `{ success: true, response }`. */
async function answering(response: unknown) {
  const server = await startFaultServer((_req, res) => json(res, 200, ok(response)));
  return createReportingClient({ baseUrl: server.url, auth: { token: "tok-123" }, maxRetries: 0 });
}

const page = { page: [{ "Account.Currency": "USD" }], size: 10, offset: 1, total: 1 };

const cases: [string, unknown, (client: ReportingClient) => Promise<unknown>, string][] = [
  ["a run of null", null, (c) => c.getReportRun(RUN_ID), "response is null, expected an object"],
  [
    "a run without status",
    { ...run("X"), status: undefined },
    (c) => c.getReportRun(RUN_ID),
    // The status is an open enumeration (see tolerant.test.ts): it must be a non-empty string.
    "response.status is missing, expected a non-empty string",
  ],
  [
    "a status of null",
    { ...run("X"), status: null },
    (c) => c.getLastCompletedReportRun(REPORT_ID),
    "response.status is null",
  ],
  ["a run with a numeric id", { ...run("STARTED"), id: 42 }, (c) => c.getReportRun(RUN_ID), "response.id is 42"],
  ["a poll answering null", null, (c) => c.waitForReportRun(RUN_ID), "response is null"],
  [
    "data without page",
    { ...page, page: undefined },
    (c) => c.getReportData(RUN_ID, { offset: 1, pageSize: 10 }),
    "response.page is missing, expected an array of row objects",
  ],
  [
    "data with page null",
    { ...page, page: null },
    (c) => c.getReportData(RUN_ID, { offset: 1, pageSize: 10 }),
    "response.page is null",
  ],
  [
    "a null row",
    { ...page, page: [null] },
    (c) => c.getReportData(RUN_ID, { offset: 1, pageSize: 10 }),
    "response.page is [null]",
  ],
  [
    "a total as text",
    { ...page, total: "4" },
    (c) => c.getReportData(RUN_ID, { offset: 1, pageSize: 10 }),
    'response.total is "4", expected an integer ≥ 0',
  ],
  [
    "rows from a page of null",
    { ...page, page: null },
    (c) => c.reportRows(RUN_ID)[Symbol.asyncIterator]().next(),
    "response.page is null",
  ],
  ["a run started as null", null, (c) => c.runReport(REPORT_ID, { viewType: "Detail" }), "response is null"],
  [
    "a run started without its id",
    {},
    (c) => c.runReport(REPORT_ID, { viewType: "Detail" }),
    "response.reportRunId is missing, expected a non-empty string",
  ],
  [
    "an empty run id",
    { reportRunId: "" },
    (c) => c.runReport(REPORT_ID, { viewType: "Detail" }),
    'response.reportRunId is ""',
  ],
  ["a cancel answering an object", {}, (c) => c.cancelReportRun(RUN_ID), "response is {}, expected a non-empty string"],
];

describe("answers that do not match the spec", () => {
  it.each(cases)("%s is a ZuoraError naming it", async (_name, response, call, problem) => {
    const error = await call(await answering(response)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZuoraError);
    expect((error as ZuoraError).status).toBe(200);
    expect((error as Error).message).toContain(`200: Zuora's answer is ${problem}`);
  });

  it("runReportAndWait never starts waiting without a run id", async () => {
    const server = await startFaultServer((_req, res) => json(res, 200, ok({ reportRunId: null })));
    const client = createReportingClient({ baseUrl: server.url, auth: { token: "tok-123" } });
    await expect(client.runReportAndWait(REPORT_ID, { viewType: "Detail" })).rejects.toThrow(
      "response.reportRunId is null",
    );
    expect(server.requests).toHaveLength(1);
  });
});
