import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type ReportRun,
  ReportRunFailedError,
  ReportRunTimeoutError,
  TimeoutError,
} from "@zuora-reports/client";
import { describe, expect, it } from "vitest";
import { describeError } from "../src/describe-error.js";
import { UsageError } from "../src/exit-codes.js";

const run: ReportRun = {
  id: "run1",
  reportId: "rep1",
  reportType: "Detail",
  status: "ERROR",
  startedOn: 1,
  updatedOn: 2,
};

describe("exit codes", () => {
  it.each([
    [new UsageError("bad"), 2],
    [new InvalidArgumentError("pageSize must be ≥ 1"), 2],
    [new BadRequestError("400 unknown id", { status: 400 }), 1],
    [new NotFoundError("404", { status: 404 }), 1],
    [new AuthenticationError("401", { status: 401 }), 4],
    [new PermissionDeniedError("403", { status: 403 }), 4],
    [new RateLimitError("429", { status: 429, retryAfterSeconds: 120 }), 5],
    [new InternalServerError("503", { status: 503 }), 5],
    [new ConnectionError("refused"), 5],
    [new TimeoutError("timed out"), 5],
    [new ReportRunTimeoutError("run1", 1000, run), 5],
    [new ReportRunFailedError({ ...run, status: "CANCELLED" }), 3],
    [new AbortError("aborted"), 130],
    [new Error("boom"), 1],
  ])("%s → %i", (error, exitCode) => {
    expect(describeError(error).exitCode).toBe(exitCode);
  });
});

describe("messages and --json bodies", () => {
  it("quotes Zuora's request id and error code", () => {
    const described = describeError(
      new BadRequestError("400 ZAN-USAGE-REST-ERROR: no such run", {
        status: 400,
        errorCode: "ZAN-USAGE-REST-ERROR",
        requestId: "req-1",
      }),
    );
    expect(described.message).toBe("400 ZAN-USAGE-REST-ERROR: no such run [Zuora-Request-Id req-1]");
    expect(described.json).toEqual({
      error: {
        message: described.message,
        exitCode: 1,
        type: "BadRequestError",
        status: 400,
        errorCode: "ZAN-USAGE-REST-ERROR",
        requestId: "req-1",
      },
    });
  });

  it("adds to Zuora's 400 or 404 that no report had run's argument as its name; not to other errors", () => {
    const context = { unmatchedReport: "rep-x" };
    const hint = ' (and no report is named "rep-x"; find it with: zuora-reports search "rep-x")';
    expect(describeError(new BadRequestError("400: unknown report", { status: 400 }), context).message).toBe(
      `400: unknown report${hint}`,
    );
    expect(describeError(new NotFoundError("404: unknown", { status: 404 }), context).message).toBe(
      `404: unknown${hint}`,
    );
    expect(describeError(new BadRequestError("400: unknown report", { status: 400 })).message).toBe(
      "400: unknown report",
    );
    expect(describeError(new InternalServerError("503: down", { status: 503 }), context).message).toBe("503: down");
  });

  it("gives a failed run's final state, not an HTTP status", () => {
    const described = describeError(new ReportRunFailedError({ ...run, status: "INVALID" }));
    expect(described.message).toBe("Report run run1 ended with status INVALID.");
    expect(described.json.run?.status).toBe("INVALID");
    expect(described.json.error).not.toHaveProperty("status");
  });

  it("says how to keep waiting after --timeout", () => {
    const described = describeError(new ReportRunTimeoutError("run1", 1000, { ...run, status: "QUERYDATA" }), {
      reportRunId: "run1",
    });
    expect(described.message).toBe(
      "Stopped waiting: report run run1 is still QUERYDATA. Keep waiting with: zuora-reports wait run1",
    );
  });

  it("keeps a message on one line and the stack for --debug only", () => {
    const described = describeError(new Error("first\n  second"));
    expect(described.message).toBe("Unexpected error: first second (run with --debug for details)");
    expect(described.message).not.toContain(" at ");
    expect(described.debug.join("\n")).toContain("at ");
  });
});
