import { seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/exit-codes.js";
import { parseChoice, parseHeader, parseId, parseInteger, parseSeconds } from "../src/validate.js";

describe("command-line values", () => {
  it("accepts ids of the spec's pattern and rejects the rest", () => {
    const { reportRunId } = seedRun();
    expect(parseId(` ${reportRunId} `, "reportRunId")).toBe(reportRunId);
    expect(() => parseId("", "reportRunId")).toThrow("reportRunId is empty.");
    expect(() => parseId("../etc", "reportRunId")).toThrow(/is not an id/);
    expect(() => parseId("a".repeat(65), "reportId")).toThrow(/reportId "a{40}…" is not an id/);
  });

  it("parses whole numbers in range", () => {
    expect(parseInteger("250", "--page-size", 1, 1000)).toBe(250);
    for (const bad of ["0", "-5", "1.5", "abc", "", "1e3", "1001"]) {
      expect(() => parseInteger(bad, "--page-size", 1, 1000)).toThrow(UsageError);
    }
  });

  it("parses seconds into milliseconds", () => {
    expect(parseSeconds("1.5", "--timeout")).toBe(1500);
    for (const bad of ["0", "-1", "soon", "", "Infinity"]) {
      expect(() => parseSeconds(bad, "--timeout")).toThrow(/--timeout must be a number of seconds above 0/);
    }
  });

  it("matches choices case-insensitively and returns the canonical spelling", () => {
    expect(parseChoice("summary", "--view", ["Detail", "Summary"])).toBe("Summary");
    expect(() => parseChoice("Pivot", "--view", ["Detail", "Summary"])).toThrow(
      '--view must be one of Detail, Summary, not "Pivot".',
    );
  });

  it("splits headers at the first colon and never echoes a rejected value", () => {
    expect(parseHeader("Prefer: example=started")).toEqual(["Prefer", "example=started"]);
    expect(parseHeader("X-Url:http://a:b")).toEqual(["X-Url", "http://a:b"]);
    let message = "";
    try {
      parseHeader("Authorization Bearer s3cr3t-value");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/expects "Name: value"/);
    expect(message).not.toContain("s3cr3t");
  });
});
