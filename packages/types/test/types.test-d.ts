import { describe, expectTypeOf, it } from "vitest";
import type {
  components,
  Environment,
  OpenEnum,
  REPORT_RUN_STATUSES,
  ReportRun,
  ReportRunStatus,
  ReportSearchPage,
  ReportSummary,
  ReportType,
  SERVERS,
  Timestamp,
} from "../src/index.js";

describe("generated types", () => {
  it("statuses and report types are the spec's unions", () => {
    expectTypeOf<ReportRunStatus>().toEqualTypeOf<
      "STARTED" | "QUERYDATA" | "PROCESSINGDATA" | "COMPLETED" | "CANCELLED" | "INVALID" | "ERROR"
    >();
    expectTypeOf<ReportType>().toEqualTypeOf<"Detail" | "Summary">();
    expectTypeOf<(typeof REPORT_RUN_STATUSES)[number]>().toEqualTypeOf<ReportRunStatus>();
  });

  it("a run has the published fields, with either timestamp form", () => {
    expectTypeOf<Timestamp>().toEqualTypeOf<number | string>();
    expectTypeOf<ReportRun>().toHaveProperty("reportId").toEqualTypeOf<string>();
    expectTypeOf<ReportRun["reportDefinition"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error Zuora's reference tables say reportID; the wire (and this spec) say reportId.
    expectTypeOf<ReportRun>().toHaveProperty("reportID");
  });

  it("a run's status and report type are open: the spec's values, or any string Zuora adds later", () => {
    expectTypeOf<ReportRun["status"]>().toEqualTypeOf<OpenEnum<ReportRunStatus>>();
    expectTypeOf<ReportRun["status"]>().toEqualTypeOf<ReportRunStatus | (string & {})>();
    expectTypeOf<ReportRun["reportType"]>().toEqualTypeOf<ReportType | (string & {})>();
    expectTypeOf<"ARCHIVED">().toExtend<ReportRun["status"]>();
    expectTypeOf<"Pivot">().toExtend<ReportRun["reportType"]>();
    // The known literals are still members of the union (they autocomplete), not swallowed by `string`.
    expectTypeOf<Extract<ReportRun["status"], "QUERYDATA">>().toEqualTypeOf<"QUERYDATA">();
    // The spec's own shape stays closed, and the other fields are the spec's.
    expectTypeOf<components["schemas"]["ReportRun"]["status"]>().toEqualTypeOf<ReportRunStatus>();
    expectTypeOf<ReportRun["startedOn"]>().toEqualTypeOf<Timestamp>();
    expectTypeOf<ReportRun["id"]>().toEqualTypeOf<string>();
  });

  it("environment presets come from the spec's servers", () => {
    expectTypeOf<"us-sandbox">().toExtend<Environment>();
    expectTypeOf<"legacy-eu-production">().toExtend<Environment>();
    expectTypeOf<(typeof SERVERS)[number]["url"]>().toExtend<string>();
  });

  it("a searched report has a string id and name, an open type, and pages carry them", () => {
    expectTypeOf<ReportSummary["id"]>().toEqualTypeOf<string>();
    expectTypeOf<ReportSummary["name"]>().toEqualTypeOf<string>();
    expectTypeOf<ReportSummary["type"]>().toEqualTypeOf<ReportType | (string & {}) | undefined>();
    expectTypeOf<ReportSearchPage["reports"]>().toEqualTypeOf<ReportSummary[]>();
    expectTypeOf<ReportSearchPage["count"]>().toEqualTypeOf<number>();
  });
});
