// Every bad argument names itself in its message (the caller must see which one is wrong), and what the client sends
// or says when Zuora's answer is not what the spec promises.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createReportingClient,
  InvalidArgumentError,
  isTrackId,
  type ReportingClientOptions,
  ZuoraApiError,
} from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const base = { baseUrl: "https://zuora.test/v1", auth: { token: "tok-123" } };
const create = (options: Partial<ReportingClientOptions>) => () =>
  createReportingClient({ ...base, ...options } as ReportingClientOptions);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("client options name themselves", () => {
  it.each<[string, Partial<ReportingClientOptions>, string]>([
    ["retryBaseDelayMs", { retryBaseDelayMs: -1 }, "retryBaseDelayMs must be a number from 0 to"],
    ["retryMaxDelayMs", { retryMaxDelayMs: -1 }, "retryMaxDelayMs must be a number from 0 to"],
    ["maxRetryAfterMs", { maxRetryAfterMs: -1 }, "maxRetryAfterMs must be a number from 0 to"],
    ["maxRetries", { maxRetries: 11 }, "maxRetries must be an integer from 0 to 10, got 11."],
    ["maxRetries (not an integer)", { maxRetries: 1.5 }, "maxRetries must be an integer from 0 to 10, got 1.5."],
    [
      "timeoutMs",
      { timeoutMs: "5" as unknown as number },
      'timeoutMs must be a number from 1 to 9007199254740991, got "5".',
    ],
    ["entityId", { entityId: "e".repeat(65) }, "entityId must be 1-64 printable US-ASCII characters."],
    ["fetch", { fetch: "nope" as unknown as ReportingClientOptions["fetch"] }, "fetch must be a function"],
    [
      "tokenUrl",
      { tokenUrl: "http://[bad", auth: { clientId: "c", clientSecret: "secret-1" } },
      'tokenUrl must be a URL, got "http://[bad".',
    ],
    ["auth.clientId", { auth: { clientId: "", clientSecret: "secret-1" } }, "auth.clientId must be 1-4096 printable"],
    ["auth.clientSecret", { auth: { clientId: "c", clientSecret: "a\nb" } }, "auth.clientSecret must be 1-4096"],
    ["auth.username", { auth: { username: "", password: "pw-1" } }, "auth.username must be 1-4096"],
    ["auth as a string", { auth: "tok-123" as unknown as ReportingClientOptions["auth"] }, "auth must be { clientId"],
    ["auth as null", { auth: null as unknown as ReportingClientOptions["auth"] }, "auth must be { clientId"],
    ["maxRetries NaN", { maxRetries: Number.NaN }, "maxRetries must be an integer from 0 to 10, got NaN."],
    [
      "auth.token that is not a string",
      { auth: { token: ["tok-123"] as unknown as string } },
      "auth.token must be 1-4096",
    ],
    ["a baseUrl with text before the URL", { baseUrl: "see https://zuora.test/v1" }, "baseUrl must be an http(s) URL"],
  ])("%s", (_name, options, message) => {
    const make = create(options);
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(message);
  });

  it("without options at all", () => {
    expect(() => createReportingClient(undefined as unknown as ReportingClientOptions)).toThrow(
      "Pass an options object.",
    );
  });

  it("OAuth works on the non-legacy presets", () => {
    for (const environment of ["us-sandbox", "us-production", "eu-production"] as const) {
      expect(() =>
        createReportingClient({ environment, auth: { clientId: "c", clientSecret: "secret-1" } }),
      ).not.toThrow();
    }
  });

  it("entityId of exactly 64 characters is sent", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))), {
      entityId: "e".repeat(64),
    });
    await client.getReportRun(RUN_ID);
    expect(requests[0]?.headers.get("Zuora-Entity-Ids")).toBe("e".repeat(64));
  });

  it("a token function's bad token names token()", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))), {
      auth: { token: () => "bad token\n" },
    });
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe("auth.token() must be 1-4096 printable US-ASCII characters.");
    expect(requests).toHaveLength(0);
  });

  it("isTrackId: 1-64 printable characters without : ; \" '", () => {
    expect(["a", "x".repeat(64), "nightly run 42"].every(isTrackId)).toBe(true);
    expect(["", "x".repeat(65), "a:b", "a;b", 'a"b', "a'b", "café", 42, undefined].some(isTrackId)).toBe(false);
  });
});

