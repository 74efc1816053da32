// The simulation over HTTP, on a clock the tests move: lifecycle, data, export, errors, headers, limits, faults.

import { loadConformance, responseFor, seedRun } from "@zuora-reports/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSpecPath, type MockServer, startMock, type Violation } from "../../src/index.js";
import { AUTH, call, errorDetail, manualClock, type Reply } from "../support/http.js";

const { reportRunId: SEED_ID, reportId: REPORT_ID } = seedRun();
// Zuora's published Get Report Run example, as published (reference/seed-get-report-run.md): the oracle the mock's
// answer is held to, so it is spelled out here rather than read from the spec the mock itself serves.
const SEED =
  '{"success":true,"response":{"reportType":"Detail","id":"ff808081529f4e3401529fd61f080074","reportId":"ff808081529f4e3401529fd373730070","startedOn":1453166692000,"status":"COMPLETED","reportDefinition":"...","updatedOn":1453166695000}}';

const spec = loadConformance(defaultSpecPath);
const clock = manualClock();
const violations: Violation[] = [];
let mock: MockServer;

beforeAll(async () => {
  mock = await startMock({
    preferExamples: false,
    now: clock.now,
    pace: 1000,
    rows: 2500,
    onViolation: (v) => violations.push(v),
  });
});

afterAll(async () => {
  await mock.stop();
  // Every answer above was checked against the document before it was sent.
  expect(violations).toEqual([]);
});

async function start(reportId = REPORT_ID, view = "Detail", headers: Record<string, string> = AUTH): Promise<string> {
  const reply = await call(mock, "POST", `/reports/${reportId}/reportrun?viewType=${view}`, { headers });
  expect(reply.status, reply.text).toBe(200);
  return reply.json.response.reportRunId;
}

const status = async (id: string) => (await call(mock, "GET", `/reportruns/${id}`)).json.response.status;

function expectZuora400(reply: Reply, message: string | RegExp): void {
  expect(reply.status).toBe(400);
  expect(reply.json).toEqual({ success: false, response: expect.any(String), links: null });
  const detail = errorDetail(reply);
  expect(detail).toEqual({
    errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    message: expect.anything(),
    errorCode: "ZAN-USAGE-REST-ERROR",
  });
  expect(detail.message).toMatch(message);
}

