import { describe, expect, it } from "vitest";
import { createConformance, type Exchange, jsonPath, seedRun } from "../src/index.js";

const conformance = createConformance();
const SEED = seedRun();

const JSON_HEADERS = { "Content-Type": "application/json" };
const RUN = SEED.run;

const getRun = (body: unknown, extra: Partial<Exchange> = {}): Exchange => ({
  method: "GET",
  path: `/reportruns/${SEED.reportRunId}`,
  status: 200,
  headers: JSON_HEADERS,
  body: JSON.stringify(body),
  ...extra,
});

describe("operations", () => {
  it("finds an operation by a concrete path or by its template", () => {
    expect(conformance.findOperation("get", "/reportruns/abc")?.operationId).toBe("getReportRun");
    expect(conformance.findOperation("GET", "/reportruns/{reportRunId}")?.operationId).toBe("getReportRun");
    expect(conformance.findOperation("GET", "/reportruns/reportdata/abc?offset=1")?.operationId).toBe("getReportData");
    expect(conformance.findOperation("DELETE", "/reportruns/abc")?.operationId).toBe("cancelReportRun");
    expect(conformance.findOperation("POST", "/oauth/token")?.operationId).toBe("createToken");
    expect(conformance.findOperation("GET", "/reporting/api/rest/v1/reportruns/abc")).toBeUndefined();
  });

  it("names the document", () => {
    expect(conformance.title).toContain("Report Runs");
    expect(conformance.version).toMatch(/^\d/);
  });
});

