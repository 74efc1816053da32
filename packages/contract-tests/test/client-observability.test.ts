// What every call did, seen against the mock's simulation: withResponse()'s Zuora-Request-Id is the one the mock sent,
// and client.rateLimit follows the mock's per-credential window, success or error; every answer checked against the
// spec on the way.
import { createReportingClient, RateLimitError, type ReportingClientOptions } from "@zuora-reports/client";
import { seedRun } from "@zuora-reports/conformance";
import { type MockServer, startMock, type Violation } from "@zuora-reports/mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkedFetch, type Exchange } from "./support/checked-fetch.js";

const { reportId: REPORT_ID } = seedRun();

const violations: Violation[] = [];
let exchanges: Exchange[] = [];
let mock: MockServer;
let limited: MockServer;

beforeAll(async () => {
  const common = { pace: "poll" as const, preferExamples: false, onViolation: (v: Violation) => violations.push(v) };
  [mock, limited] = await Promise.all([
    startMock(common),
    startMock({ ...common, rateLimit: { limit: 2, windowSeconds: 30 } }),
  ]);
});

afterEach(() => {
  expect(exchanges.filter((e) => e.problems.length > 0)).toEqual([]);
  exchanges = [];
});

afterAll(async () => {
  await Promise.all([mock?.stop(), limited?.stop()]);
  expect(violations).toEqual([]);
});

/** A client on `server` whose fetch records the request ids the mock sent. */
function clientOf(server: MockServer, token: string, options: Partial<ReportingClientOptions> = {}) {
  const checked = checkedFetch(exchanges);
  const sentIds: (string | null)[] = [];
  const client = createReportingClient({
    baseUrl: server.url,
    auth: { token },
    retryBaseDelayMs: 1,
    ...options,
    fetch: async (request: Request) => {
      const response = await checked(request);
      sentIds.push(response.headers.get("Zuora-Request-Id"));
      return response;
    },
  } as ReportingClientOptions);
  return { client, sentIds };
}

describe("withResponse()", () => {
  it("gives the Zuora-Request-Id the mock sent, with the data a plain await gives", async () => {
    const { client, sentIds } = clientOf(mock, "observability-token");
    const { data, requestId, response, rateLimit } = await client
      .runReport(REPORT_ID, { viewType: "Detail" })
      .withResponse();
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId).toBe(sentIds.at(-1));
    expect(response.status).toBe(200);
    expect(rateLimit).toMatchObject({ limit: expect.any(Number), remaining: expect.any(Number) });

    const run = await client.getReportRun(data.reportRunId).withResponse();
    expect(run.data.id).toBe(data.reportRunId);
    expect(run.requestId).toBe(sentIds.at(-1));
    expect(run.requestId).not.toBe(requestId);
  });
});

describe("client.rateLimit", () => {
  it("follows the mock's window: undefined before any answer, one request fewer left after each", async () => {
    const { client } = clientOf(mock, "rate-window-token");
    expect(client.rateLimit).toBeUndefined();
    const before = Date.now();
    await client.getLastCompletedReportRun(REPORT_ID);
    const first = client.rateLimit;
    expect(first).toMatchObject({ limit: expect.any(Number), remaining: expect.any(Number) });
    expect(first?.resetSeconds).toBeGreaterThanOrEqual(0);
    expect(first?.observedAt).toBeGreaterThanOrEqual(before);
    await client.getLastCompletedReportRun(REPORT_ID);
    expect(client.rateLimit?.remaining).toBe((first?.remaining as number) - 1);
    expect(client.rateLimit?.limit).toBe(first?.limit);
  });

  it("an error's answer updates it too: the 429 past the limit leaves remaining 0", async () => {
    const { client } = clientOf(limited, "rate-limited-token", { maxRetries: 0 });
    await client.getLastCompletedReportRun(REPORT_ID);
    await client.getLastCompletedReportRun(REPORT_ID);
    expect(client.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    const error = await client.getLastCompletedReportRun(REPORT_ID).then(
      () => expect.unreachable("expected a 429"),
      (e: unknown) => e as RateLimitError,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(client.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    expect(client.rateLimit?.resetSeconds).toBeGreaterThan(0);
    expect(error.rateLimit).toEqual(client.rateLimit);
    expect(exchanges.map((e) => e.status)).toEqual([200, 200, 429]);
  });
});
