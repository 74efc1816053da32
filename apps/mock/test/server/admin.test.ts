// The control API over HTTP (/__admin/…) and the same from startMock()'s handle: every answer checked against the
// control API's own document; no credentials, no rate limit, no fault, no count; CORS for browsers.
import { createConformance, loadConformance, type OpenApiDocument, readDocument } from "@zuora-reports/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createControl } from "../../src/control.js";
import { adminDocumentPath, defaultSpecPath, type MockServer, startMock, type Violation } from "../../src/index.js";
import { createAdmin } from "../../src/server/admin.js";
import { resolveSettings } from "../../src/settings.js";
import { createSimulation } from "../../src/simulation/engine.js";
import { AUTH, call, errorDetail } from "../support/http.js";

const JSON_BODY = { "Content-Type": "application/json" };
const violations: Violation[] = [];
let mock: MockServer;

beforeAll(async () => {
  mock = await startMock({
    preferExamples: false,
    pace: "poll",
    // Every other request of Zuora's is a 500 and a credential has 2 requests a minute: the control API is neither.
    faults: { rate: 0.5, kinds: ["500"] },
    rateLimit: { limit: 2 },
    onViolation: (v) => violations.push(v),
  });
});

afterAll(async () => {
  await mock.stop();
  expect(violations).toEqual([]);
});