describe("check", () => {
  it("passes Zuora's published Get Report Run example", () => {
    const verdict = conformance.check(getRun({ success: true, response: RUN }));
    expect(verdict.operation?.operationId).toBe("getReportRun");
    expect(verdict.response).toBe("200");
    expect(verdict.violations).toEqual([]);
  });

  it("names each body difference with its JSON path, the expectation and what came back", () => {
    const { reportId, ...rest } = RUN;
    const drifted = { ...rest, reportID: reportId, status: "completed", reportType: "detail", startedOn: "yesterday" };
    const { violations } = conformance.check(getRun({ success: true, response: drifted }));
    expect(violations).toEqual(
      expect.arrayContaining([
        {
          kind: "body",
          path: "$.response.reportId",
          expected: "a required property",
          seen: 'absent (the object has "reportID")',
        },
        {
          kind: "body",
          path: "$.response.status",
          expected: expect.stringContaining('one of "STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED"'),
          seen: '"completed"',
        },
        {
          kind: "body",
          path: "$.response.reportType",
          expected: expect.stringContaining('"Detail", "Summary"'),
          seen: '"detail"',
        },
        {
          kind: "body",
          path: "$.response.startedOn",
          expected: expect.stringMatching(/integer ≥ 0 \(EpochMilliseconds\), or string matching .+ \(IsoTimestamp\)/),
          seen: '"yesterday"',
        },
      ]),
    );
    // One violation per failed oneOf, not one per branch.
    expect(violations).toHaveLength(4);
  });

  it("accepts both timestamp forms", () => {
    const iso = { ...RUN, startedOn: "2018-04-13T02:11:38.464+0000", updatedOn: "2018-04-13T02:11:40.008+00:00" };
    expect(conformance.check(getRun({ success: true, response: iso })).violations).toEqual([]);
  });

  it("reports an unwrapped run (no envelope)", () => {
    const paths = conformance.check(getRun(RUN)).violations.map((v) => v.path);
    expect(paths).toEqual(["$.success", "$.response"]);
  });

  it("reports an undeclared status and checks nothing else", () => {
    const verdict = conformance.check(getRun("<html>Not Found</html>", { status: 404, headers: {} }));
    expect(verdict.violations).toEqual([
      { kind: "status", path: "status", expected: "one of 200, 400, 401, 429, 500", seen: "404" },
    ]);
  });

  it("reports a body that is not JSON, and a Content-Type the response does not declare", () => {
    const verdict = conformance.check({
      ...getRun(null),
      headers: { "content-type": "text/html" },
      body: "<html><body>Bad Request</body></html>",
    });
    expect(verdict.violations).toEqual([
      { kind: "content-type", path: "Content-Type", expected: "one of application/json", seen: '"text/html"' },
      {
        kind: "body",
        path: "$",
        expected: expect.stringContaining("JSON: an object with success, response"),
        seen: 'not JSON: "<html><body>Bad Request</body></html>"',
      },
    ]);
  });

  it("checks declared headers against their schemas, and ignores undeclared ones", () => {
    const headers = {
      ...JSON_HEADERS,
      "RateLimit-Remaining": "n/a",
      "Zuora-Request-Id": "short",
      "RateLimit-Reset": "42",
      "X-Anything": "whatever",
    };
    const { violations } = conformance.check(getRun({ success: true, response: RUN }, { headers }));
    expect(violations).toEqual([
      { kind: "header", path: "headers.RateLimit-Remaining", expected: "integer ≥ 0", seen: '"n/a"' },
      { kind: "header", path: "headers.Zuora-Request-Id", expected: "string of 36 characters", seen: '"short"' },
    ]);
  });

  it("matches a Content-Type with parameters, and takes a CSV export as text", () => {
    const verdict = conformance.check({
      method: "GET",
      path: "/reportruns/export/x",
      status: 200,
      headers: { "content-type": "text/csv;charset=utf-16" },
      body: "A\tB\r\n1\t2\r\n",
    });
    expect(verdict).toMatchObject({ response: "200", violations: [] });
  });

  it("holds the charset to the document's x-charset when asked (and only then)", () => {
    const exchange = (contentType: string): Exchange => ({
      method: "GET",
      path: "/reportruns/export/x",
      status: 200,
      headers: { "Content-Type": contentType },
      body: "A\tB\r\n",
    });
    expect(conformance.check(exchange("text/csv;charset=utf-16"), { charset: true }).violations).toEqual([]);
    expect(conformance.check(exchange("text/csv; charset=UTF-16"), { charset: true }).violations).toEqual([]);
    expect(conformance.check(exchange("text/csv;charset=utf-16le"), { charset: true }).violations).toEqual([
      {
        kind: "content-type",
        path: "Content-Type",
        expected: "text/csv;charset=utf-16",
        seen: '"text/csv;charset=utf-16le"',
      },
    ]);
    expect(conformance.check(exchange("text/csv"), { charset: true }).violations).toHaveLength(1);
    expect(conformance.check(exchange("text/csv;charset=utf-16le")).violations).toEqual([]);
  });

  it("masks values where asked, keeping their type", () => {
    const page = { page: [{ "Invoice.Amount": { value: 900 } }], size: 100, offset: 1, total: 1 };
    const exchange: Exchange = {
      method: "GET",
      path: "/reportruns/reportdata/x",
      status: 200,
      headers: JSON_HEADERS,
      body: JSON.stringify({ success: true, response: page }),
    };
    const masked = conformance.check(exchange, { mask: (path) => path[1] === "page" });
    expect(masked.violations).toEqual([
      {
        kind: "body",
        path: '$.response.page[0]["Invoice.Amount"]',
        expected: "string or number or boolean or null",
        seen: "an object (masked)",
      },
    ]);
    expect(conformance.check(exchange).violations[0]?.seen).toBe("an object {value}");
  });

  it("reports an exchange the document has no operation for", () => {
    const verdict = conformance.check({ method: "GET", path: "/nowhere", status: 200, headers: {} });
    expect(verdict.operation).toBeUndefined();
    expect(verdict.violations).toEqual([
      { kind: "operation", path: "request", expected: "an operation of the document", seen: "GET /nowhere" },
    ]);
  });

  it("uses the 401 response's oneOf as one expectation", () => {
    const verdict = conformance.check(getRun({ error: "denied" }, { status: 401 }));
    expect(verdict.violations).toEqual([
      {
        kind: "body",
        path: "$",
        expected: expect.stringMatching(/\(MessageError\), or .*\(ErrorResponse\)/),
        seen: "an object {error}",
      },
    ]);
  });
});

describe("jsonPath", () => {
  it("uses dots for names, brackets for indexes and other keys", () => {
    expect(jsonPath([])).toBe("$");
    expect(jsonPath(["response", "page", 3, "Account.Name", "x y"])).toBe('$.response.page[3]["Account.Name"]["x y"]');
  });
});
