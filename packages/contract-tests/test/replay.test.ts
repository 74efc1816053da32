// Replay: the mock's own recording (fixtures/mock, written by `zuora-reports verify --record`) served again through
// `startMock({ replay })`, and `verify` (the library the CLI's `zuora-reports verify` runs) walked against it.
//
// "As recorded" means: verify makes exactly as many exchanges as there are fixtures, and the i-th exchange (in the
// fixtures' file order) has the fixture's operation, method and query, its status, every header the fixture kept
// with the same value, and the same body: JSON deep-equal, or (the export) the same text in the same encoding
// (charset and byte-order mark). verify reports every one of them as conforming to the spec.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Fixture, readFixtures } from "@zuora-reports/conformance";
import { type MockServer, startMock, type Violation } from "@zuora-reports/mock";
import { verify } from "@zuora-reports/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformance } from "./support/checked-fetch.js";

const FOLDER = fileURLToPath(new URL("../fixtures/mock", import.meta.url));
const fixtures = readFixtures(FOLDER).map(({ fixture }) => fixture);
const REPORT_ID = "ff808081529f4e3401529fd373730070";
const KEPT = /^(content-type|ratelimit-.+|retry-after|www-authenticate|zuora-request-id|zuora-track-id)$/;

const violations: Violation[] = [];
let mock: MockServer;

beforeAll(async () => {
  mock = await startMock({ replay: FOLDER, preferExamples: false, onViolation: (v) => violations.push(v) });
});

afterAll(async () => {
  await mock.stop();
  expect(violations).toEqual([]);
});

/** What the i-th exchange must have been, by its fixture. */
function asRecorded(fixture: Fixture) {
  const { response } = fixture;
  return {
    operationId: fixture.operationId,
    method: fixture.request.method,
    query: fixture.request.query ?? {},
    status: response.status,
    headers: response.headers,
    ...("json" in response ? { json: response.json } : { text: response.text }),
    ...(response.encoding ? { encoding: response.encoding } : {}),
  };
}

describe("replaying fixtures/mock", () => {
  it("loads every recorded exchange", () => {
    expect(mock.replay).toEqual({ folder: FOLDER, exchanges: fixtures.length });
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it("answers verify's walk exactly as recorded, every exchange conforming", async () => {
    const outcome = await verify({
      reportId: REPORT_ID,
      client: {
        baseUrl: mock.url,
        auth: { clientId: "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11", clientSecret: "replay-secret" },
      },
      intervalMs: 1,
      maxWaitMs: 20_000, // a bound: a replay stuck on one poll fails instead of hanging
    });
    const seen = outcome.exchanges.map((exchange) => {
      const operation = conformance.findOperation(exchange.method, exchange.url.pathname);
      // The headers a fixture keeps (verify's recorder drops the rest: CORS, Date, Connection…).
      const kept = Object.fromEntries(Object.entries(exchange.headers).filter(([name]) => KEPT.test(name)));
      let json: unknown;
      try {
        json = JSON.parse(exchange.text);
      } catch {
        json = undefined;
      }
      return {
        operationId: operation?.operationId,
        method: exchange.method,
        query: Object.fromEntries(exchange.url.searchParams),
        status: exchange.status,
        headers: kept,
        ...(json !== undefined ? { json } : { text: exchange.text }),
        ...(exchange.charset !== "utf-8" || exchange.bom
          ? { encoding: { charset: exchange.charset, bom: exchange.bom !== undefined } }
          : {}),
      };
    });
    expect(seen).toEqual(fixtures.map(asRecorded));
    expect(outcome.report.conforms).toBe(true);
    expect(outcome.report.exchanges.every((line) => line.verdict === "conforms")).toBe(true);
  });

  it("falls through to the simulation for what no fixture recorded", async () => {
    const headers = { Authorization: "Bearer replay-token" };
    const run = await fetch(`${mock.url}/reports/${REPORT_ID}/reportrun?viewType=Summary`, { method: "POST", headers });
    const { reportRunId } = ((await run.json()) as { response: { reportRunId: string } }).response;
    // A fresh id of the simulation, not the recorded placeholder.
    expect(reportRunId).toMatch(/^[0-9a-f]{32}$/);
    expect(reportRunId).not.toBe("00000000000000000000000000000006");
    const page = await fetch(`${mock.url}/reportruns/reportdata/${reportRunId}?offset=1&pageSize=7`, { headers });
    expect(page.status).toBe(400);
  });
});

describe("a replay folder that cannot be replayed", () => {
  const work = mkdtempSync(join(tmpdir(), "replay-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("is refused at start, naming the fixture that breaks the spec", async () => {
    const [first] = fixtures.filter((f) => f.operationId === "getReportRun");
    const broken = structuredClone(first) as Fixture;
    (broken.response.json as { response: { status: string } }).response.status = "completed";
    writeFileSync(join(work, "01-broken.json"), JSON.stringify(broken));
    await expect(startMock({ replay: work, preferExamples: false })).rejects.toThrow(
      /^replay: .*01-broken\.json does not conform to the document: \$\.response\.status/,
    );
  });

  it("is a one-line error when the folder is missing", async () => {
    await expect(startMock({ replay: join(work, "nowhere"), preferExamples: false })).rejects.toThrow(
      /^replay folder .*nowhere cannot be read \(it does not exist\)\.$/,
    );
  });
});
