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

const ERRORS: Scenario = { summary: "errors", statuses: ["STARTED", "QUERYDATA", "ERROR"], exists: true };

describe("RunStore, moved by the control API (moveTo)", () => {
  it("puts a run in a later status now; a running status leads on to the end its scenario had", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", ERRORS, ROWS);
    clock.advance(10);
    expect(runs.moveTo(run, "PROCESSINGDATA")).toEqual({ kind: "moved" });
    expect(runs.state(run)).toEqual({ status: "PROCESSINGDATA", updatedOn: Number(run.startedOn) + 10 });
    // One step later (counted from the move), it ends as its scenario ends.
    clock.advance(999);
    expect(runs.state(run).status).toBe("PROCESSINGDATA");
    clock.advance(1);
    expect(runs.state(run)).toEqual({ status: "ERROR", updatedOn: Number(run.startedOn) + 1010 });
  });

  it("ends a run in any end at once, and keeps it there", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    expect(runs.moveTo(run, "ERROR")).toEqual({ kind: "moved" });
    clock.advance(60_000);
    expect(runs.state(run).status).toBe("ERROR");
    expect(runs.cancel(run)).toEqual({ kind: "finished", status: "ERROR" });
  });

  it("refuses a move backwards or out of an end, and leaves the status it already has as it is", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    clock.advance(1000);
    expect(runs.moveTo(run, "STARTED")).toEqual({
      kind: "refused",
      reason: "STARTED comes before its status QUERYDATA (runs only move forward)",
    });
    expect(runs.moveTo(run, "QUERYDATA")).toEqual({ kind: "same" });
    runs.moveTo(run, "COMPLETED");
    expect(runs.moveTo(run, "CANCELLED")).toEqual({
      kind: "refused",
      reason: "it has already finished with status COMPLETED",
    });
  });

  it("with poll pace, the next poll sees the status set, the one after moves on", () => {
    const { runs } = store({ kind: "poll" });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    runs.state(run, { poll: true });
    runs.moveTo(run, "QUERYDATA");
    expect([1, 2].map(() => runs.state(run, { poll: true }).status)).toEqual(["QUERYDATA", "PROCESSINGDATA"]);
  });
});

describe("RunStore.setPace and reset", () => {
  it("a new pace goes on from where each run is: nothing moves back", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    clock.advance(2000);
    runs.setPace({ kind: "time", stepMs: 60_000 });
    expect(runs.state(run).status).toBe("PROCESSINGDATA");
    clock.advance(59_999);
    expect(runs.state(run).status).toBe("PROCESSINGDATA");
    clock.advance(1);
    expect(runs.state(run).status).toBe("COMPLETED");
  });

  it("from time to polls: the next poll sees where the run is", () => {
    const { clock, runs } = store({ kind: "time", stepMs: 1000 });
    const run = runs.create("r1", "Detail", COMPLETES, ROWS);
    clock.advance(1000);
    runs.setPace({ kind: "poll" });
    clock.advance(10_000);
    expect([1, 2].map(() => runs.state(run, { poll: true }).status)).toEqual(["QUERYDATA", "PROCESSINGDATA"]);
  });

  it("reset forgets started runs and idempotency keys, and lists none; published runs stay", () => {
    const { runs } = store({ kind: "poll" });
    runs.addPublished(
      { id: "p1", reportId: "r", reportType: "Detail", startedOn: 1, status: "COMPLETED", updatedOn: 2 },
      COMPLETES,
      ROWS,
    );
    const run = runs.create("r1", "Detail", NEVER_ENDS, ROWS);
    runs.remember("client:a", "key-1", run);
    expect(runs.started().map((r) => r.id)).toEqual([run.id]);
    runs.reset();
    expect(runs.started()).toEqual([]);
    expect(runs.get(run.id)).toBeUndefined();
    expect(runs.byIdempotencyKey("client:a", "key-1")).toBeUndefined();
    expect(runs.get("p1")?.published).toBeTruthy();
  });
});
