// The transport's edges as a caller meets them: the first attempt sends the very request openapi-fetch built (what a
// middleware set on it survives), the raw client's timeouts and bodiless answers, and aborts that must not turn into
// connection errors or leave listeners behind.

import { getEventListeners } from "node:events";
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { AbortError, ConnectionError, TimeoutError } from "../src/index.js";
import { failure, fakeClock } from "./support/client.js";
import { isSettled, jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

/** A fetch answer that never comes, until the request's signal aborts it (as fetch does). */
const hang = (request: Request) =>
  new Promise<Response>((_resolve, reject) =>
    request.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
  );

describe("the request a call sends", () => {
  it("the first attempt sends the Request openapi-fetch built, with what a middleware set on it", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))));
    const built: Request[] = [];
    client.raw.use({
      onRequest: ({ request }) => {
        const marked = new Request(request, { keepalive: true });
        built.push(marked);
        return marked;
      },
    });
    await client.getReportRun(RUN_ID);
    expect(requests[0]).toBe(built[0]);
    expect(requests[0]?.keepalive).toBe(true);
    expect(requests[0]?.headers.get("Authorization")).toBe("Bearer tok-123");
  });

  it("a retry sends a copy with the same method, headers and body", async () => {
    const { client, requests } = stubClient((_r, i) =>
      i === 0 ? jsonResponse(503, {}) : jsonResponse(200, ok({ reportRunId: RUN_ID })),
    );
    await client.runReport("report-1", { viewType: "Detail", idempotencyKey: "k-1" });
    const [first, second] = requests;
    expect(second).not.toBe(first);
    expect(second?.method).toBe("POST");
    expect(second?.headers.get("Idempotency-Key")).toBe("k-1");
    expect(second?.headers.get("Authorization")).toBe("Bearer tok-123");
    expect(await second?.text()).toBe("[]");
  });
});

describe("the raw client", () => {
  it("a request slower than timeoutMs rejects with TimeoutError", async () => {
    fakeClock();
    const { client, requests } = stubClient(hang, { timeoutMs: 1000, maxRetries: 0 });
    const pending = failure(client.raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } } }));
    await vi.advanceTimersByTimeAsync(999);
    expect(await isSettled(pending)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`Request timed out after 1000 ms: GET https://zuora.test/v1/reportruns/${RUN_ID}`);
    expect(requests).toHaveLength(1);
  });

  it("a 204 without a body comes back as one", async () => {
    const { client } = stubClient(() => new Response(null, { status: 204 }));
    const { response, error } = await client.raw.DELETE("/reportruns/{reportRunId}", {
      params: { path: { reportRunId: RUN_ID } },
    });
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
  });

  it("a failed answer is returned with its body, not thrown", async () => {
    const { client } = stubClient(() => jsonResponse(404, { message: "Not here." }, { "Zuora-Request-Id": "r-1" }));
    const { response, error } = await client.raw.GET("/reportruns/{reportRunId}", {
      params: { path: { reportRunId: RUN_ID } },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("Zuora-Request-Id")).toBe("r-1");
    expect(error).toEqual({ message: "Not here." });
  });
});

describe("aborts", () => {
  it("a call with an already-aborted signal sends nothing", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))));
    expect(await failure(client.getReportRun(RUN_ID, { signal: AbortSignal.abort() }))).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });

  it("an abort while the request is in flight is an AbortError even with no retry left", async () => {
    const controller = new AbortController();
    const { client, requests } = stubClient(
      (request) => {
        queueMicrotask(() => controller.abort());
        return hang(request);
      },
      { maxRetries: 0 },
    );
    expect(await failure(client.getReportRun(RUN_ID, { signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(1);
  });

  it("an abort while the request is in flight is not retried", async () => {
    const controller = new AbortController();
    const { client, requests, retries } = stubClient((request) => {
      queueMicrotask(() => controller.abort());
      return hang(request);
    });
    expect(await failure(client.getReportRun(RUN_ID, { signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("an abort during a retry wait leaves no listener on the signal", async () => {
    const controller = new AbortController();
    const { client } = stubClient(() => jsonResponse(503, {}), {
      retryBaseDelayMs: 60_000,
      retryMaxDelayMs: 60_000,
      onRetry: () => queueMicrotask(() => controller.abort()),
    });
    expect(await failure(client.getReportRun(RUN_ID, { signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("attempts that fail to connect leave no listener on the signal", async () => {
    const { signal } = new AbortController();
    const { client, requests } = stubClient(() => {
      throw new TypeError("fetch failed");
    });
    expect(await failure(client.getReportRun(RUN_ID, { signal }))).toBeInstanceOf(ConnectionError);
    expect(requests).toHaveLength(3);
    expect(listeners(signal)).toBe(0);
  });
});
