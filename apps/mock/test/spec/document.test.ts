import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../../src/index.js";
import { readScenarios } from "../../src/simulation/scenarios.js";
import { exampleOf, loadSpec } from "../../src/spec/document.js";

const spec = loadSpec(defaultSpecPath);

describe("loadSpec", () => {
  it("indexes every operation with its parameters, responses, examples and headers, $refs followed", () => {
    expect(spec.operations.map((op) => op.operationId).sort()).toEqual(
      [
        "cancelReportRun",
        "createToken",
        "exportReportRun",
        "getLastCompletedReportRun",
        "getReportData",
        "getReportRun",
        "runReport",
      ].sort(),
    );
    const data = spec.operation("getReportData");
    expect(data.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["path:reportRunId", "query:offset", "query:pageSize", "header:Zuora-Track-Id"]),
    );
    expect(data.responses.get(200)?.headers.has("ratelimit-remaining")).toBe(true);
    expect(exampleOf(spec, "getReportRun", 400, "unknownId").extensions["x-mock-message"]).toContain("{reportRunId}");
    expect(spec.operation("createToken").secured).toBe(false);
    expect(spec.operation("getReportRun").secured).toBe(true);
  });

  it("says clearly when the file is missing or is not an OpenAPI document", async () => {
    expect(() => loadSpec("/nonexistent/openapi.json")).toThrow(/^Cannot read the OpenAPI document \/nonexistent/);
    const file = join(await mkdtemp(join(tmpdir(), "mock-spec-")), "x.json");
    await writeFile(file, "{}");
    expect(() => loadSpec(file)).toThrow(/is not an OpenAPI document: it has no "paths"/);
  });
});

describe("readScenarios", () => {
  it("reads the document's scenarios", () => {
    const scenarios = readScenarios(spec);
    expect(scenarios.of("mock-error").statuses.at(-1)).toBe("ERROR");
    expect(scenarios.of("mock-unknown").exists).toBe(false);
    expect(scenarios.of("any-report")).toBe(scenarios.default);
    expect(scenarios.default.statuses).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED"]);
    expect(scenarios.rowTemplates.Detail).toEqual({ operationId: "getReportData", example: "invoices" });
  });
});
