// The tolerant reader: what Zuora may send tomorrow (a status or report type the spec does not list, a status in
// another case) is returned as it came or read as the known status, never an error by itself; what the client
// relies on (id, status, page, reportRunId) stays checked.
import { seedRun } from "@zuora-reports/conformance";
import { type FaultHandler as Handler, json, ok } from "@zuora-reports/mock/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isReportRunStatus,
  type ReportRun,
  ReportRunFailedError,
  type ReportRunStatus,
  waitForRun,
  ZuoraError,
} from "../src/index.js";
import { failure, fakeClock, faultClient } from "./support/client.js";
import { events } from "./support/events.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID, runIn: run } = seedRun();

/** Answers every request with `response` in Zuora's envelope. */
const answering =
  (response: unknown): Handler =>
  (_req, res) =>
    json(res, 200, ok(response));

/** Answers the n-th poll with the n-th status (the last one repeats). */
const statuses =
  (...list: string[]): Handler =>
  (_req, res, i) =>
    json(res, 200, ok(run(list[Math.min(i, list.length - 1)] ?? "STARTED")));

afterEach(() => {
  vi.restoreAllMocks();
});

/** Waits for the run on the fake clock, moving it on only after each poll was seen; returns the outcome. */
async function waitThrough(handler: Handler, polls: number, onUnknownStatus?: (run: ReportRun) => void) {
  fakeClock();
  const seen = events<ReportRun>();
  const { client, server } = await faultClient(handler);
  const pending = client
    .waitForReportRun(RUN_ID, {
      intervalMs: 1000,
      onStatus: seen.push,
      ...(onUnknownStatus ? { onUnknownStatus } : {}),
    })
    .catch((e: unknown) => e);
  for (let poll = 1; poll < polls; poll++) {
    await seen.reached(poll);
    await vi.advanceTimersByTimeAsync(10_000);
  }
  return { outcome: await pending, seen: seen.seen, server };
}

describe("a status or report type the spec does not list", () => {
  it.each([
    ["ARCHIVED", "Detail"],
    ["QUEUED", "Detail"],
    ["COMPLETED", "Pivot"],
    ["Archived", "pivot"],
  ])("getReportRun returns status %s and report type %s as they came", async (status, reportType) => {
    const { client } = await faultClient(answering({ ...run(status), reportType, extra: 1 }));
    const got = await client.getReportRun(RUN_ID);
    expect(got).toEqual({ ...run(status), reportType, extra: 1 });
    expect(isReportRunStatus(got.status)).toBe(status === "COMPLETED");
  });

  it("getLastCompletedReportRun returns an unknown status as it came", async () => {
    const { client } = await faultClient(answering(run("ARCHIVED")));
    expect((await client.getLastCompletedReportRun(REPORT_ID)).status).toBe("ARCHIVED");
  });

  it.each([
    ["completed", "COMPLETED"],
    ["Completed", "COMPLETED"],
    ["queryData", "QUERYDATA"],
    ["error", "ERROR"],
  ])("a status in another case, %s, is read as %s", async (sent, read) => {
    const { client } = await faultClient(answering(run(sent)));
    expect((await client.getReportRun(RUN_ID)).status).toBe(read);
    expect((await client.getLastCompletedReportRun(REPORT_ID)).status).toBe(read);
  });
});

describe("waitForReportRun on statuses it does not know", () => {
  it("keeps polling, tells each unknown status once, and ends on the known terminal status (lowercase too)", async () => {
    const unknown: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { outcome, seen, server } = await waitThrough(
      statuses("STARTED", "QUEUED", "QUEUED", "ARCHIVED", "QUEUED", "completed"),
      6,
      (r) => unknown.push(r.status),
    );
    expect((outcome as ReportRun).status).toBe("COMPLETED");
    expect(seen.map((r) => r.status)).toEqual(["STARTED", "QUEUED", "QUEUED", "ARCHIVED", "QUEUED", "COMPLETED"]);
    expect(unknown).toEqual(["QUEUED", "ARCHIVED"]);
    expect(server.requests).toHaveLength(6);
    expect(warn).not.toHaveBeenCalled();
  });

  it("without onUnknownStatus, waits through unknown statuses and writes nothing to the console", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { outcome, seen } = await waitThrough(statuses("ARCHIVED", "ARCHIVED", "Pending", "COMPLETED"), 4);
    expect((outcome as ReportRun).status).toBe("COMPLETED");
    expect(seen.map((r) => r.status)).toEqual(["ARCHIVED", "ARCHIVED", "Pending", "COMPLETED"]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("ends on a failed status sent in another case", async () => {
    const { outcome } = await waitThrough(statuses("ARCHIVED", "cancelled"), 2, () => undefined);
    expect(outcome).toBeInstanceOf(ReportRunFailedError);
    expect((outcome as ReportRunFailedError).runStatus satisfies ReportRunStatus).toBe("CANCELLED");
  });

  it("runReportAndWait waits through an unknown status", async () => {
    fakeClock();
    const seen = events<ReportRun>();
    const { client } = await faultClient((req, res, i) =>
      req.method === "POST"
        ? json(res, 200, ok({ reportRunId: RUN_ID }))
        : statuses("ARCHIVED", "COMPLETED")(req, res, i - 1),
    );
    const pending = client.runReportAndWait(REPORT_ID, {
      viewType: "Detail",
      onStatus: seen.push,
      onUnknownStatus: () => undefined,
    });
    await seen.reached(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await pending).status).toBe("COMPLETED");
    expect(seen.seen.map((r) => r.status)).toEqual(["ARCHIVED", "COMPLETED"]);
  });
});

describe("what the client relies on stays checked", () => {
  it.each([
    ["a missing status", { ...run("X"), status: undefined }, "response.status is missing, expected a non-empty string"],
    ["an empty status", run(""), 'response.status is "", expected a non-empty string'],
    ["a numeric status", { ...run("X"), status: 3 }, "response.status is 3, expected a non-empty string"],
    ["a missing id", { ...run("STARTED"), id: undefined }, "response.id is missing"],
    ["a missing report type", { ...run("STARTED"), reportType: undefined }, "response.reportType is missing"],
    ["a report type of null", { ...run("STARTED"), reportType: null }, "response.reportType is null"],
  ])("%s is a ZuoraError naming the field, in every read of a run", async (_name, response, problem) => {
    const { client } = await faultClient(answering(response), { maxRetries: 0 });
    for (const call of [
      () => client.getReportRun(RUN_ID),
      () => client.getLastCompletedReportRun(REPORT_ID),
      () => client.waitForReportRun(RUN_ID),
    ]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(ZuoraError);
      expect(error.message).toContain(`Zuora's answer is ${problem}`);
    }
  });
});

describe("waitForRun, the client's poll loop on any getRun", () => {
  it("polls a lenient getRun to its end, telling unknown statuses once", async () => {
    fakeClock();
    const answers = ["STARTED", "ARCHIVED", "ARCHIVED", "COMPLETED"];
    const seen = events<ReportRun>();
    const unknown: string[] = [];
    const getRun = async (signal: AbortSignal) => {
      expect(signal).toBeInstanceOf(AbortSignal);
      return { ...run(answers[seen.seen.length] ?? "STARTED") } as ReportRun;
    };
    const pending = waitForRun(RUN_ID, getRun, { onStatus: seen.push, onUnknownStatus: (r) => unknown.push(r.status) });
    for (let poll = 1; poll < answers.length; poll++) {
      await seen.reached(poll);
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect((await pending).status).toBe("COMPLETED");
    expect(unknown).toEqual(["ARCHIVED"]);
  });
});
