// The real client through a report run's whole life against the mock's simulation: every answer checked against
// the spec on the way (checkedFetch), and the mock reporting no answer of its own that breaks the spec. The runs
// move one status per poll (pace "poll") and the mock's clock is moved by hand, so nothing here waits on time.
import {
  BadRequestError,
  createReportingClient,
  type ReportingClientOptions,
  ReportRunFailedError,
} from "@zuora-reports/client";
import { responseFor, seedRun } from "@zuora-reports/conformance";
import { type MockServer, type StartMockOptions, startMock, type Violation } from "@zuora-reports/mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkedFetch, conformance, type Exchange } from "./support/checked-fetch.js";

const REPORT_ID = seedRun().reportId;
const CLIENT_ID = "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11";

const violations: Violation[] = [];
const mocks: MockServer[] = [];
let exchanges: Exchange[] = [];

async function mockWith(options: StartMockOptions = {}): Promise<MockServer> {
  const mock = await startMock({
    pace: "poll",
    preferExamples: false,
    onViolation: (v) => violations.push(v),
    ...options,
  });
  mocks.push(mock);
  return mock;
}

function clientOf(mock: MockServer, options: Partial<ReportingClientOptions> = {}, onResponse?: (e: Exchange) => void) {
  return createReportingClient({
    baseUrl: mock.url,
    auth: { token: "lifecycle-token" },
    retryBaseDelayMs: 1,
    ...options,
    fetch: checkedFetch(exchanges, onResponse),
  } as ReportingClientOptions);
}

/** A clock for the mock that the test moves. */
function handClock() {
  let now = Date.UTC(2026, 0, 5, 9);
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

let poll: MockServer;
beforeAll(async () => {
  poll = await mockWith();
});

afterEach(() => {
  // Every answer of every test matched the spec.
  expect(exchanges.filter((e) => e.problems.length > 0)).toEqual([]);
  exchanges = [];
});

afterAll(async () => {
  await Promise.all(mocks.map((mock) => mock.stop()));
  expect(violations).toEqual([]);
});

describe("a run from start to rows", () => {
  it("run → wait through every status → rows page by page → the same rows exported → last completed", async () => {
    const client = clientOf(poll);
    const seen: string[] = [];
    const run = await client.runReportAndWait(REPORT_ID, {
      viewType: "Detail",
      intervalMs: 1,
      onStatus: (current) => seen.push(current.status),
    });
    expect(seen).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED"]);
    expect(run).toMatchObject({ reportId: REPORT_ID, reportType: "Detail", status: "COMPLETED" });
    expect(Number(run.updatedOn)).toBeGreaterThanOrEqual(Number(run.startedOn));

    const rows = [];
    for await (const row of client.reportRows(run.id, { pageSize: 1000 })) {
      rows.push(row);
    }
    const rowCount = poll.settings?.rows ?? 0;
    expect(rows).toHaveLength(rowCount);
    expect(exchanges.filter((e) => e.operationId === "getReportData")).toHaveLength(Math.ceil(rowCount / 1000));

    const exported = await client.exportReportRun(run.id);
    // The media type and charset the spec declares (x-charset on the export's text/csv), not the mock's own.
    const [mediaType, media] =
      [...(responseFor(conformance.operation("exportReportRun"), 200)?.content ?? [])][0] ?? [];
    expect(exported.contentType).toBe(`${mediaType};charset=${media?.extensions["x-charset"]}`);
    const [header, ...lines] = await exported.rows();
    const columns = Object.keys(rows[0] ?? {});
    expect(header).toEqual(columns);
    expect(lines).toEqual(rows.map((row) => columns.map((column) => String(row[column]))));

    expect((await client.getLastCompletedReportRun(REPORT_ID)).id).toBe(run.id);
  });

  it("a Summary run echoes its view type and has Summary rows", async () => {
    const client = clientOf(poll);
    const run = await client.runReportAndWait(REPORT_ID, { viewType: "Summary", intervalMs: 1 });
    expect(run.reportType).toBe("Summary");
    const page = await client.getReportData(run.id, { offset: 1, pageSize: 10 });
    expect(page.page).toHaveLength(10);
    const [header] = await (await client.exportReportRun(run.id, { pivoted: false })).rows();
    expect(header).toEqual(Object.keys(page.page[0] ?? {}));
  });
});

describe("cancel and the other ends", () => {
  it("cancels a running run for good; cancelling again or a finished run says so", async () => {
    const client = clientOf(poll);
    const { reportRunId } = await client.runReport("mock-never-ends", { viewType: "Detail" });
    expect((await client.getReportRun(reportRunId)).status).toBe("STARTED");
    expect(await client.cancelReportRun(reportRunId)).toBe("The report run has been canceled");
    const failed = await client.waitForReportRun(reportRunId, { intervalMs: 1 }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ReportRunFailedError);
    expect((failed as ReportRunFailedError).runStatus).toBe("CANCELLED");
    expect(await client.cancelReportRun(reportRunId)).toBe("The report run was canceled");

    const done = await client.runReportAndWait(REPORT_ID, { viewType: "Detail", intervalMs: 1 });
    const refused = await client.cancelReportRun(done.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as Error).message).toMatch(/has already finished with status COMPLETED/);
  });

  it("every failing end of the spec's scenarios is reached, as ReportRunFailedError", async () => {
    const client = clientOf(poll);
    const failing = poll.scenarios.listed.filter(
      (s) => s.exists && ["ERROR", "INVALID", "CANCELLED"].includes(s.statuses.at(-1) ?? ""),
    );
    expect(failing.map((s) => s.statuses.at(-1)).sort()).toEqual(["CANCELLED", "ERROR", "INVALID"]);
    for (const scenario of failing) {
      const error = await client
        .runReportAndWait(scenario.reportId ?? "", { viewType: "Detail", intervalMs: 1 })
        .catch((e: unknown) => e);
      expect(error, scenario.reportId).toBeInstanceOf(ReportRunFailedError);
      expect((error as ReportRunFailedError).runStatus).toBe(scenario.statuses.at(-1));
      const data = await client
        .getReportData((error as ReportRunFailedError).run.id, { offset: 1, pageSize: 1 })
        .catch((e: unknown) => e);
      expect(data).toBeInstanceOf(BadRequestError);
    }
  });
});

