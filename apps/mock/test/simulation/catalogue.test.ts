// The catalogue of saved reports and Search by Report Name, on its own and over HTTP (answers checked against the
// document, runs of its reports through the ordinary run flow).

import { exampleOf, loadConformance, seedRun } from "@zuora-reports/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSpecPath, type MockServer, startMock, type Violation } from "../../src/index.js";
import { createCatalogue, SEARCH_PAGE_SIZE, searchWords } from "../../src/simulation/catalogue.js";
import { AUTH, call, errorDetail, manualClock } from "../support/http.js";

const spec = loadConformance(defaultSpecPath);
const catalogue = createCatalogue(spec);
const { reportId: SEED_REPORT } = seedRun();

const names = (result: ReturnType<typeof catalogue.search>) =>
  "problem" in result ? result.problem : result.reports.map((report) => report.name);
const found = (params: Parameters<typeof catalogue.search>[0]) => {
  const result = catalogue.search(params);
  if ("problem" in result) {
    throw new Error(result.problem);
  }
  return result;
};

describe("the catalogue", () => {
  it("starts with the document's example reports, the seed run's report first, then about 60 more", () => {
    const example = exampleOf(spec.operation("searchReports"), 200).value as { response: { reports: unknown[] } };
    expect(catalogue.reports.slice(0, example.response.reports.length)).toEqual(example.response.reports);
    expect(catalogue.reports[0]?.id).toBe(SEED_REPORT);
    expect(catalogue.reports.length).toBeGreaterThan(60);
    const ids = catalogue.reports.map((report) => report.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(catalogue.reports.map((report) => report.type))).toEqual(new Set(["Detail", "Summary"]));
    expect(new Set(catalogue.reports.map((report) => report.datasource)).size).toBeGreaterThan(5);
  });

  it("gives every generated report the example's fields, in its order", () => {
    const keys = Object.keys(catalogue.reports[0] ?? {});
    for (const report of catalogue.reports) {
      expect(Object.keys(report)).toEqual(keys);
    }
  });
});

