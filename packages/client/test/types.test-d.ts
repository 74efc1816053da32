// The public API's types: what compiles and what does not.
import { describe, expectTypeOf, it } from "vitest";
import {
  AbortError,
  createRawClient,
  createReportingClient,
  type Environment,
  isReportRunStatus,
  type NotFoundError,
  type ReportDataPage,
  type ReportExport,
  type ReportingClient,
  type ReportRow,
  type ReportRun,
  type ReportRunFailedError,
  type ReportRunStatus,
  type RequestTimeoutError,
  type RetryInfo,
  redactSecrets,
  TimeoutError,
  type UserAbortError,
  type ZuoraApiError,
  ZuoraError,
} from "../src/index.js";

declare const client: ReportingClient;

describe("createReportingClient", () => {
  it("needs environment or baseUrl, and auth", () => {
    createReportingClient({ environment: "us-sandbox", auth: { token: "t" } });
    createReportingClient({ baseUrl: "http://127.0.0.1:4010", auth: { clientId: "i", clientSecret: "s" } });
    createReportingClient({ baseUrl: "http://x", auth: { username: "u", password: "p" }, trackId: "t", entityId: "e" });
    createReportingClient({ baseUrl: "http://x", auth: { token: async () => "t" }, timeoutMs: 1, maxRetries: 0 });
    // @ts-expect-error neither environment nor baseUrl
    createReportingClient({ auth: { token: "t" } });
    // @ts-expect-error unknown environment
    createReportingClient({ environment: "mars", auth: { token: "t" } });
    // @ts-expect-error auth is required
    createReportingClient({ baseUrl: "http://x" });
    // @ts-expect-error incomplete credentials
    createReportingClient({ baseUrl: "http://x", auth: { clientId: "i" } });
    // @ts-expect-error timeoutMs is a number
    createReportingClient({ baseUrl: "http://x", auth: { token: "t" }, timeoutMs: "60s" });
    expectTypeOf<Environment>().toExtend<string>();
  });
});