describe("errors in Zuora's envelope", () => {
  it("an unknown run id is a BadRequestError naming it", async () => {
    const error = await clientOf(poll, { maxRetries: 0 })
      .getReportRun("no-such-run")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, errorCode: "ZAN-USAGE-REST-ERROR" });
    expect((error as Error).message).toContain("The report run with ID no-such-run does not exist.");
  });

  it("an invalid request is a 400 whose message names the parameter and the reason", async () => {
    const { raw } = clientOf(poll);
    const { error, response } = await raw.POST("/reports/{reportId}/reportrun", {
      params: { path: { reportId: REPORT_ID }, query: { viewType: "Pivot" as "Detail" } },
    });
    expect(response.status).toBe(400);
    const detail = JSON.parse((error as { response: string }).response);
    expect(detail.message).toBe(
      'The request is invalid: query parameter viewType must be one of Detail, Summary (got "Pivot").',
    );
  });
});

describe("credentials and limits", () => {
  it("an expired OAuth token → 401 → the client fetches a new one and the call succeeds", async () => {
    const clock = handClock();
    const mock = await mockWith({ now: clock.now, tokenTtlSeconds: 600 });
    const client = clientOf(mock, { auth: { clientId: CLIENT_ID, clientSecret: "not-a-real-secret" } });
    await client.getLastCompletedReportRun(REPORT_ID);
    clock.advance(600_000);
    await client.getLastCompletedReportRun(REPORT_ID);
    expect(exchanges.map((e) => `${e.operationId} ${e.status}`)).toEqual([
      "createToken 200",
      "getLastCompletedReportRun 200",
      "getLastCompletedReportRun 401",
      "createToken 200",
      "getLastCompletedReportRun 200",
    ]);
  });

  it("past the rate limit → 429 with Retry-After → the client waits and retries", async () => {
    const clock = handClock();
    const mock = await mockWith({ now: clock.now, rateLimit: { limit: 2, windowSeconds: 30 } });
    const retries: number[] = [];
    // The client sleeps on its own timer (capped here at 1 ms); the mock's window passes when the 429 is seen.
    const client = clientOf(
      mock,
      { maxRetryAfterMs: 1, onRetry: (info) => retries.push(info.status ?? 0) },
      (exchange) => {
        if (exchange.status === 429) {
          clock.advance(30_000);
        }
      },
    );
    for (let i = 0; i < 3; i++) {
      await client.getLastCompletedReportRun(REPORT_ID);
    }
    expect(exchanges.map((e) => e.status)).toEqual([200, 200, 429, 200]);
    expect(retries).toEqual([429]);
  });

  it("faults on demand (500, 429, dropped connections) are retried to success", async () => {
    const mock = await mockWith({ faults: { rate: 0.5, kinds: ["500", "429", "drop"] } });
    const client = clientOf(mock, { maxRetryAfterMs: 1 });
    for (let i = 0; i < 3; i++) {
      expect((await client.getLastCompletedReportRun(REPORT_ID)).status).toBe("COMPLETED");
    }
    // Every other request fails, the faults taking turns; the dropped one (the sixth) has no answer to record.
    expect(exchanges.map((e) => e.status)).toEqual([200, 500, 200, 429, 200]);
  });

  it("the same Idempotency-Key starts one run, also when the client retries a POST", async () => {
    const client = clientOf(poll);
    const first = await client.runReport(REPORT_ID, { viewType: "Detail", idempotencyKey: "lifecycle-key" });
    const again = await client.runReport(REPORT_ID, { viewType: "Detail", idempotencyKey: "lifecycle-key" });
    expect(again.reportRunId).toBe(first.reportRunId);
  });

  it("a POST whose answer was lost is retried with its key, and the retry gets the run the lost answer named", async () => {
    const checked = checkedFetch(exchanges);
    const lost: string[] = [];
    const retries: unknown[] = [];
    // The first POST reaches the mock and starts a run; its answer never reaches the client (a lost connection).
    const losingFetch = async (request: Request) => {
      const response = await checked(request);
      if (request.method === "POST" && lost.length === 0) {
        lost.push(((await response.json()) as { response: { reportRunId: string } }).response.reportRunId);
        throw new TypeError("fetch failed: the connection was lost before the answer arrived");
      }
      return response;
    };
    const client = createReportingClient({
      baseUrl: poll.url,
      auth: { token: "lifecycle-token" },
      retryBaseDelayMs: 1,
      onRetry: (info) => retries.push(info),
      fetch: losingFetch,
    } as ReportingClientOptions);
    const run = await client.runReport(REPORT_ID, { viewType: "Detail", idempotencyKey: "lifecycle-lost-answer" });
    expect(retries).toHaveLength(1);
    expect(exchanges.map((e) => `${e.method} ${e.status}`)).toEqual(["POST 200", "POST 200"]);
    expect(run.reportRunId).toBe(lost[0]);
  });
});

describe("headers", () => {
  it("Zuora-Track-Id comes back only when sent; Zuora-Request-Id is new per request", async () => {
    const get = (headers: Record<string, string>) =>
      fetch(`${poll.url}/reports/${REPORT_ID}/reportruns/latest`, {
        headers: { Authorization: "Bearer t", ...headers },
      });
    await clientOf(poll).runReportAndWait(REPORT_ID, { viewType: "Detail", intervalMs: 1 });
    const [plain, tracked] = await Promise.all([get({}), get({ "Zuora-Track-Id": "lifecycle-1" })]);
    expect(plain.headers.has("Zuora-Track-Id")).toBe(false);
    expect(tracked.headers.get("Zuora-Track-Id")).toBe("lifecycle-1");
    expect(plain.headers.get("Zuora-Request-Id")).toHaveLength(36);
    expect(plain.headers.get("Zuora-Request-Id")).not.toBe(tracked.headers.get("Zuora-Request-Id"));
  });
});