const admin = (method: string, path: string, body?: unknown) =>
  call(mock, method, `/__admin/${path}`, {
    headers: body === undefined ? {} : JSON_BODY,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function startRun(reportId = "r1", headers: Record<string, string> = AUTH): Promise<string> {
  const reply = await call(mock, "POST", `/reports/${reportId}/reportrun?viewType=Detail`, { headers });
  expect(reply.status, reply.text).toBe(200);
  return reply.json.response.reportRunId;
}

describe("/__admin/ over HTTP", () => {
  it("walks two runs to COMPLETED and ERROR: the data of one, the failure of the other; reset forgets both", async () => {
    expect((await admin("POST", "reset")).status).toBe(200);
    // The fault plan starts afresh at a reset: requests 1 and 3 of Zuora's are answered, 2 and 4 are 500s.
    const done = await startRun();
    expect((await call(mock, "GET", "/reportruns/x")).status).toBe(500);
    const failed = await startRun("r2", { Authorization: "Bearer other" });
    expect((await admin("GET", "runs")).json.runs.map((r: { id: string }) => r.id)).toEqual([done, failed]);

    const completed = await admin("POST", `runs/${done}/status`, { status: "COMPLETED" });
    expect(completed.status).toBe(200);
    expect(completed.json).toMatchObject({ id: done, reportId: "r1", viewType: "Detail", status: "COMPLETED" });
    expect((await admin("POST", `runs/${failed}/status`, { status: "ERROR" })).json.status).toBe("ERROR");

    await admin("POST", "reset"); // the rate limit and the fault plan start afresh; the runs go too…
    expect((await admin("GET", "runs")).json).toEqual({ runs: [] });
    expect((await call(mock, "GET", `/reportruns/${done}`)).status).toBe(400);
  });

  it("COMPLETED makes data and export readable; ERROR shows as the simulation's failed runs do", async () => {
    const plain = await startMock({ preferExamples: false, pace: "poll", onViolation: (v) => violations.push(v) });
    try {
      const start = async (reportId: string) =>
        (await call(plain, "POST", `/reports/${reportId}/reportrun?viewType=Detail`)).json.response.reportRunId;
      const [done, failed] = [await start("r1"), await start("r2")];
      const to = (id: string, status: string) =>
        call(plain, "POST", `/__admin/runs/${id}/status`, { headers: JSON_BODY, body: JSON.stringify({ status }) });
      await to(done, "COMPLETED");
      await to(failed, "ERROR");
      const data = await call(plain, "GET", `/reportruns/reportdata/${done}?offset=1&pageSize=2`);
      expect(data.json.response).toMatchObject({ size: 2, offset: 1, total: 2500 });
      const exported = await call(plain, "GET", `/reportruns/export/${done}`);
      expect(exported.status).toBe(200);
      expect([...exported.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
      const run = await call(plain, "GET", `/reportruns/${failed}`);
      expect(run.json.response).toMatchObject({ id: failed, status: "ERROR" });
      const noData = await call(plain, "GET", `/reportruns/reportdata/${failed}?offset=1&pageSize=2`);
      expect(errorDetail(noData).message).toBe(`The report run with ID ${failed} has no data: its status is ERROR.`);
      // A run moved to PROCESSINGDATA goes on at the pace: one step per poll, to the end its scenario had.
      const moving = await start("mock-error");
      await to(moving, "PROCESSINGDATA");
      const polls = [];
      for (let i = 0; i < 3; i++) {
        polls.push((await call(plain, "GET", `/reportruns/${moving}`)).json.response.status);
      }
      expect(polls).toEqual(["PROCESSINGDATA", "ERROR", "ERROR"]);
    } finally {
      await plain.stop();
    }
  });

  it("says why a move is impossible: 400 backwards or out of an end, 404 for an unknown run", async () => {
    await admin("POST", "reset");
    const id = await startRun();
    await admin("POST", `runs/${id}/status`, { status: "PROCESSINGDATA" });
    const back = await admin("POST", `runs/${id}/status`, { status: "QUERYDATA" });
    expect(back.status).toBe(400);
    expect(back.json.message).toBe(
      `Report run ${id} cannot become QUERYDATA: QUERYDATA comes before its status PROCESSINGDATA (runs only move forward).`,
    );
    const unknown = await admin("POST", "runs/0000/status", { status: "COMPLETED" });
    expect(unknown).toMatchObject({
      status: 404,
      json: { message: expect.stringMatching(/^No report run with ID 0000/) },
    });
    const bad = await admin("POST", `runs/${id}/status`, { status: "DONE" });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^The request is invalid: the request body at \/status must be one of STARTED, /);
  });

  it("reads and changes the knobs; a bad value is a 400 with the knob's reason", async () => {
    const before = await admin("GET", "settings");
    expect(before.json).toMatchObject({ pace: "poll", rateLimit: { limit: 2 }, faults: { rate: 0.5 } });
    const changed = await admin("PATCH", "settings", { rows: 7 });
    expect(changed.json.rows).toBe(7);
    expect(mock.settings?.rows).toBe(7);
    const refused = await admin("PATCH", "settings", { faults: { rate: 2 } });
    expect(refused).toMatchObject({
      status: 400,
      json: { message: "faults.rate must be a number from 0 to 1, not 2." },
    });
    const form = await call(mock, "PATCH", "/__admin/settings", { headers: {}, body: "rows=3" });
    expect(form.status).toBe(400);
    expect(form.json.message).toMatch(/must be sent as application\/json/);
    // null: back to the default, over HTTP too.
    const unset = await admin("PATCH", "settings", { rows: null });
    expect(unset).toMatchObject({ status: 200, json: { rows: 2500 } });
  });

  it("is never faulted, rate-limited, counted or asked for credentials", async () => {
    await admin("POST", "reset");
    expect((await call(mock, "GET", "/reportruns/x")).status).toBe(400); // Zuora's request 1: answered, counted
    for (let i = 0; i < 5; i++) {
      expect((await call(mock, "GET", "/__admin/runs", { headers: AUTH })).status).toBe(200);
    }
    // Request 2 of Zuora's is the fault (the control API's 5 did not count); request 3 is the credential's second.
    expect((await call(mock, "GET", "/reportruns/x")).status).toBe(500);
    const third = await call(mock, "GET", "/reportruns/x");
    expect(third.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("answers browsers: CORS on answers and preflights, PATCH included", async () => {
    const preflight = await call(mock, "OPTIONS", "/__admin/settings", {
      headers: {
        Origin: "http://page.test",
        "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")?.split(", ")).toContain("PATCH");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
    const answer = await admin("GET", "runs");
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("names its routes for a path it does not have, and the methods of one it has", async () => {
    const missing = await admin("GET", "nowhere");
    expect(missing.status).toBe(404);
    expect(missing.json.message).toMatch(
      /^No route of the control API at GET \/__admin\/nowhere; it has POST \/__admin\/reset, /,
    );
    const wrong = await admin("DELETE", "runs");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});

describe("startMock()'s handle", () => {
  it("does what /__admin/ does, on the same state", async () => {
    mock.reset();
    const id = await startRun();
    expect(mock.runs().map((r) => r.id)).toEqual([id]);
    expect(mock.setStatus(id, "CANCELLED").status).toBe("CANCELLED");
    expect((await admin("GET", "runs")).json.runs[0]).toMatchObject({ id, status: "CANCELLED" });
    expect(() => mock.setStatus(id, "COMPLETED")).toThrow("has already finished with status CANCELLED");
    mock.configure({ tokenTtlSeconds: 60 });
    expect((await admin("GET", "settings")).json.tokenTtlSeconds).toBe(60);
    await admin("POST", "reset");
    expect(mock.runs()).toEqual([]);
  });

  it("in static mode, there is no simulation to control: the handle says so, and Prism knows no /__admin/", async () => {
    const prism = await startMock({ mode: "static" });
    try {
      expect(() => prism.runs()).toThrow("static mode");
      expect(() => prism.reset()).toThrow("static mode");
      expect((await call(prism, "GET", "/__admin/runs")).status).toBe(404);
    } finally {
      await prism.stop();
    }
  });
});

describe("answers checked against the control API's document", () => {
  it("an answer that breaks it is a 500 naming the problem, and is reported", async () => {
    const document = readDocument(adminDocumentPath()) as OpenApiDocument & {
      components: { schemas: Record<string, unknown> };
    };
    // A document that wants a field the answers never have.
    document.components.schemas.Message = { type: "object", required: ["message", "code"] };
    const spec = loadConformance(defaultSpecPath);
    const settings = resolveSettings({}, spec);
    const simulation = createSimulation(spec, settings);
    const serving = { host: "h", port: 1, mode: "simulation" as const, logLevel: "warn" as const };
    const seen: Violation[] = [];
    const logged: string[] = [];
    const respond = createAdmin({
      control: createControl({ conformance: spec, simulation, settings, options: {}, serving }),
      conformance: createConformance(document),
      onViolation: (v) => seen.push(v),
      logError: (line) => logged.push(line),
    });
    const answer = await respond({
      method: "POST",
      url: new URL("http://mock.invalid/__admin/reset"),
      headers: {},
      remoteAddress: "test",
      body: async () => new Uint8Array(),
    });
    expect(answer).toMatchObject({ kind: "send", status: 500 });
    expect(JSON.parse((answer as { body: string }).body).message).toMatch(/breaks its control API's document/);
    expect(seen).toEqual([{ operationId: "resetMock", status: 200, problems: [expect.stringContaining("code")] }]);
    expect(logged).toHaveLength(1);
  });
});
