// The document model: operations, parameters, responses, examples, headers, security; readable load errors.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledDocumentPath, exampleOf, loadConformance } from "../src/index.js";

const spec = loadConformance(bundledDocumentPath());

describe("loadConformance", () => {
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
        "searchReports",
      ].sort(),
    );
    const data = spec.operation("getReportData");
    expect(data.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["path:reportRunId", "query:offset", "query:pageSize", "header:Zuora-Track-Id"]),
    );
    expect(data.responses.get("200")?.headers.has("ratelimit-remaining")).toBe(true);
    expect(exampleOf(spec.operation("getReportRun"), 400, "unknownId").extensions["x-mock-message"]).toContain(
      "{reportRunId}",
    );
    expect(spec.operation("createToken").secured).toBe(false);
    expect(spec.operation("getReportRun").secured).toBe(true);
  });

  it("says clearly when the file is missing or is not an OpenAPI document", async () => {
    expect(() => loadConformance("/nonexistent/openapi.json")).toThrow(
      /^Cannot read the OpenAPI document \/nonexistent/,
    );
    const file = join(await mkdtemp(join(tmpdir(), "mock-spec-")), "x.json");
    await writeFile(file, "{}");
    expect(() => loadConformance(file)).toThrow(/is not an OpenAPI document: it has no "paths"/);
  });
});
