// The mock as a function: respond(request) → response, no socket involved. Each step can be seen answering.
import { loadConformance, seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { createControl } from "../../src/control.js";
import { defaultSpecPath } from "../../src/index.js";
import { readFacts } from "../../src/server/facts.js";
import { BodyTooLargeError, type MockRequest, type MockResponse } from "../../src/server/pipeline.js";
import { createResponder } from "../../src/server/steps.js";
import { resolveSettings } from "../../src/settings.js";
import { createSimulation } from "../../src/simulation/engine.js";

const conformance = loadConformance(defaultSpecPath);
const SEED_ID = seedRun().reportRunId;

function responder(options: Parameters<typeof resolveSettings>[0] = {}) {
  const settings = resolveSettings({ pace: "poll", ...options }, conformance);
  return createResponder({
    conformance,
    facts: readFacts(conformance, "exportReportRun"),
    settings,
    simulation: createSimulation(conformance, settings),
    examples: false,
    maxBodyBytes: 16,
    logError: (line) => {
      throw new Error(line);
    },
  });
}

const request = (method: string, path: string, headers: Record<string, string> = {}, body = ""): MockRequest => ({
  method,
  url: new URL(path, "http://mock.invalid"),
  headers: { authorization: "Bearer t", ...headers },
  remoteAddress: "test",
  body: async () => {
    const bytes = new TextEncoder().encode(body);
    if (bytes.length > 16) {
      throw new BodyTooLargeError(16);
    }
    return bytes;
  },
});

const sent = (response: MockResponse) => {
  if (response.kind !== "send") {
    throw new Error(`expected a sent answer, got ${response.kind}`);
  }
  return { status: response.status, headers: response.headers, json: JSON.parse(response.body || "null") };
};

describe("respond(request) → response", () => {
  const respond = responder();

  it("simulates a known operation, with Zuora's headers", async () => {
    const answer = sent(await respond(request("GET", `/reportruns/${SEED_ID}`)));
    expect(answer.status).toBe(200);
    expect(answer.json.response.id).toBe(SEED_ID);
    expect(answer.headers).toMatchObject({
      "Content-Type": "application/json",
      "RateLimit-Limit": "50000, 50000;w=60",
    });
  });

  it("answers at the step that decides: preflight, route, authenticate, check request, size", async () => {
    const preflight = sent(await respond(request("OPTIONS", "/reportruns/x")));
    // Every method of the document, and OPTIONS.
    const methods = new Set([...conformance.operations.map((op) => op.method), "OPTIONS"]);
    expect(new Set(preflight.headers["Access-Control-Allow-Methods"]?.split(", "))).toEqual(methods);
    expect(sent(await respond(request("GET", "/nowhere"))).status).toBe(404);
    expect(sent(await respond(request("PUT", `/reportruns/${SEED_ID}`))).headers.Allow).toBe("GET, DELETE");
    const anonymous = request("GET", `/reportruns/${SEED_ID}`, { authorization: "" });
    expect(sent(await respond({ ...anonymous, headers: {} })).status).toBe(401);
    expect(sent(await respond(request("GET", "/reportruns/reportdata/x?offset=-1&pageSize=1"))).status).toBe(400);
    const big = request(
      "POST",
      "/oauth/token",
      { "content-type": "application/x-www-form-urlencoded" },
      "x".repeat(17),
    );
    expect(sent(await respond(big)).status).toBe(413);
    expect(sent(await respond(request("POST", "/oauth/token", { "content-length": "17" }))).status).toBe(413);
  });

  it("asks Prism for a Prefer example only when it has one; refuses it with a reason otherwise", async () => {
    const answer = sent(await respond(request("GET", `/reportruns/${SEED_ID}`, { prefer: "example=started" })));
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(/answers no Prefer examples/);
  });

  it("streams an export as the spec's media type", async () => {
    const run = sent(await respond(request("POST", "/reports/r/reportrun?viewType=Summary")));
    const id = run.json.response.reportRunId;
    for (let poll = 0; poll < 4; poll++) {
      await respond(request("GET", `/reportruns/${id}`));
    }
    const exported = await respond(request("GET", `/reportruns/export/${id}`));
    expect(exported).toMatchObject({
      kind: "stream",
      status: 200,
      headers: { "Content-Type": "text/csv;charset=utf-16" },
    });
  });
});

/** A sleep the test holds: each call is recorded, and resolves only when the test releases it. */
function heldSleep() {
  const calls: { ms: number; release: () => void }[] = [];
  const waiting: ((count: number) => void)[] = [];
  return {
    calls,
    sleep: (ms: number) =>
      new Promise<void>((release) => {
        calls.push({ ms, release });
        for (const wake of waiting.splice(0)) {
          wake(calls.length);
        }
      }),
    /** Resolves once `count` sleeps have begun: an event, not a timer. */
    began: (count: number) =>
      new Promise<void>((resolve) => {
        const check = (seen: number) => (seen >= count ? resolve() : waiting.push(check));
        check(calls.length);
      }),
  };
}

describe("latency", () => {
  it("holds an operation's answer until its delay is over; other operations go by the default", async () => {
    const held = heldSleep();
    const respond = responder({ latency: "5,getReportRun=200", sleep: held.sleep });
    let answered = false;
    const pending = respond(request("GET", `/reportruns/${SEED_ID}`)).then((r) => {
      answered = true;
      return r;
    });
    await held.began(1);
    expect(held.calls.map((c) => c.ms)).toEqual([200]);
    await Promise.resolve();
    expect(answered).toBe(false);
    held.calls[0]?.release();
    expect(sent(await pending).status).toBe(200);
    const other = respond(request("POST", "/reports/r/reportrun?viewType=Detail"));
    await held.began(2);
    expect(held.calls[1]?.ms).toBe(5);
    held.calls[1]?.release();
    expect(sent(await other).status).toBe(200);
  });

  it("is not taken by an operation it does not name, nor by paths that are no operation", async () => {
    const held = heldSleep();
    const respond = responder({ latency: "getReportRun=200", sleep: held.sleep });
    expect(sent(await respond(request("POST", "/reports/r/reportrun?viewType=Detail"))).status).toBe(200);
    expect(sent(await respond(request("GET", "/nowhere"))).status).toBe(404);
    expect(held.calls).toEqual([]);
  });

  it("spreads an export's body over its chunks: a pause after each, the whole body ms in all", async () => {
    const pauses: number[] = [];
    const respond = responder({ latencyBody: 600, rows: 1000, sleep: async (ms) => void pauses.push(ms) });
    const run = sent(await respond(request("POST", "/reports/r/reportrun?viewType=Detail")));
    const id = run.json.response.reportRunId;
    for (let poll = 0; poll < 4; poll++) {
      await respond(request("GET", `/reportruns/${id}`));
    }
    const exported = await respond(request("GET", `/reportruns/export/${id}`));
    if (exported.kind !== "stream") {
      throw new Error(`expected a stream, got ${exported.kind}`);
    }
    expect(pauses).toEqual([]); // nothing waits before the headers
    const chunks: Uint8Array[] = [];
    for await (const chunk of exported.chunks) {
      chunks.push(chunk);
    }
    // The header, then 1000 rows in chunks of 500.
    expect(chunks).toHaveLength(3);
    expect(pauses).toEqual([200, 200, 200]);
  });
});

describe("counts across the control's changes", () => {
  /** A responder and the control over it, as startMock() wires them. */
  function controlled(options: Parameters<typeof resolveSettings>[0]) {
    const start = { pace: "poll" as const, ...options };
    const settings = resolveSettings(start, conformance);
    const simulation = createSimulation(conformance, settings);
    const serving = { host: "127.0.0.1", port: 4010, mode: "simulation" as const, logLevel: "warn" as const };
    const control = createControl({ conformance, simulation, settings, options: start, serving });
    const respond = createResponder({
      conformance,
      facts: readFacts(conformance, "exportReportRun"),
      settings,
      simulation,
      examples: false,
      maxBodyBytes: 16,
      logError: (line) => {
        throw new Error(line);
      },
      onControl: control.onChange,
    });
    const get = async () => sent(await respond(request("GET", `/reportruns/${SEED_ID}`)));
    return { control, get };
  }

  it("a change of latency, rows or pace leaves the rate-limit window counting; a new limit starts it afresh", async () => {
    const { control, get } = controlled({ rateLimit: { limit: 5 } });
    expect((await get()).headers["RateLimit-Remaining"]).toBe("4");
    control.configure({ latency: 0, rows: 10, pace: 1000 });
    expect((await get()).headers["RateLimit-Remaining"]).toBe("3");
    control.configure({ rateLimit: { limit: 10 } });
    expect((await get()).headers["RateLimit-Remaining"]).toBe("9");
    control.reset();
    expect((await get()).headers["RateLimit-Remaining"]).toBe("9");
  });

  it("a change of anything but the faults leaves the fault plan where it was", async () => {
    // Every other request is a 500: the 2nd, the 4th…
    const { control, get } = controlled({ faults: { rate: 0.5, kinds: ["500"] } });
    expect((await get()).status).toBe(200);
    control.configure({ latency: 0 });
    expect((await get()).status).toBe(500);
    expect((await get()).status).toBe(200);
    control.configure({ faults: { rate: 0.5 } }); // the same faults: nothing starts afresh
    expect((await get()).status).toBe(500);
    control.configure({ faults: { rate: 1 } });
    expect((await get()).status).toBe(500);
  });

  it("null puts the tenant back to one generous window, and that window starts afresh", async () => {
    const { control, get } = controlled({ tenant: "api-sandbox" });
    expect((await get()).headers["RateLimit-Limit"]).toBe("2500, 2500;w=60, 5000;w=3600, 10000;w=86400");
    control.configure({ tenant: null });
    expect((await get()).headers).toMatchObject({
      "RateLimit-Limit": "50000, 50000;w=60",
      "RateLimit-Remaining": "49999",
    });
  });
});
