// The control behind /__admin/ and startMock()'s handle: reset, the runs, a run's status, the knobs while running.
import { loadConformance, seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { type ControlChange, createControl, MockControlError } from "../src/control.js";
import { defaultSpecPath, KNOBS } from "../src/index.js";
import { resolveSettings, type SimulationOptions } from "../src/settings.js";
import { createSimulation } from "../src/simulation/engine.js";
import { rowSet } from "../src/simulation/rows.js";
import { manualClock } from "./support/http.js";

const conformance = loadConformance(defaultSpecPath);
const ROWS = rowSet({ columns: ["A"], rows: [{ A: "x" }] }, "seed", 1);

function controlled(options: SimulationOptions = {}) {
  const clock = manualClock();
  const start = { pace: 1000, now: clock.now, ...options };
  const settings = resolveSettings(start, conformance);
  const simulation = createSimulation(conformance, settings);
  const serving = { host: "127.0.0.1", port: 4010, mode: "simulation" as const, logLevel: "warn" as const };
  const control = createControl({ conformance, simulation, settings, options: start, serving });
  const changes: ControlChange[] = [];
  control.onChange((change) => changes.push(change));
  const start1 = (reportId = "r1") =>
    simulation.runs.create(reportId, "Detail", simulation.scenarios.of(reportId), ROWS);
  return { clock, settings, simulation, control, changes, startRun: start1 };
}

function refusal(action: () => unknown): { status: number; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof MockControlError) {
      return { status: error.status, message: error.message };
    }
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("runs() and reset()", () => {
  it("lists the runs started, with their status now, ISO times, oldest first; not the published ones", () => {
    const { clock, control, startRun } = controlled();
    expect(control.runs()).toEqual([]);
    const a = startRun("r1");
    clock.advance(1500);
    const b = startRun("mock-never-ends");
    expect(control.runs()).toEqual([
      {
        id: a.id,
        reportId: "r1",
        viewType: "Detail",
        status: "QUERYDATA",
        createdOn: new Date(a.createdAt).toISOString(),
        updatedOn: new Date(a.createdAt + 1000).toISOString(),
      },
      expect.objectContaining({ id: b.id, reportId: "mock-never-ends", status: "STARTED" }),
    ]);
  });

  it("reset forgets runs and tokens, tells its listeners; the published run stays", () => {
    const { control, simulation, changes, startRun } = controlled();
    const run = startRun();
    const { token } = simulation.tokens.issue("client");
    control.reset();
    expect(control.runs()).toEqual([]);
    expect(simulation.runs.get(run.id)).toBeUndefined();
    expect(simulation.tokens.check(token)).toEqual({ kind: "foreign" });
    expect(simulation.runs.get(seedRun().reportRunId)).toBeDefined();
    expect(changes).toEqual(["reset"]);
  });
});

describe("setStatus()", () => {
  it("puts a run in a later status now and returns it", () => {
    const { control, simulation, startRun } = controlled();
    const run = startRun();
    expect(control.setStatus(run.id, "COMPLETED")).toMatchObject({ id: run.id, status: "COMPLETED" });
    expect(simulation.runs.state(run).status).toBe("COMPLETED");
    expect(control.setStatus(run.id, "COMPLETED").status).toBe("COMPLETED");
  });

  it("refuses, saying why: backwards, out of an end, an unknown status, a published run (400); an unknown run (404)", () => {
    const { clock, control, startRun } = controlled();
    const run = startRun();
    clock.advance(2000);
    expect(refusal(() => control.setStatus(run.id, "QUERYDATA"))).toEqual({
      status: 400,
      message: `Report run ${run.id} cannot become QUERYDATA: QUERYDATA comes before its status PROCESSINGDATA (runs only move forward).`,
    });
    expect(refusal(() => control.setStatus(run.id, "DONE"))).toEqual({
      status: 400,
      message:
        'Unknown status "DONE": a report run is one of STARTED, QUERYDATA, PROCESSINGDATA, COMPLETED, CANCELLED, INVALID, ERROR.',
    });
    control.setStatus(run.id, "ERROR");
    expect(refusal(() => control.setStatus(run.id, "COMPLETED")).message).toBe(
      `Report run ${run.id} cannot become COMPLETED: it has already finished with status ERROR.`,
    );
    expect(refusal(() => control.setStatus("nope", "COMPLETED"))).toEqual({
      status: 404,
      message: "No report run with ID nope: it was never started here, or the mock was reset.",
    });
    expect(refusal(() => control.setStatus(seedRun().reportRunId, "ERROR")).status).toBe(400);
  });
});

describe("settings() and configure()", () => {
  it("shows every knob of KNOBS, shaped as startMock() takes them", () => {
    const { control } = controlled({ latency: "getReportRun=200" });
    const settings = control.settings();
    expect(settings).toMatchObject({
      port: 4010,
      pace: 1000,
      rateLimit: { limit: 50000, windowSeconds: 60 },
      faults: { rate: 0, kinds: ["500", "429", "drop"] },
      latency: "getReportRun=200",
      latencyBody: 0,
    });
    // Every knob is shown, but those left unset (no tenant type, no replay folder).
    const unset = ["tenant", "replay"];
    for (const knob of KNOBS) {
      const [first, second] = knob.option.split(".") as [string, string | undefined];
      const value = second === undefined ? settings[first] : (settings[first] as Record<string, unknown>)[second];
      expect(value === undefined, knob.option).toBe(unset.includes(knob.option));
    }
    expect(controlled({ tenant: "api-sandbox" }).control.settings()).toMatchObject({ tenant: "api-sandbox" });
  });

  it("changes knobs live, all at once, tells its listeners, and shows the new values", () => {
    const { control, settings, changes } = controlled();
    const after = control.configure({ pace: "poll", rateLimit: { limit: 5 }, latency: "50-100", tokenTtlSeconds: 60 });
    expect(after).toMatchObject({ pace: "poll", rateLimit: { limit: 5, windowSeconds: 60 }, latency: "50-100" });
    expect(settings.pace).toEqual({ kind: "poll" });
    expect(settings.rateLimit.limit).toBe(5);
    expect(settings.latency?.default).toEqual({ min: 50, max: 100 });
    expect(changes).toEqual(["settings"]);
    // Back to none: the old latency does not linger.
    control.configure({ latency: 0 });
    expect(settings.latency).toBeUndefined();
  });

  it("a new pace goes on from each run's status", () => {
    const { clock, control, simulation, startRun } = controlled();
    const run = startRun();
    clock.advance(1000);
    control.configure({ pace: 3_600_000 });
    clock.advance(10_000);
    expect(simulation.runs.state(run).status).toBe("QUERYDATA");
  });

  it("new tokens live as long as the new lifetime says", () => {
    const { clock, control, simulation } = controlled();
    control.configure({ tokenTtlSeconds: 1 });
    const { token, expiresIn } = simulation.tokens.issue("c");
    expect(expiresIn).toBe(1);
    clock.advance(1000);
    expect(simulation.tokens.check(token)).toEqual({ kind: "expired" });
  });

  it("refuses a bad value with the knob's own reason, and changes nothing", () => {
    const { control, settings } = controlled();
    expect(refusal(() => control.configure({ rows: 10, pace: -5 }))).toEqual({
      status: 400,
      message: "pace must be poll or a whole number of milliseconds ≥ 1, not -5.",
    });
    expect(settings.rows).toBe(2500);
    expect(refusal(() => control.configure({ latency: "getReportRuns=1" })).message).toMatch(
      /^latency names no operation of the document: getReportRuns \(it has .*runReport, getReportRun/,
    );
    expect(refusal(() => control.configure({ faults: { kinds: ["boom"] } } as never)).message).toBe(
      'faults.kinds must be some of 500, 429, drop (comma-separated), not ["boom"].',
    );
  });

  it("null puts a knob back to its default; a knob fixed at start takes null only where it is unset", () => {
    const { control, settings } = controlled({ tenant: "api-sandbox", latency: 200, rows: 7 });
    const after = control.configure({ tenant: null, latency: null, rows: null, replay: null } as never);
    expect(settings.tenant).toBeUndefined();
    expect(settings.rateWindows).toEqual([{ limit: 50_000, seconds: 60 }]);
    expect(settings.latency).toBeUndefined();
    expect(settings.rows).toBe(2500);
    expect(after).not.toHaveProperty("tenant");
    expect(after).toMatchObject({ rows: 2500, latency: 0 });
    expect(refusal(() => control.configure({ port: null } as never)).message).toBe(
      "port cannot change while the mock runs; start it with MOCK_PORT.",
    );
  });

  it("refuses unknown settings and knobs fixed at start, but takes their current value", () => {
    const { control } = controlled();
    expect(refusal(() => control.configure({ pase: 1 })).message).toMatch(
      /^Unknown setting pase; the settings are port, /,
    );
    expect(refusal(() => control.configure({ rateLimit: { max: 1 } })).message).toMatch(
      /^Unknown setting rateLimit.max;/,
    );
    expect(refusal(() => control.configure({ port: 1 })).message).toBe(
      "port cannot change while the mock runs; start it with MOCK_PORT.",
    );
    expect(refusal(() => control.configure([] as never)).message).toMatch(/must be a JSON object/);
    // What settings() shows can be sent back as it is.
    expect(control.configure(control.settings())).toEqual(control.settings());
  });

  it("every knob's shown value reads back as itself, each knob set away from its default", () => {
    const { control } = controlled({
      pace: "poll",
      rows: 7,
      rateLimit: { limit: 5, windowSeconds: 10 },
      tokenTtlSeconds: 60,
      faults: { rate: 0.25, kinds: ["429", "drop"] },
      latency: "20,getReportRun=50-100",
      latencyBody: "200-800",
      tenant: "developer-sandbox",
    });
    const shown = control.settings();
    for (const knob of KNOBS.filter((k) => !k.startOnly)) {
      expect([knob.option, knob.get(shown)]).not.toEqual([knob.option, undefined]);
    }
    expect(control.configure(shown)).toEqual(shown);
  });
});
