import { loadConformance } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../../src/index.js";
import { readScenarios } from "../../src/simulation/scenarios.js";

const spec = loadConformance(defaultSpecPath);

describe("readScenarios", () => {
  it("reads the document's scenarios", () => {
    const scenarios = readScenarios(spec);
    expect(scenarios.of("mock-error").statuses.at(-1)).toBe("ERROR");
    expect(scenarios.of("mock-unknown").exists).toBe(false);
    expect(scenarios.of("any-report")).toBe(scenarios.default);
    expect(scenarios.default.statuses).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED"]);
    expect(scenarios.running).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA"]);
    expect(scenarios.rowTemplates.Detail).toEqual({ operationId: "getReportData", example: "invoices" });
  });
});
