// Which class a failed status becomes, and what every error shows when printed: its class name, a message cut to
// 500 characters, enumerable details but not the body; a failed or timed-out run carries the run.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ReportRunFailedError,
  ReportRunTimeoutError,
  ZuoraApiError,
  type ZuoraError,
} from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const errorFor = async (status: number, body: unknown = { message: "nope" }, headers: Record<string, string> = {}) => {
  const { client } = stubClient(() => jsonResponse(status, body, headers), { maxRetries: 0 });
  return failure(client.getReportRun(RUN_ID));
};

describe("the class of a failed status", () => {
  it.each<[number, typeof ZuoraError, string]>([
    [400, BadRequestError, "BadRequestError"],
    [401, AuthenticationError, "AuthenticationError"],
    [403, PermissionDeniedError, "PermissionDeniedError"],
    [404, NotFoundError, "NotFoundError"],
    [409, ZuoraApiError, "ZuoraApiError"],
    [429, RateLimitError, "RateLimitError"],
    [499, ZuoraApiError, "ZuoraApiError"],
    [500, InternalServerError, "InternalServerError"],
    [503, InternalServerError, "InternalServerError"],
    [599, InternalServerError, "InternalServerError"],
  ])("%i is a %O named %s", async (status, type, name) => {
    const error = await errorFor(status);
    expect(error.constructor).toBe(type);
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: ${status}: nope`);
    expect(error.status).toBe(status);
  });
});

describe("what an error shows", () => {
  it("a message is cut to 500 characters with an ellipsis; one of exactly 500 is kept whole", async () => {
    const prefix = "400: ";
    const whole = await errorFor(400, { message: "m".repeat(500 - prefix.length) });
    expect(whole.message).toBe(`${prefix}${"m".repeat(495)}`);
    const cut = await errorFor(400, { message: "m".repeat(501 - prefix.length) });
    expect(cut.message).toBe(`${prefix}${"m".repeat(494)}…`);
    expect(cut.message).toHaveLength(500);
  });

  it("the body is kept (cut to 8192 characters) but not enumerable; the other details are", async () => {
    const error = await errorFor(
      429,
      { message: "slow", pad: "p".repeat(9000) },
      {
        "Retry-After": "7",
        "RateLimit-Remaining": "0",
      },
    );
    expect(error.body).toHaveLength(8192);
    expect(error.body?.endsWith("…")).toBe(true);
    expect(Object.keys(error).sort()).toEqual(["rateLimit", "retryAfterSeconds", "status"]);
    expect(error.rateLimit).toEqual({
      limit: undefined,
      remaining: 0,
      resetSeconds: undefined,
      observedAt: expect.any(Number),
    });
    expect(JSON.stringify(error)).not.toContain("ppp");
  });

  it("an error with an empty body has no body", async () => {
    const { client } = stubClient(() => new Response(null, { status: 404, statusText: "Not Found" }));
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.body).toBeUndefined();
    expect(error.message).toBe("404: Not Found");
  });

  it("a status line without a reason says so", async () => {
    const { client } = stubClient(() => new Response(null, { status: 404 }));
    expect((await failure(client.getReportRun(RUN_ID))).message).toBe("404: no error message");
  });
});

describe("errors of a wait", () => {
  it.each(["CANCELLED", "INVALID", "ERROR"])(
    "a run that ends %s is a ReportRunFailedError with the run",
    async (status) => {
      const { client } = stubClient(() => jsonResponse(200, ok(run(status))));
      const error = await failure(client.waitForReportRun(RUN_ID));
      expect(error).toBeInstanceOf(ReportRunFailedError);
      expect(error.name).toBe("ReportRunFailedError");
      expect(error.message).toBe(`Report run ${RUN_ID} ended with status ${status}.`);
      expect((error as ReportRunFailedError).runStatus).toBe(status);
      expect((error as ReportRunFailedError).run.status).toBe(status);
      expect(error.status).toBeUndefined();
    },
  );

  it("a timeout before any poll answered has no run", async () => {
    // A poll that never answers (until its signal aborts it, as fetch does).
    const { client } = stubClient(
      (request) =>
        new Promise<Response>((_resolve, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const error = await failure(client.waitForReportRun(RUN_ID, { maxWaitMs: 5 }));
    expect(error).toBeInstanceOf(ReportRunTimeoutError);
    expect(error.name).toBe("ReportRunTimeoutError");
    expect(error.message).toBe(`Report run ${RUN_ID} did not complete within 5 ms.`);
    expect((error as ReportRunTimeoutError).run).toBeUndefined();
    expect("run" in error).toBe(false);
  });
});