describe("the published run", () => {
  it("answers Zuora's Get Report Run example byte for byte", async () => {
    const reply = await call(mock, "GET", `/reportruns/${SEED_ID}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(SEED);
  });

  it("has Zuora's published data page, and cannot be cancelled", async () => {
    const data = await call(mock, "GET", `/reportruns/reportdata/${SEED_ID}?offset=1&pageSize=100`);
    expect(data.json.response).toMatchObject({ size: 100, offset: 1, total: 4 });
    expect(data.json.response.page[3]).toMatchObject({ "Account.Currency": "CAD", "Invoice.Amount": "1,729.76" });
    const cancel = await call(mock, "DELETE", `/reportruns/${SEED_ID}`);
    expectZuora400(cancel, `The report run with ID ${SEED_ID} has already finished with status COMPLETED`);
    expect((await call(mock, "GET", `/reportruns/${SEED_ID}`)).text).toBe(SEED);
  });
});

describe("a run", () => {
  it("gets a new 32-hex id, echoes reportId and viewType, and moves STARTED → … → COMPLETED with time", async () => {
    const id = await start(REPORT_ID, "Summary");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const seen = [];
    for (let step = 0; step < 5; step++) {
      seen.push((await call(mock, "GET", `/reportruns/${id}`)).json.response);
      clock.advance(1000);
    }
    expect(seen.map((r) => r.status)).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED", "COMPLETED"]);
    expect(seen[0]).toMatchObject({ id, reportId: REPORT_ID, reportType: "Summary", startedOn: clock.now() - 5000 });
    expect(seen.map((r) => r.updatedOn - r.startedOn)).toEqual([0, 1000, 2000, 3000, 3000]);
    expect(Object.keys(seen[0])).toEqual(Object.keys(JSON.parse(SEED).response));
  });

  it("has no data or export until it is COMPLETED", async () => {
    const id = await start();
    clock.advance(1000);
    const data = await call(mock, "GET", `/reportruns/reportdata/${id}?offset=1&pageSize=10`);
    expectZuora400(data, `The report run with ID ${id} has no data: its status is QUERYDATA.`);
    expectZuora400(await call(mock, "GET", `/reportruns/export/${id}`), /its status is QUERYDATA/);
  });
});

describe("data and export of a completed run", () => {
  let id: string;
  beforeAll(async () => {
    id = await start();
    clock.advance(3000);
  });

  const page = async (offset: number, pageSize: number) =>
    (await call(mock, "GET", `/reportruns/reportdata/${id}?offset=${offset}&pageSize=${pageSize}`)).json.response;

  it("pages by offset (records skipped, the header being the first) and pageSize", async () => {
    const first = await page(1, 1000);
    expect(first).toMatchObject({ size: 1000, offset: 1, total: 2500 });
    expect(first.page).toHaveLength(1000);
    // Zuora's published rows come first.
    expect(first.page[0]).toMatchObject({ "Invoice.Amount": "900.00", "Account.Currency": "USD" });
    expect((await page(2, 1)).page).toEqual([first.page[1]]);
    expect((await page(0, 3)).page).toEqual(first.page.slice(0, 2));
    const last = await page(2001, 1000);
    expect(last.page).toHaveLength(500);
    expect((await page(2501, 1000)).page).toEqual([]);
  });

  it("reading on by rows received gets every row once, the same rows as the export", async () => {
    const rows: Record<string, string>[] = [];
    for (let offset = 1; rows.length < 2500; ) {
      const { page: got } = await page(offset, 700);
      rows.push(...got);
      offset += got.length;
    }
    const reply = await call(mock, "GET", `/reportruns/export/${id}`);
    expect(reply.status).toBe(200);
    // The media type and charset the document declares for the export (x-charset), not a value of the mock's.
    const [mediaType, media] = [...(responseFor(spec.operation("exportReportRun"), 200)?.content ?? [])][0] ?? [];
    expect(media?.extensions["x-charset"]).toBe("utf-16");
    expect(reply.headers.get("content-type")).toBe(`${mediaType};charset=${media?.extensions["x-charset"]}`);
    expect([...reply.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const [header, ...lines] = new TextDecoder("utf-16le").decode(reply.bytes).split("\r\n").filter(Boolean);
    const columns = Object.keys(rows[0] ?? {});
    expect(header).toBe(columns.join("\t"));
    expect(lines).toEqual(rows.map((row) => columns.map((c) => row[c]).join("\t")));
  });

  it("a Summary run has the Summary columns in its data and its export", async () => {
    const summary = await start(REPORT_ID, "Summary");
    clock.advance(3000);
    const data = await call(mock, "GET", `/reportruns/reportdata/${summary}?offset=1&pageSize=5`);
    expect(Object.keys(data.json.response.page[0])).toEqual([
      "Account: Currency",
      "Account: Name",
      "SUM of 'Account: Account Balance'",
    ]);
    const exported = await call(mock, "GET", `/reportruns/export/${summary}?pivoted=false`);
    expect(new TextDecoder("utf-16le").decode(exported.bytes)).toMatch(
      /^Account: Currency\tAccount: Name\tSUM of 'Account: Account Balance'\r\nEUR\tEast Inc\t-120.2\r\n/,
    );
  });

  it("pivoted=true exports a Summary run as a crosstab (same file form), a Detail run as it is", async () => {
    const summary = await start(REPORT_ID, "Summary");
    const detail = await start(REPORT_ID, "Detail");
    clock.advance(3000);
    const pivoted = await call(mock, "GET", `/reportruns/export/${summary}?pivoted=true`);
    expect(pivoted.headers.get("content-type")).toBe("text/csv;charset=utf-16");
    expect([...pivoted.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const [header, ...lines] = new TextDecoder("utf-16le").decode(pivoted.bytes).split("\r\n").filter(Boolean);
    // Currencies down, account names across, the balances summed in the cells.
    expect(header).toBe("Account: Currency\tEast Inc\tNorth Services\tWest Corp");
    expect(lines.map((line) => line.split("\t")[0])).toEqual(["EUR", "USD"]);
    expect(lines.every((line) => line.split("\t").length === 4)).toBe(true);
    const flat = await call(mock, "GET", `/reportruns/export/${detail}`);
    const detailPivoted = await call(mock, "GET", `/reportruns/export/${detail}?pivoted=true`);
    expect(Buffer.from(detailPivoted.bytes).equals(Buffer.from(flat.bytes))).toBe(true);
  });
});

describe("scenarios", () => {
  it.each([
    ["mock-error", ["STARTED", "QUERYDATA", "ERROR"]],
    ["mock-invalid", ["STARTED", "INVALID"]],
    ["mock-cancelled", ["STARTED", "QUERYDATA", "PROCESSINGDATA", "CANCELLED"]],
  ])("%s ends as its scenario says, with no data", async (reportId, expected) => {
    const id = await start(reportId);
    const seen = [];
    for (const _ of expected) {
      seen.push(await status(id));
      clock.advance(1000);
    }
    expect(seen).toEqual(expected);
    clock.advance(60_000);
    expect(await status(id)).toBe(expected.at(-1));
    const data = await call(mock, "GET", `/reportruns/reportdata/${id}?offset=1&pageSize=10`);
    expectZuora400(data, `its status is ${expected.at(-1)}.`);
  });

  it("mock-never-ends stays PROCESSINGDATA until cancelled, then is CANCELLED for good", async () => {
    const id = await start("mock-never-ends");
    clock.advance(3_600_000);
    expect(await status(id)).toBe("PROCESSINGDATA");
    const cancel = await call(mock, "DELETE", `/reportruns/${id}`);
    expect(cancel.json).toEqual({ success: true, response: "The report run has been canceled" });
    clock.advance(3_600_000);
    expect(await status(id)).toBe("CANCELLED");
    const again = await call(mock, "DELETE", `/reportruns/${id}`);
    expect(again.json).toEqual({ success: true, response: "The report run was canceled" });
  });

  it("mock-empty completes with no rows and an export of its header alone", async () => {
    const id = await start("mock-empty");
    clock.advance(3000);
    const data = await call(mock, "GET", `/reportruns/reportdata/${id}?offset=1&pageSize=100`);
    expect(data.json.response).toEqual({ page: [], size: 100, offset: 1, total: 0 });
    const exported = await call(mock, "GET", `/reportruns/export/${id}`);
    expect(new TextDecoder("utf-16le").decode(exported.bytes).split("\r\n").filter(Boolean)).toHaveLength(1);
  });

  it("mock-unknown does not exist", async () => {
    const reply = await call(mock, "POST", "/reports/mock-unknown/reportrun?viewType=Detail");
    expectZuora400(reply, "An error occurred. The report with ID mock-unknown does not exist.");
    expectZuora400(await call(mock, "GET", "/reports/mock-unknown/reportruns/latest"), /mock-unknown does not exist/);
  });
});

describe("last completed run", () => {
  it("is the report's latest COMPLETED run, not a later unfinished one", async () => {
    const reportId = "last-completed-check";
    expectZuora400(
      await call(mock, "GET", `/reports/${reportId}/reportruns/latest`),
      "The current user has not run this report yet. Please run the report before retrying.",
    );
    const first = await start(reportId);
    clock.advance(3000);
    await start(reportId);
    clock.advance(1000);
    const latest = await call(mock, "GET", `/reports/${reportId}/reportruns/latest`);
    expect(latest.json.response).toMatchObject({ id: first, status: "COMPLETED", reportId });
  });

  it("of the published report is the published run until a newer one completes", async () => {
    const other = "ff808081521b051c01521d9f81c70021";
    const latest = await call(mock, "GET", `/reports/${other}/reportruns/latest`);
    expect(latest.json.response).toMatchObject({ id: "ff8080815242b1810152577c07480931", status: "COMPLETED" });
  });
});

describe("errors", () => {
  it.each([
    ["GET", "/reportruns/nope"],
    ["DELETE", "/reportruns/nope"],
    ["GET", "/reportruns/reportdata/nope?offset=1&pageSize=10"],
  ])("%s %s: an unknown run id is a 400 naming it", async (method, path) => {
    expectZuora400(await call(mock, method, path), "An error occurred. The report run with ID nope does not exist.");
  });

  it("export of an unknown run says what Zuora says", async () => {
    expectZuora400(await call(mock, "GET", "/reportruns/export/nope"), "There are errors when exporting the report.");
  });

  it.each([
    [
      "POST",
      `/reports/${REPORT_ID}/reportrun?viewType=Pivot`,
      {},
      'query parameter viewType must be one of Detail, Summary (got "Pivot")',
    ],
    ["POST", `/reports/${REPORT_ID}/reportrun`, {}, "query parameter viewType is required"],
    [
      "GET",
      `/reportruns/reportdata/${SEED_ID}?offset=1&pageSize=0`,
      {},
      "query parameter pageSize must be >= 1 (got 0)",
    ],
    [
      "GET",
      `/reportruns/reportdata/${SEED_ID}?offset=one&pageSize=5`,
      {},
      'query parameter offset must be an integer (got "one")',
    ],
    ["GET", `/reportruns/reportdata/${SEED_ID}?pageSize=5`, {}, "query parameter offset is required"],
    ["GET", `/reportruns/${SEED_ID}`, { "Zuora-Track-Id": "a;b" }, "header Zuora-Track-Id must match"],
    [
      "GET",
      `/reportruns/${"x".repeat(65)}`,
      {},
      "path parameter reportRunId must be at most 64 characters long (got 65)",
    ],
    [
      "GET",
      `/reportruns/export/${SEED_ID}?pivoted=maybe`,
      {},
      'query parameter pivoted must be of type boolean (got "maybe")',
    ],
  ])(
    "%s %s: an invalid request is a 400 naming the parameter and the reason",
    async (method, path, headers, message) => {
      const reply = await call(mock, method, path, { headers: { ...AUTH, ...headers } });
      expectZuora400(reply, `The request is invalid: ${message}`);
    },
  );

  it("a body that is not the filter groups is refused, and starts nothing", async () => {
    const reportId = "invalid-body-check";
    const send = (body: string, type = "application/json") =>
      call(mock, "POST", `/reports/${reportId}/reportrun?viewType=Detail`, {
        headers: { ...AUTH, "Content-Type": type },
        body,
      });
    expectZuora400(await send("[{"), /the request body is not valid JSON/);
    expectZuora400(await send('{"a":1}'), "the request body must be of type array");
    expectZuora400(await send("[{}]"), "the request body at /0 needs the property filterClauses");
    expectZuora400(
      await send("x=1", "text/plain"),
      "the request body must be sent as application/json (got text/plain)",
    );
    clock.advance(10_000);
    expectZuora400(await call(mock, "GET", `/reports/${reportId}/reportruns/latest`), /has not run this report yet/);
    expect((await send("[]")).status).toBe(200);
  });

  it("an unknown path is a 404, a wrong method a 405", async () => {
    expect((await call(mock, "GET", "/reportruns")).status).toBe(404);
    const reply = await call(mock, "PUT", `/reportruns/${SEED_ID}`);
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("GET, DELETE");
  });
});

describe("Idempotency-Key", () => {
  it("the same key starts one run; another key or another credential starts another", async () => {
    const key = { ...AUTH, "Idempotency-Key": "key-1" };
    const first = await start(REPORT_ID, "Detail", key);
    expect(await start(REPORT_ID, "Detail", key)).toBe(first);
    expect(await start(REPORT_ID, "Detail", { ...key, "Idempotency-Key": "key-2" })).not.toBe(first);
    expect(await start(REPORT_ID, "Detail", { ...key, Authorization: "Bearer someone-else" })).not.toBe(first);
  });

  it("reusing a key for another report is refused", async () => {
    const key = { ...AUTH, "Idempotency-Key": "key-3" };
    await start(REPORT_ID, "Detail", key);
    const reply = await call(mock, "POST", "/reports/other-report/reportrun?viewType=Detail", { headers: key });
    expectZuora400(reply, /Idempotency-Key "key-3" already started a Detail run of report/);
  });
});

describe("headers", () => {
  it("echo Zuora-Track-Id only when it was sent; a new Zuora-Request-Id each time", async () => {
    const plain = await call(mock, "GET", `/reportruns/${SEED_ID}`);
    expect(plain.headers.has("zuora-track-id")).toBe(false);
    const tracked = await call(mock, "GET", `/reportruns/${SEED_ID}`, {
      headers: { ...AUTH, "Zuora-Track-Id": "nightly-7" },
    });
    expect(tracked.headers.get("zuora-track-id")).toBe("nightly-7");
    expect(plain.headers.get("zuora-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(tracked.headers.get("zuora-request-id")).not.toBe(plain.headers.get("zuora-request-id"));
  });

  it("count RateLimit-Remaining down per credential", async () => {
    const headers = { Authorization: "Bearer countdown" };
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      remaining.push(
        Number((await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers })).headers.get("ratelimit-remaining")),
      );
    }
    expect(remaining).toEqual([49999, 49998, 49997]);
  });
});

describe("authentication", () => {
  it("no credentials: 401 with Zuora's body and challenge", async () => {
    const reply = await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: {} });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ message: "Authentication error" });
    // Only the scheme the mock accepts: it refuses Basic and takes no ZSession cookie.
    expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="Zuora API"');
    expect((await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: { Authorization: "Basic x" } })).status).toBe(
      401,
    );
    expect((await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers: { apiAccessKeyId: "u" } })).status).toBe(401);
  });

  it("the legacy header pair works", async () => {
    const reply = await call(mock, "GET", `/reportruns/${SEED_ID}`, {
      headers: { apiAccessKeyId: "user@example.com", apiSecretAccessKey: "pw" },
    });
    expect(reply.text).toBe(SEED);
  });

  it("/oauth/token issues a token for expires_in seconds; past that it is refused with 401", async () => {
    const token = await call(mock, "POST", "/oauth/token", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "client_id=8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11&client_secret=s&grant_type=client_credentials",
    });
    expect(token.status).toBe(200);
    expect(Object.keys(token.json)).toEqual(["access_token", "expires_in", "jti", "scope", "token_type"]);
    expect(token.json).toMatchObject({ expires_in: 3599, token_type: "bearer" });
    const headers = { Authorization: `Bearer ${token.json.access_token}` };
    expect((await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers })).status).toBe(200);
    clock.advance(3599_000);
    expect((await call(mock, "GET", `/reportruns/${SEED_ID}`, { headers })).status).toBe(401);
  });

  it("/oauth/token refuses a malformed grant with a 400 naming the field", async () => {
    const reply = await call(mock, "POST", "/oauth/token", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "client_id=short&client_secret=s&grant_type=password",
    });
    expectZuora400(
      reply,
      /form field client_id must be at least 36 characters long \(got 5\); form field grant_type must be "client_credentials"/,
    );
  });
});

describe("limits and faults (mocks of their own)", () => {
  it("past the rate limit: 429 with Retry-After until the window resets", async () => {
    const own = manualClock();
    const limited = await startMock({
      preferExamples: false,
      now: own.now,
      rateLimit: { limit: 2, windowSeconds: 10 },
    });
    try {
      const get = () => call(limited, "GET", `/reportruns/${SEED_ID}`);
      expect((await get()).status).toBe(200);
      own.advance(4000);
      expect((await get()).headers.get("ratelimit-remaining")).toBe("0");
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("6");
      expect(refused.json).toMatchObject({ code: "REQUEST_EXCEEDED_LIMIT" });
      own.advance(6000);
      expect((await get()).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it("faults: a share of requests answered 500 or 429, or dropped, in turn", async () => {
    const faulty = await startMock({ preferExamples: false, faults: { rate: 0.5, kinds: ["500", "429", "drop"] } });
    try {
      const get = () =>
        call(faulty, "GET", `/reportruns/${SEED_ID}`).then(
          (r) => r.status,
          () => "dropped",
        );
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(await get());
      }
      expect(statuses).toEqual([200, 500, 200, 429, 200, "dropped"]);
    } finally {
      await faulty.stop();
    }
  });
});

describe("pace: one step per poll", () => {
  it("moves a run one status per Get Report Run, whatever the time", async () => {
    const polled = await startMock({ preferExamples: false, pace: "poll" });
    try {
      const id = (await call(polled, "POST", `/reports/${REPORT_ID}/reportrun?viewType=Detail`)).json.response
        .reportRunId;
      const seen = [];
      for (let i = 0; i < 5; i++) {
        seen.push((await call(polled, "GET", `/reportruns/${id}`)).json.response.status);
      }
      expect(seen).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED", "COMPLETED"]);
    } finally {
      await polled.stop();
    }
  });
});