describe("methods", () => {
  it("return the unwrapped payloads", () => {
    expectTypeOf(client.getReportRun("id")).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(client.getLastCompletedReportRun("id")).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(client.runReport("id", { viewType: "Detail" })).resolves.toEqualTypeOf<{ reportRunId: string }>();
    expectTypeOf(client.getReportData("id", { offset: 1, pageSize: 10 })).resolves.toEqualTypeOf<ReportDataPage>();
    expectTypeOf(client.exportReportRun("id")).resolves.toEqualTypeOf<ReportExport>();
    expectTypeOf(client.cancelReportRun("id")).resolves.toEqualTypeOf<string>();
    expectTypeOf(client.waitForReportRun("id")).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(
      client.runReportAndWait("id", { viewType: "Summary", intervalMs: 5 }),
    ).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(client.reportRows("id")).toEqualTypeOf<AsyncIterable<ReportRow>>();
    expectTypeOf<ReportRun["status"]>().toEqualTypeOf<ReportRunStatus | (string & {})>();
  });

  it("types a run's status and report type tolerantly: unknown values fit, known ones still narrow", async () => {
    const run = await client.getReportRun("id");
    // A status or report type Zuora adds tomorrow is assignable…
    expectTypeOf<"ARCHIVED">().toExtend<ReportRun["status"]>();
    expectTypeOf<"QUEUED">().toExtend<Awaited<ReturnType<ReportingClient["waitForReportRun"]>>["status"]>();
    expectTypeOf<"Pivot">().toExtend<ReportRun["reportType"]>();
    const archived: ReportRun = { ...run, status: "ARCHIVED", reportType: "Pivot" };
    expectTypeOf(archived).toEqualTypeOf<ReportRun>();
    // …the type is not collapsed to string: the known literals are still its members (they autocomplete)…
    expectTypeOf<Extract<ReportRun["status"], "COMPLETED">>().toEqualTypeOf<"COMPLETED">();
    expectTypeOf<Extract<ReportRun["reportType"], "Detail">>().toEqualTypeOf<"Detail">();
    // @ts-expect-error …a typo against a known literal is still caught when a known status is asked for…
    const typo: ReportRunStatus = "COMPLETE";
    // …a switch over the status compiles with the known literals as cases; each case keeps `string & {}` (TypeScript
    // cannot narrow an open union by equality)…
    switch (run.status) {
      case "COMPLETED":
        expectTypeOf<"COMPLETED">().toExtend<typeof run.status>();
        break;
      default:
        expectTypeOf(run.status).toExtend<string>();
    }
    // …and once isReportRunStatus says it is known, it is the closed union: each case narrows, exhaustively.
    if (isReportRunStatus(run.status)) {
      expectTypeOf(run.status).toEqualTypeOf<ReportRunStatus>();
      switch (run.status) {
        case "COMPLETED":
          expectTypeOf(run.status).toEqualTypeOf<"COMPLETED">();
          break;
        case "CANCELLED":
        case "INVALID":
        case "ERROR":
          expectTypeOf(run.status).toEqualTypeOf<"CANCELLED" | "INVALID" | "ERROR">();
          break;
        case "STARTED":
        case "QUERYDATA":
        case "PROCESSINGDATA":
          break;
        default:
          expectTypeOf(run.status).toEqualTypeOf<never>();
      }
    }
    client.waitForReportRun("id", { onUnknownStatus: (seen) => expectTypeOf(seen).toEqualTypeOf<ReportRun>() });
    // @ts-expect-error onUnknownStatus is told the run
    client.waitForReportRun("id", { onUnknownStatus: (seen: number) => seen });
    return typo;
  });

  it("reject wrong arguments", () => {
    // @ts-expect-error ids are strings
    client.getReportRun(42);
    // @ts-expect-error viewType is Detail or Summary
    client.runReport("id", { viewType: "detail" });
    // @ts-expect-error viewType is required
    client.runReport("id", {});
    // @ts-expect-error offset and pageSize are required
    client.getReportData("id", { offset: 1 });
    // @ts-expect-error pivoted is a boolean
    client.exportReportRun("id", { pivoted: "true" });
    // @ts-expect-error unknown request option
    client.getReportRun("id", { retries: 3 });
    // @ts-expect-error signal is an AbortSignal
    client.waitForReportRun("id", { signal: true });
    // @ts-expect-error onStatus gets a run
    client.waitForReportRun("id", { onStatus: (run: number) => run });
  });

  it("types the errors", () => {
    expectTypeOf<ZuoraError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ReportRunFailedError["runStatus"]>().toEqualTypeOf<"CANCELLED" | "INVALID" | "ERROR">();
    expectTypeOf<ReportRunFailedError["run"]>().toEqualTypeOf<ReportRun>();
    expectTypeOf<ReportRunFailedError>().toExtend<ZuoraError>();
    // `instanceof` narrows to a class without type parameters: no `any` leaks into `status`.
    const caught: unknown = undefined;
    if (caught instanceof ZuoraError) {
      expectTypeOf(caught.status).toEqualTypeOf<number | undefined>();
    }
  });

  it("types the export's kind, the wait's deadline, retries and error bodies", () => {
    expectTypeOf<ReportExport["kind"]>().toEqualTypeOf<"text" | "spreadsheet" | "binary">();
    expectTypeOf<RetryInfo["maxRetries"]>().toEqualTypeOf<number>();
    expectTypeOf<ZuoraError["body"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf(redactSecrets).toEqualTypeOf<(text: string, secrets: readonly string[]) => string>();
    client.waitForReportRun("id", { maxWaitMs: 60_000 });
    client.runReportAndWait("id", { viewType: "Detail", maxWaitMs: 60_000 });
    // @ts-expect-error maxWaitMs is a number of ms
    client.waitForReportRun("id", { maxWaitMs: "1m" });
  });

  it("the raw client keeps openapi-fetch's typed paths", () => {
    client.raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: "id" } } });
    // @ts-expect-error no such path
    client.raw.GET("/reportruns", {});
  });
});

describe("errors and auth vocabulary", () => {
  it("keep the deprecated names as the same classes and types", () => {
    expectTypeOf(TimeoutError).toEqualTypeOf<typeof RequestTimeoutError>();
    expectTypeOf(AbortError).toEqualTypeOf<typeof UserAbortError>();
    expectTypeOf<TimeoutError>().toEqualTypeOf<RequestTimeoutError>();
    expectTypeOf<AbortError>().toEqualTypeOf<UserAbortError>();
    expectTypeOf<NotFoundError>().toExtend<ZuoraApiError>();
    expectTypeOf<ZuoraApiError["headers"]>().toEqualTypeOf<Headers | undefined>();
  });

  it("createRawClient takes the client's auth words, and the former ones", () => {
    createRawClient({ baseUrl: "http://x", auth: { token: "t" } });
    createRawClient({ baseUrl: "http://x", auth: { username: "u", password: "p" } });
    createRawClient({ baseUrl: "http://x", auth: { type: "bearer", token: "t" } });
    createRawClient({ baseUrl: "http://x", auth: { type: "legacy", username: "u", password: "p" } });
    // @ts-expect-error the raw client sends fixed headers: no OAuth client credentials
    createRawClient({ baseUrl: "http://x", auth: { clientId: "i", clientSecret: "s" } });
  });
});
