import { describe, expect, it } from "vitest";
import { classifyChanges, highestLevel } from "../src/index.js";
import { changed, operation, released, schema } from "./support.js";

describe("classifyChanges: the rehearsed changes", () => {
  it("reports nothing for the unchanged contract", () => {
    expect(classifyChanges(released, structuredClone(released))).toEqual([]);
  });

  it("calls a removed response field breaking, once per operation that returns it", () => {
    const after = changed((doc) => {
      const run = schema(doc, "ReportRun");
      delete run.properties.updatedOn;
      run.required = run.required?.filter((name) => name !== "updatedOn");
    });
    const changes = classifyChanges(released, after);
    expect(changes.map((change) => `${change.level}: ${change.sentence}`)).toEqual([
      "breaking: response field `response.updatedOn` of Get Report Run (200) removed",
      "breaking: response field `response.updatedOn` of Get Last Completed Report Run (200) removed",
    ]);
    expect(changes[0]?.path).toBe(
      "$.paths['/reportruns/{reportRunId}'].get.responses['200'].content['application/json'].schema.properties.response.properties.updatedOn",
    );
  });

  it("calls a response field that is no longer required breaking", () => {
    const after = changed((doc) => {
      const run = schema(doc, "ReportRun");
      run.required = run.required?.filter((name) => name !== "reportType");
    });
    expect(classifyChanges(released, after).map((change) => [change.level, change.sentence])).toContainEqual([
      "breaking",
      "response field `response.reportType` of Get Report Run (200) no longer always present",
    ]);
  });

  it("calls a new required query parameter breaking, naming it", () => {
    const after = changed((doc) => {
      const op = operation(doc, "/reportruns/{reportRunId}", "get");
      op.parameters = [
        ...(op.parameters ?? []),
        { name: "tenant", in: "query", required: true, schema: { type: "string" } },
      ];
    });
    expect(classifyChanges(released, after).map((change) => [change.level, change.sentence])).toEqual([
      ["breaking", "required query parameter `tenant` of Get Report Run added"],
    ]);
  });

  it("calls a narrowed enum breaking, naming the value", () => {
    const after = changed((doc) => {
      const status = schema(doc, "ReportRunStatus") as unknown as { enum: string[] };
      status.enum = status.enum.filter((value) => value !== "ERROR");
    });
    const changes = classifyChanges(released, after);
    expect(highestLevel(changes)).toBe("breaking");
    expect(changes[0]?.sentence).toBe(
      "values of response field `response.status` of Get Report Run (200): `ERROR` removed",
    );
  });

  it("calls a new optional response field non-breaking", () => {
    const after = changed((doc) => {
      schema(doc, "ReportRun").properties.archivedOn = { type: "string" };
    });
    const changes = classifyChanges(released, after);
    expect(highestLevel(changes)).toBe("non-breaking");
    expect(changes.map((change) => change.sentence)).toContain(
      "response field `response.archivedOn` of Get Report Run (200) added",
    );
  });

  it("calls a new operation non-breaking", () => {
    const after = changed((doc) => {
      // Zuora's Transfer Report Ownership, an operation the released contract does not have.
      doc.paths["/reports/transfer-ownership"] = {
        post: {
          operationId: "transferReportOwnership",
          summary: "Transfer Report Ownership",
          responses: { "200": { description: "Found." } },
        },
      };
    });
    expect(classifyChanges(released, after).map((change) => [change.level, change.sentence])).toEqual([
      ["non-breaking", "operation POST /reports/transfer-ownership (Transfer Report Ownership) added"],
    ]);
  });

  it("calls a reworded description docs-only", () => {
    const after = changed((doc) => {
      schema(doc, "ReportRun").description = "One run of a saved report.";
    });
    const changes = classifyChanges(released, after);
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((change) => change.level))).toEqual(new Set(["docs"]));
  });

  it("calls a changed x- extension docs-only", () => {
    const after = changed((doc) => {
      schema(doc, "ReportRun")["x-provenance"] = "Read from a tenant on 2026-12-05.";
    });
    expect(highestLevel(classifyChanges(released, after))).toBe("docs");
  });

  it("leaves the caller's documents as they were", () => {
    const after = changed((doc) => {
      delete schema(doc, "ReportRun").properties.updatedOn;
    });
    const before = JSON.stringify(released);
    const afterText = JSON.stringify(after);
    classifyChanges(released, after);
    expect([JSON.stringify(released), JSON.stringify(after)]).toEqual([before, afterText]);
  });
});

describe("classifyChanges: examples", () => {
  it("calls a changed example docs-only, however deep", () => {
    const after = changed((doc) => {
      const responses = (doc.components as Record<string, Record<string, unknown>>).responses as Record<
        string,
        unknown
      >;
      const reportRun = JSON.stringify(responses.ReportRun).replace('"status":"STARTED"', '"status":"QUERYDATA"');
      responses.ReportRun = JSON.parse(reportRun);
    });
    const changes = classifyChanges(released, after);
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((change) => change.level))).toEqual(new Set(["docs"]));
    expect(changes.every((change) => change.path.startsWith("$.paths"))).toBe(true);
  });
});

describe("classifyChanges: prose and metadata", () => {
  it("calls a rewritten guide (a tag's description) and a new tag docs-only", () => {
    const after = changed((doc) => {
      const tags = doc.tags as { name: string; description: string }[];
      tags[0] = { ...tags[0], description: `${tags[0]?.description ?? ""}\n\nOne more paragraph.` } as (typeof tags)[0];
      tags.push({ name: "Limits", description: "Rate limits." });
      (doc.info as { description: string }).description = "Reworded.";
    });
    const changes = classifyChanges(released, after);
    expect(changes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(changes.map((change) => change.level))).toEqual(new Set(["docs"]));
  });
});
