import { describe, expect, it } from "vitest";
import { FaultPlan } from "../../src/simulation/faults.js";

const take = (plan: FaultPlan, n: number) => Array.from({ length: n }, () => plan.next() ?? "-");

describe("FaultPlan", () => {
  it("fails the given share of requests, evenly, the kinds taking turns", () => {
    expect(take(new FaultPlan(0.5, ["500", "429", "drop"]), 8)).toEqual([
      "-",
      "500",
      "-",
      "429",
      "-",
      "drop",
      "-",
      "500",
    ]);
    expect(take(new FaultPlan(0.25, ["500"]), 8)).toEqual(["-", "-", "-", "500", "-", "-", "-", "500"]);
  });

  it("fails nothing at rate 0 and everything at rate 1", () => {
    expect(take(new FaultPlan(0, ["500"]), 5)).toEqual(["-", "-", "-", "-", "-"]);
    expect(take(new FaultPlan(1, ["drop"]), 3)).toEqual(["drop", "drop", "drop"]);
  });
});
