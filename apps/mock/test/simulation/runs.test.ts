import { loadConformance } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../../src/index.js";
import { rowSet } from "../../src/simulation/rows.js";
import { type Pace, RunStore } from "../../src/simulation/runs.js";
import { readScenarios, type Scenario } from "../../src/simulation/scenarios.js";
import { manualClock } from "../support/http.js";

const COMPLETES: Scenario = {
  summary: "completes",
  statuses: ["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED"],
  exists: true,
};
const NEVER_ENDS: Scenario = {
  summary: "never ends",
  statuses: ["STARTED", "QUERYDATA", "PROCESSINGDATA"],
  exists: true,
};
const scenarios = readScenarios(loadConformance(defaultSpecPath));
const ROWS = rowSet({ columns: ["A"], rows: [{ A: "x" }] }, "seed", 1);

function store(pace: Pace) {
  const clock = manualClock();
  return { clock, runs: new RunStore({ pace, now: clock.now, running: scenarios.running }) };
}

describe("RunStore, paced by time", () => {
  it("moves a run one status per step and keeps updatedOn at the step's start", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    const seen = [];
    for (let i = 0; i < 5; i++) {
      seen.push(runs.state(run));
      clock.advance(1000);
    }
    expect(seen.map((s) => s.status)).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED", "COMPLETED"]);
    expect(seen.map((s) => Number(s.updatedOn) - Number(run.startedOn))).toEqual([0, 1000, 2000, 3000, 3000]);
  });

  it("ids are 32 hex digits and new per run", () => {
    const { runs } = store({ kind: "time", stepMs: 1000 });
    const a = runs.create("r1", "Detail", COMPLETES, ROWS);
    const b = runs.create("r1", "Detail", COMPLETES, ROWS);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(b.id).not.toBe(a.id);
    expect(runs.get(a.id)).toBe(a);
    expect(runs.get("nope")).toBeUndefined();
  });
});

describe("RunStore, paced by polls", () => {
  it("shows the first status at the first poll and one more per poll; other reads do not move it", () => {
    const { runs } = store({ kind: "poll" });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    expect(runs.state(run).status).toBe("STARTED");
    const polled = [1, 2, 3, 4, 5].map(() => runs.state(run, { poll: true }).status);
    expect(polled).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED", "COMPLETED"]);
  });

  it("stamps updatedOn with the clock of the poll that moved the run", () => {
    const { clock, runs } = store({ kind: "poll" });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    runs.state(run, { poll: true });
    clock.advance(5000);
    expect(runs.state(run, { poll: true })).toEqual({ status: "QUERYDATA", updatedOn: Number(run.startedOn) + 5000 });
  });
});

describe("RunStore.cancel", () => {
  it("cancels a running run for good, then says it already was", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    clock.advance(1500);
    expect(runs.cancel(run)).toEqual({ kind: "canceled" });
    clock.advance(60_000);
    expect(runs.state(run)).toEqual({ status: "CANCELLED", updatedOn: Number(run.startedOn) + 1500 });
    expect(runs.cancel(run)).toEqual({ kind: "alreadyCanceled" });
  });

  it("leaves a finished run as it is", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    clock.advance(3000);
    expect(runs.cancel(run)).toEqual({ kind: "finished", status: "COMPLETED" });
    expect(runs.state(run).status).toBe("COMPLETED");
  });

  it("a run that never ends stays at its last status until cancelled", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", NEVER_ENDS, ROWS);
    clock.advance(86_400_000);
    expect(runs.state(run).status).toBe("PROCESSINGDATA");
    expect(runs.cancel(run).kind).toBe("canceled");
  });
});

describe("RunStore.latestCompleted", () => {
  it("is the report's run that completed last, published runs included", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    runs.addPublished(
      { id: "old", reportId: "r1", reportType: "Detail", startedOn: 1, status: "COMPLETED", updatedOn: 2 },
      COMPLETES,
      ROWS,
    );
    expect(runs.latestCompleted("r1")?.id).toBe("old");
    const first = runs.create("r1", "Detail", COMPLETES, ROWS);
    clock.advance(500);
    const second = runs.create("r1", "Summary", COMPLETES, ROWS);
    runs.create("r2", "Detail", COMPLETES, ROWS);
    expect(runs.latestCompleted("r1")?.id).toBe("old");
    clock.advance(2600);
    expect(runs.latestCompleted("r1")?.id).toBe(first.id);
    clock.advance(1000);
    expect(runs.latestCompleted("r1")?.id).toBe(second.id);
    expect(runs.latestCompleted("r3")).toBeUndefined();
  });
});

describe("RunStore idempotency keys", () => {
  it("find the run a key started, per credential", () => {
    const { runs } = store({ kind: "poll" });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    runs.remember("token:a", "key-1", run);
    expect(runs.byIdempotencyKey("token:a", "key-1")).toBe(run);
    expect(runs.byIdempotencyKey("token:b", "key-1")).toBeUndefined();
    expect(runs.byIdempotencyKey("token:a", "key-2")).toBeUndefined();
  });
});
