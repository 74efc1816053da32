// MOCK_LATENCY / MOCK_LATENCY_BODY: read, refused with a reason, written back the same way, drawn in range.
import { describe, expect, it } from "vitest";
import {
  bodyLatencyText,
  draw,
  latencyOf,
  latencyText,
  parseBodyLatency,
  parseLatency,
  refuseBodyLatency,
  refuseLatency,
} from "../../src/simulation/latency.js";

describe("parseLatency", () => {
  it("reads milliseconds, a range, and per-operation entries with an optional default", () => {
    expect(parseLatency(200)).toEqual({ default: { min: 200, max: 200 }, byOperation: new Map() });
    expect(parseLatency("50-100")).toEqual({ default: { min: 50, max: 100 }, byOperation: new Map() });
    const mixed = parseLatency("10, getReportRun=200,exportReportRun=50-100");
    expect(mixed).toEqual({
      default: { min: 10, max: 10 },
      byOperation: new Map([
        ["getReportRun", { min: 200, max: 200 }],
        ["exportReportRun", { min: 50, max: 100 }],
      ]),
    });
    expect(parseLatency("getReportRun=200")).toEqual({
      byOperation: new Map([["getReportRun", { min: 200, max: 200 }]]),
    });
  });

  it("is no latency at all for 0", () => {
    expect(parseLatency(0)).toBeUndefined();
    expect(parseLatency("0-0,getReportRun=0")).toBeUndefined();
  });

  it("refuses what it cannot read, saying what", () => {
    expect(parseLatency("fast")).toEqual({ refused: '"fast" is not milliseconds or <min>-<max>' });
    expect(parseLatency("100-50")).toEqual({ refused: "100-50 runs backwards (min first)" });
    expect(parseLatency("700000")).toEqual({ refused: "700000 ms is more than 600000" });
    expect(parseLatency("1,2")).toEqual({ refused: "has more than one entry without an operation id" });
    expect(parseLatency("a=1,a=2")).toEqual({ refused: "names a twice" });
    expect(parseLatency("get report=1")).toEqual({ refused: '"get report" is not an operation id' });
  });
});

describe("the knobs' checks and texts", () => {
  it("refuseLatency takes whole milliseconds and the text forms, and gives the reason", () => {
    expect(refuseLatency(200)).toBeUndefined();
    expect(refuseLatency("getReportRun=200")).toBeUndefined();
    expect(refuseLatency(-1)).toMatch(/^must be milliseconds/);
    expect(refuseLatency(1.5)).toMatch(/^must be milliseconds/);
    expect(refuseLatency("100-50")).toMatch(/\(100-50 runs backwards \(min first\)\)$/);
  });

  it("refuseBodyLatency takes milliseconds or a range only", () => {
    expect(refuseBodyLatency(500)).toBeUndefined();
    expect(refuseBodyLatency("200-800")).toBeUndefined();
    expect(refuseBodyLatency("getReportRun=1")).toMatch(/must be milliseconds or <min>-<max>/);
    expect(refuseBodyLatency(-5)).toMatch(/must be milliseconds/);
  });

  it("writes a latency back as the variable reads it", () => {
    for (const text of ["0", "200", "50-100", "10,getReportRun=200,exportReportRun=50-100"]) {
      const parsed = parseLatency(text);
      expect(latencyText(parsed && "refused" in parsed ? undefined : parsed)).toBe(text);
    }
    expect(bodyLatencyText(parseBodyLatency("200-800"))).toBe("200-800");
    expect(bodyLatencyText(parseBodyLatency(0))).toBe("0");
  });
});

describe("latencyOf and draw", () => {
  it("an operation's own entry wins over the default", () => {
    const latency = parseLatency("10,getReportRun=200");
    if (!latency || "refused" in latency) {
      throw new Error("expected a latency");
    }
    expect(latencyOf(latency, "getReportRun")).toEqual({ min: 200, max: 200 });
    expect(latencyOf(latency, "runReport")).toEqual({ min: 10, max: 10 });
  });

  it("draws whole milliseconds uniformly from min to max, both included", () => {
    expect(draw({ min: 50, max: 100 }, () => 0)).toBe(50);
    expect(draw({ min: 50, max: 100 }, () => 0.999_999)).toBe(100);
    expect(draw({ min: 50, max: 100 }, () => 0.5)).toBe(75);
    expect(draw({ min: 200, max: 200 })).toBe(200);
  });
});
