import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import {
  ID_PATTERN,
  REPORT_RUN_STATUSES,
  REPORT_TYPES,
  RESPONSE_SHAPES,
  SERVERS,
  TOKEN_SERVERS,
} from "../src/index.js";

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@zuora-reports/spec/openapi.json"), "utf8"),
);

describe("constants generated from the spec", () => {
  it("list the seven statuses in lifecycle order", () => {
    expect(REPORT_RUN_STATUSES).toEqual([
      "STARTED",
      "QUERYDATA",
      "PROCESSINGDATA",
      "COMPLETED",
      "CANCELLED",
      "INVALID",
      "ERROR",
    ]);
    expect(REPORT_TYPES).toEqual(["Detail", "Summary"]);
  });

  it("give every server of the spec a unique environment name", () => {
    expect(SERVERS.map((server) => server.url)).toEqual(spec.servers.map((server: { url: string }) => server.url));
    expect(new Set(SERVERS.map((server) => server.environment)).size).toBe(SERVERS.length);
    expect(SERVERS.find((server) => server.environment === "legacy-us-sandbox")?.url).toBe(
      "https://zconnectsandbox.zuora.com/api/rest/v1",
    );
  });

  it("serve the token exchange from the rest hosts, without a base path", () => {
    for (const url of TOKEN_SERVERS) {
      expect(new URL(url).pathname).toBe("/");
    }
  });

  it("match ids as the spec's reportId and reportRunId parameters do: pattern and length", () => {
    const { pattern, maxLength } = spec.components.parameters.ReportRunId.schema;
    expect(spec.components.parameters.ReportId.schema).toEqual(spec.components.parameters.ReportRunId.schema);
    for (const id of [seedRun().reportRunId, "a", "mock-never-ends", "A_b-9", "x".repeat(maxLength)]) {
      expect([id, ID_PATTERN.test(id)]).toEqual([id, true]);
      expect(new RegExp(pattern).test(id)).toBe(true);
    }
    for (const id of ["", "x".repeat(maxLength + 1), "..", "a/b", "a b", "a\n", "é"]) {
      expect([id, ID_PATTERN.test(id)]).toEqual([id, false]);
    }
  });

  it("give each JSON operation the shape of its payload, from the spec's schemas", () => {
    expect(RESPONSE_SHAPES).toEqual({
      searchReports: { reports: "rows", count: "count" },
      runReport: { reportRunId: "string" },
      getReportRun: {
        id: "string",
        status: REPORT_RUN_STATUSES,
        reportId: "string",
        reportType: REPORT_TYPES,
        startedOn: "timestamp",
        updatedOn: "timestamp",
      },
      getLastCompletedReportRun: RESPONSE_SHAPES.getReportRun,
      getReportData: { page: "rows", size: "count", offset: "count", total: "count" },
      cancelReportRun: "string",
    });
    // The run's shape checks exactly the fields the spec requires.
    expect(Object.keys(RESPONSE_SHAPES.getReportRun)).toEqual(spec.components.schemas.ReportRun.required);
  });
});