describe("search", () => {
  it("ignores words shorter than 3 letters and case, and requires every other word in the name", () => {
    expect(searchWords("An INVOICE by  account")).toEqual(["invoice", "account"]);
    expect(names(catalogue.search({ query: "invoice DETAIL by account" }))).toEqual([
      "Invoice Detail by Account",
      "Invoice Detail with Account Owner",
      "Invoice Item Detail with Account Owner",
    ]);
    expect(names(catalogue.search({ query: "aging" }))).toEqual(["Invoice Aging Summary"]);
    expect(names(catalogue.search({ query: "invoice nothing-like-this" }))).toEqual([]);
  });

  it("finds nothing for a query without a word of 3 letters", () => {
    expect(found({ query: "by of" })).toEqual({ reports: [], count: 0 });
  });

  it("pages 50 at a time through searchStart, count being the reports of the page", () => {
    const first = found({ query: "account" });
    const second = found({ query: "account", searchStart: "50" });
    expect(first.count).toBe(SEARCH_PAGE_SIZE);
    expect(first.reports).toHaveLength(SEARCH_PAGE_SIZE);
    expect(second.count).toBe(second.reports.length);
    expect(second.count).toBeGreaterThan(0);
    expect(second.count).toBeLessThan(SEARCH_PAGE_SIZE);
    const ids = [...first.reports, ...second.reports].map((report) => report.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(found({ query: "account", searchStart: "500" }).count).toBe(0);
  });

  it("sorts by name or updated_on, either way, and ignores fields it does not sort on", () => {
    const byName = names(found({ query: "invoice", orderBy: '[{"field": "name", "ascend": "true"}]' })) as string[];
    expect(byName).toEqual([...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const desc = found({ query: "invoice", orderBy: '[{"field": "name", "ascend": "false"}]' });
    expect(names(desc)).toEqual([...byName].reverse());
    const updated = found({ query: "payment", orderBy: '[{"field": "updated_on", "ascend": "false"}]' });
    const times = updated.reports.map((report) => Date.parse(String(report.updatedOn).replace("+0000", "Z")));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(times).size).toBeGreaterThan(1);
    expect(names(found({ query: "invoice", orderBy: '[{"field": "colour", "ascend": "true"}]' }))).toEqual(
      names(found({ query: "invoice" })),
    );
  });

  it("refuses an orderBy that is not Zuora's JSON text", () => {
    expect(catalogue.search({ query: "invoice", orderBy: "name asc" })).toEqual({
      problem: expect.stringMatching(/^orderBy must be JSON text/),
    });
    expect(catalogue.search({ query: "invoice", orderBy: '[{"field": "name", "ascend": "up"}]' })).toEqual({
      problem: expect.stringMatching(/ascend of "true" or "false"/),
    });
  });

  it("searches Insights Analysis reports only with namespace=ADVANCED", () => {
    expect(names(found({ query: "churn" }))).toEqual([]);
    expect(names(found({ query: "churn", namespace: "ADVANCED" }))).toEqual(["Churn Risk by Account"]);
  });
});

describe("Search by Report Name over HTTP", () => {
  const violations: Violation[] = [];
  const clock = manualClock();
  let mock: MockServer;

  beforeAll(async () => {
    mock = await startMock({
      preferExamples: false,
      now: clock.now,
      pace: 1000,
      onViolation: (v) => violations.push(v),
    });
  });
  afterAll(async () => {
    await mock.stop();
    // Every answer was checked against the document before it was sent.
    expect(violations).toEqual([]);
  });

  it("answers a page in Zuora's envelope", async () => {
    const reply = await call(mock, "GET", "/reports/search?query=invoice%20detail%20account");
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.success).toBe(true);
    expect(reply.json.response.count).toBe(reply.json.response.reports.length);
    expect(reply.json.response.reports[0].id).toBe(SEED_REPORT);
  });

  it("pages through searchStart and honours orderBy", async () => {
    const first = await call(mock, "GET", "/reports/search?query=account&searchStart=0");
    const second = await call(mock, "GET", "/reports/search?query=account&searchStart=50");
    expect(first.json.response.count).toBe(50);
    expect(second.json.response.count).toBeGreaterThan(0);
    const orderBy = encodeURIComponent('[{"field": "name", "ascend": "false"}]');
    const sorted = await call(mock, "GET", `/reports/search?query=invoice&orderBy=${orderBy}`);
    const sortedNames = sorted.json.response.reports.map((r: { name: string }) => r.name);
    expect(sortedNames[0] >= sortedNames[sortedNames.length - 1]).toBe(true);
  });

  it("answers 400 for a missing query, a searchStart that is not a number and a bad orderBy", async () => {
    for (const query of ["", "?query=invoice&searchStart=ten", "?query=invoice&orderBy=name"]) {
      const reply = await call(mock, "GET", `/reports/search${query}`);
      expect(reply.status, query).toBe(400);
      expect(errorDetail(reply).errorCode).toBe("ZAN-USAGE-REST-ERROR");
    }
    const bad = await call(mock, "GET", "/reports/search?query=invoice&orderBy=name");
    expect(errorDetail(bad).message).toMatch(/orderBy must be JSON text/);
  });

  it("refuses a search without credentials", async () => {
    const reply = await call(mock, "GET", "/reports/search?query=invoice", { headers: {} });
    expect(reply.status).toBe(401);
  });

  it("runs a report it found through the ordinary run flow", async () => {
    const search = await call(mock, "GET", "/reports/search?query=payment%20changes");
    const report = search.json.response.reports[0];
    expect(report.name).toBe("Payment Changes This Quarter");
    const started = await call(mock, "POST", `/reports/${report.id}/reportrun?viewType=${report.type}`);
    expect(started.status, started.text).toBe(200);
    clock.advance(3000);
    const run = await call(mock, "GET", `/reportruns/${started.json.response.reportRunId}`, { headers: AUTH });
    expect(run.json.response).toMatchObject({ reportId: report.id, reportType: report.type, status: "COMPLETED" });
  });
});