describe("method arguments name themselves", () => {
  const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))));
  it.each<[string, () => Promise<unknown>, string]>([
    ["getReportRun", () => client.getReportRun(""), 'runId must be a non-empty id string, got "".'],
    [
      "getLastCompletedReportRun",
      () => client.getLastCompletedReportRun(" "),
      'reportId must be a non-empty id string, got " ".',
    ],
    [
      "getReportData",
      () => client.getReportData("..", { offset: 0, pageSize: 1 }),
      'runId must be a non-empty id string, got "..".',
    ],
    [
      "getReportData without a page",
      () => client.getReportData(RUN_ID, undefined as never),
      "offset must be an integer from 0 up, got undefined.",
    ],
    [
      "getReportData without pageSize",
      () => client.getReportData(RUN_ID, { offset: 0 } as never),
      "pageSize must be an integer from 1 up, got undefined.",
    ],
    ["waitForReportRun", () => client.waitForReportRun("."), 'runId must be a non-empty id string, got ".".'],
    ["exportReportRun", () => client.exportReportRun(""), 'runId must be a non-empty id string, got "".'],
    ["cancelReportRun", () => client.cancelReportRun(42 as never), "runId must be a non-empty id string, got 42."],
    [
      "runReport's idempotencyKey",
      () => client.runReport("r", { viewType: "Detail", idempotencyKey: "a\nb" }),
      "idempotencyKey must be 1-255 printable US-ASCII characters.",
    ],
    ["a null signal", () => client.getReportRun(RUN_ID, { signal: null as never }), "signal must be an AbortSignal."],
    [
      "reportRows' startOffset",
      async () => client.reportRows(RUN_ID, { startOffset: -1 }),
      "startOffset must be an integer from 0 up, got -1.",
    ],
    [
      "a signal that is not one",
      () => client.getReportRun(RUN_ID, { signal: "stop" as never }),
      "signal must be an AbortSignal.",
    ],
    ["reportRows", async () => client.reportRows(""), 'runId must be a non-empty id string, got "".'],
  ])("%s", async (_name, call, message) => {
    const error = await failure((async () => call())());
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(message);
    expect(requests).toHaveLength(0);
  });
});

describe("what a method sends and says", () => {
  it("asks for JSON", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))));
    await client.getReportRun(RUN_ID);
    expect(requests[0]?.headers.get("Accept")).toBe("application/json");
  });

  it("without crypto.randomUUID, runReport still sends a unique Idempotency-Key", async () => {
    for (const crypto of [undefined, {}]) {
      vi.stubGlobal("crypto", crypto);
      const { client, requests } = stubClient(() => jsonResponse(200, ok({ reportRunId: RUN_ID })));
      await client.runReport("report-1", { viewType: "Detail" });
      await client.runReport("report-1", { viewType: "Detail" });
      const keys = requests.map((r) => r.headers.get("Idempotency-Key"));
      expect(keys[0]).toMatch(/^\d+-0\.\d+$/);
      expect(keys[1]).not.toBe(keys[0]);
      vi.unstubAllGlobals();
    }
  });

  it.each<[string, () => Response, string]>([
    [
      "success: false without a message",
      () => jsonResponse(200, { success: false }),
      "200: Zuora answered success: false",
    ],
    [
      "an empty body",
      () => new Response("", { status: 200 }),
      "200: Zuora's answer is not the expected JSON envelope { success, response } (empty body).",
    ],
    [
      "a body that is not the envelope",
      () => jsonResponse(200, { status: "COMPLETED" }),
      "200: Zuora's answer is not the expected JSON envelope { success, response }.",
    ],
  ])("%s", async (_name, answer, message) => {
    const { client } = stubClient(answer);
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.constructor).toBe(ZuoraApiError);
    expect(error.message).toBe(message);
  });

  it("a success: false answer that echoes the token hides it", async () => {
    const { client } = stubClient((request) =>
      jsonResponse(200, {
        success: false,
        reasons: [{ code: 1, message: `bad ${request.headers.get("Authorization")}` }],
      }),
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.message).toBe("200 1: bad Bearer [redacted]");
    expect(error.body).not.toContain("tok-123");
  });
});
