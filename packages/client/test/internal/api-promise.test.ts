// What every call did: `.withResponse()` on each method's promise, `client.rateLimit`, while a plain `await` gives
// the data exactly as before.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { NotFoundError, RateLimitError } from "../../src/index.js";
import { apiPromise } from "../../src/internal/api-promise.js";
import { failure } from "../support/client.js";
import { jsonResponse, stubClient } from "../support/stub.js";

const { reportRunId: RUN_ID, reportId: REPORT_ID, runIn: run } = seedRun();

const HEADERS = {
  "Zuora-Request-Id": "9f1c2a6e-3b7d-4e5f-8a9b-0c1d2e3f4a5b",
  "RateLimit-Limit": "2250000, 50000;w=60, 2250000;w=3600, 27000000;w=86400",
  "RateLimit-Remaining": "2249000",
  "RateLimit-Reset": "600",
};

describe("withResponse()", () => {
  it("gives the data, the answer, its Zuora-Request-Id and its rate limit; await still gives the data", async () => {
    const answer = () => jsonResponse(200, ok(run("COMPLETED")), HEADERS);
    const { client } = stubClient(answer);
    const before = Date.now();
    const { data, response, requestId, rateLimit } = await client.getReportRun(RUN_ID).withResponse();
    expect(data).toEqual(await client.getReportRun(RUN_ID));
    expect(data.status).toBe("COMPLETED");
    expect(response.status).toBe(200);
    expect(requestId).toBe(HEADERS["Zuora-Request-Id"]);
    expect(rateLimit).toMatchObject({ limit: 2_250_000, remaining: 2_249_000, resetSeconds: 600, windowSeconds: 3600 });
    expect(rateLimit?.windows).toHaveLength(3);
    expect(rateLimit?.observedAt).toBeGreaterThanOrEqual(before);
  });

  it("every method's promise has it", async () => {
    const { client } = stubClient((request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "DELETE") {
        return jsonResponse(200, ok("The report run has been canceled"), HEADERS);
      }
      if (request.method === "POST") {
        return jsonResponse(200, ok({ reportRunId: RUN_ID }), HEADERS);
      }
      if (path.includes("/reportdata/")) {
        return jsonResponse(200, ok({ page: [], size: 1, offset: 1, total: 0 }), HEADERS);
      }
      if (path.includes("/export/")) {
        return new Response("a\tb\n", { headers: { ...HEADERS, "Content-Type": "text/csv" } });
      }
      return jsonResponse(200, ok(run("COMPLETED")), HEADERS);
    });
    const calls = {
      runReport: client.runReport(REPORT_ID, { viewType: "Detail" }),
      getReportRun: client.getReportRun(RUN_ID),
      getLastCompletedReportRun: client.getLastCompletedReportRun(REPORT_ID),
      getReportData: client.getReportData(RUN_ID, { offset: 1, pageSize: 1 }),
      exportReportRun: client.exportReportRun(RUN_ID),
      cancelReportRun: client.cancelReportRun(RUN_ID),
      waitForReportRun: client.waitForReportRun(RUN_ID),
      runReportAndWait: client.runReportAndWait(REPORT_ID, { viewType: "Detail" }),
    };
    for (const [name, promise] of Object.entries(calls)) {
      const { data, requestId, response } = await promise.withResponse();
      expect(requestId, name).toBe(HEADERS["Zuora-Request-Id"]);
      expect(response.ok, name).toBe(true);
      expect(data, name).toBe(await promise);
    }
    expect(await (await calls.exportReportRun).text()).toBe("a\tb\n");
  });

  it("a wait's answer is the last poll's", async () => {
    let polls = 0;
    const { client } = stubClient(() => {
      polls += 1;
      return jsonResponse(200, ok(run(polls === 2 ? "COMPLETED" : "QUERYDATA")), {
        "Zuora-Request-Id": `poll-${polls}`,
      });
    });
    const { data, requestId } = await client.waitForReportRun(RUN_ID, { intervalMs: 1 }).withResponse();
    expect(data.status).toBe("COMPLETED");
    expect(requestId).toBe("poll-2");
  });

  it("a failure rejects withResponse() with the typed error, and nothing is reported unhandled", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const { client } = stubClient(() => jsonResponse(404, { message: "no such run" }));
      const error = await failure(client.getReportRun(RUN_ID).withResponse());
      expect(error).toBeInstanceOf(NotFoundError);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("a bad argument rejects both ways, before any request", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))));
    await expect(client.getReportRun("").withResponse()).rejects.toThrow("runId");
    await expect(client.cancelReportRun("")).rejects.toThrow("runId");
    expect(requests).toHaveLength(0);
  });

  it("apiPromise reads nothing from the answer unless asked", async () => {
    const headers = new Headers(HEADERS);
    const get = vi.spyOn(headers, "get");
    const response = new Response("", { headers });
    Object.defineProperty(response, "headers", { value: headers });
    const promise = apiPromise(async (answer) => {
      answer.response = response;
      answer.at = 5;
      return 1;
    });
    expect(await promise).toBe(1);
    expect(get).not.toHaveBeenCalled();
    expect((await promise.withResponse()).rateLimit?.observedAt).toBe(5);
  });
});

describe("client.rateLimit", () => {
  it("is undefined until an answer carries the headers, then follows every answer, success or error", async () => {
    const answers = [
      () => jsonResponse(200, ok(run("COMPLETED"))),
      () =>
        jsonResponse(200, ok(run("COMPLETED")), {
          "RateLimit-Limit": "50000",
          "RateLimit-Remaining": "3",
          "RateLimit-Reset": "9",
        }),
      () => jsonResponse(429, { message: "slow down" }, { "RateLimit-Remaining": "0", "RateLimit-Reset": "60" }),
    ];
    const { client } = stubClient((_request, i) => (answers[i] as () => Response)(), { maxRetries: 0 });
    expect(client.rateLimit).toBeUndefined();
    await client.getReportRun(RUN_ID);
    expect(client.rateLimit).toBeUndefined();
    await client.getReportRun(RUN_ID);
    expect(client.rateLimit).toMatchObject({ limit: 50_000, remaining: 3, resetSeconds: 9 });
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(client.rateLimit).toMatchObject({ remaining: 0, resetSeconds: 60 });
    expect(client.rateLimit).toEqual(error.rateLimit);
  });

  it("the token endpoint's own limits are not the API's", async () => {
    const { client } = stubClient(
      (request) =>
        request.url.endsWith("/oauth/token")
          ? jsonResponse(200, { access_token: "tok-abc", expires_in: 3599 }, { "RateLimit-Remaining": "99" })
          : jsonResponse(200, ok(run("COMPLETED"))),
      { auth: { clientId: "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11", clientSecret: "s3cr3t-value" } },
    );
    await client.getReportRun(RUN_ID);
    expect(client.rateLimit).toBeUndefined();
  });
});
