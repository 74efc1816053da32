// The real client's searchReports against the mock's catalogue: every answer checked against the spec on the way
// (checkedFetch), and the mock reporting no answer of its own that breaks it.
import { createReportingClient, type ReportingClientOptions, SEARCH_PAGE_SIZE } from "@zuora-reports/client";
import { seedRun } from "@zuora-reports/conformance";
import { type MockServer, startMock, type Violation } from "@zuora-reports/mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkedFetch, type Exchange } from "./support/checked-fetch.js";

const REPORT_ID = seedRun().reportId;
const violations: Violation[] = [];
let exchanges: Exchange[] = [];
let mock: MockServer;

const client = () =>
  createReportingClient({
    baseUrl: mock.url,
    auth: { token: "search-token" },
    fetch: checkedFetch(exchanges),
  } as ReportingClientOptions);

beforeAll(async () => {
  mock = await startMock({ pace: "poll", preferExamples: false, onViolation: (v) => violations.push(v) });
});

afterEach(() => {
  // Every answer of every test matched the spec.
  expect(exchanges.filter((e) => e.problems.length > 0)).toEqual([]);
  exchanges = [];
});

afterAll(async () => {
  await mock.stop();
  expect(violations).toEqual([]);
});

describe("searchReports against the mock", () => {
  it("returns one page: the seed run's report first for its own name", async () => {
    const page = await client().searchReports("invoice detail account");
    expect(page.reports[0]).toMatchObject({ id: REPORT_ID, name: "Invoice Detail by Account", type: "Detail" });
    expect(page.count).toBe(page.reports.length);
    expect(page.nextStart).toBeUndefined();
    expect(exchanges.map((e) => [e.operationId, e.status])).toEqual([["searchReports", 200]]);
  });

  it("iterates across pages, 50 per answer, until a short page", async () => {
    const search = client().searchReports("account", { orderBy: [{ field: "name" }] });
    const first = await search;
    expect(first.reports).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.nextStart).toBe(SEARCH_PAGE_SIZE);
    const names: string[] = [];
    for await (const report of search) {
      names.push(report.name);
    }
    expect(names.length).toBeGreaterThan(SEARCH_PAGE_SIZE);
    expect(names.length).toBeLessThan(2 * SEARCH_PAGE_SIZE);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    // The awaited page and the iterator's first page are one request; then one more page.
    expect(exchanges.map((e) => e.path)).toEqual(["/reports/search", "/reports/search"]);
  });

  it("finds nothing for a name no report has", async () => {
    const page = await client().searchReports("no report is named like this");
    expect(page).toEqual({ reports: [], count: 0 });
    const all = [];
    for await (const report of client().searchReports("no report is named like this")) {
      all.push(report);
    }
    expect(all).toEqual([]);
  });

  it("finds a report that the ordinary run flow then runs", async () => {
    const found = (await client().searchReports("refund changes quarter")).reports[0];
    expect(found?.name).toBe("Refund Changes This Quarter");
    const run = await client().runReportAndWait(found?.id ?? "", { viewType: "Detail", intervalMs: 1 });
    expect(run).toMatchObject({ reportId: found?.id, status: "COMPLETED" });
  });
});
