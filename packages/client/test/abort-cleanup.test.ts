// What a call leaves behind: no abort listener on the caller's long-lived signal, no timer on the clock, and an abort
// that ends it at once wherever it is (before the first request, in a retry wait, waiting for a shared OAuth token).

import { getEventListeners } from "node:events";
import { seedRun } from "@zuora-reports/conformance";
import { json, ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { AbortError, type ReportRun } from "../src/index.js";
import { failure, fakeClock, faultClient } from "./support/client.js";
import { isSettled, jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;
const completed = () => jsonResponse(200, ok(run("COMPLETED")));

describe("nothing outlives a call", () => {
  it("a successful call removes its abort listener from the caller's signal and clears its timeout", async () => {
    fakeClock();
    const { client } = stubClient(completed);
    const { signal } = new AbortController();
    for (let i = 0; i < 3; i++) {
      await client.getReportRun(RUN_ID, { signal });
    }
    expect(listeners(signal)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a failed call after retries leaves no listener and no timer either", async () => {
    fakeClock();
    const { client, requests } = stubClient(() => jsonResponse(503, {}), { retryBaseDelayMs: 0, retryMaxDelayMs: 0 });
    const { signal } = new AbortController();
    const pending = failure(client.getReportRun(RUN_ID, { signal }));
    // Each retry waits 0 ms on the fake clock: move it on until the call has given up.
    for (let i = 0; i < 10 && !(await isSettled(pending)); i++) {
      await vi.advanceTimersByTimeAsync(1);
    }
    await pending;
    expect(requests).toHaveLength(3);
    expect(listeners(signal)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an abort during a retry wait clears the wait's timer", async () => {
    fakeClock();
    const controller = new AbortController();
    const { client } = stubClient(() => jsonResponse(503, {}), {
      retryBaseDelayMs: 60_000,
      retryMaxDelayMs: 60_000,
      onRetry: () => queueMicrotask(() => controller.abort()),
    });
    const error = await failure(client.getReportRun(RUN_ID, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe("The request was aborted.");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("waitForReportRun removes its listener and clears its deadline and sleeps", async () => {
    fakeClock();
    const { client } = stubClient((_r, i) => jsonResponse(200, ok(run(i < 2 ? "PROCESSINGDATA" : "COMPLETED"))));
    const { signal } = new AbortController();
    const pending = client.waitForReportRun(RUN_ID, { signal, intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(150);
    expect((await pending).status).toBe("COMPLETED");
    expect(listeners(signal)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a wait that fails leaves nothing behind either", async () => {
    fakeClock();
    const { client } = stubClient(() => jsonResponse(200, ok(run("ERROR"))));
    const { signal } = new AbortController();
    await failure(client.waitForReportRun(RUN_ID, { signal }));
    expect(listeners(signal)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an export read to its end leaves no timer", async () => {
    fakeClock();
    const { client } = stubClient(() => new Response("a\tb\n", { headers: { "Content-Type": "text/csv" } }));
    const exported = await client.exportReportRun(RUN_ID);
    expect(await exported.text()).toBe("a\tb\n");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("waiting for a shared OAuth token: the caller's listener goes once the token came", async () => {
    const { client, requests } = stubClient(
      (request) => (request.url.endsWith("/oauth/token") ? jsonResponse(200, { access_token: "tok-1" }) : completed()),
      { auth: { clientId: "client-1", clientSecret: "secret-1" } },
    );
    const { signal } = new AbortController();
    await Promise.all([client.getReportRun(RUN_ID, { signal }), client.getReportRun(RUN_ID, { signal })]);
    expect(requests.filter((r) => r.url.endsWith("/oauth/token"))).toHaveLength(1);
    expect(listeners(signal)).toBe(0);
  });
});

describe("an abort ends the call at once", () => {
  it("a signal aborted from onRetry ends the call without waiting out the delay", async () => {
    fakeClock();
    const controller = new AbortController();
    const { client, requests } = stubClient(() => jsonResponse(503, {}), {
      retryBaseDelayMs: 60_000,
      retryMaxDelayMs: 60_000,
      onRetry: () => controller.abort(),
    });
    const pending = failure(client.getReportRun(RUN_ID, { signal: controller.signal }));
    // No timer is moved: an abort must not wait for the 60 s delay to pass.
    expect(await isSettled(pending)).toBe(true);
    expect(await pending).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(1);
  });

  it("one caller giving up on a shared token request does not cancel it for the others", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { client, server } = await faultClient(
      async (req, res) => {
        if (req.url === "/oauth/token") {
          await held;
          return json(res, 200, { access_token: "tok-1", expires_in: 3600 });
        }
        return json(res, 200, ok(run("COMPLETED")));
      },
      { auth: { clientId: "client-1", clientSecret: "secret-1" } },
    );
    const quitter = new AbortController();
    const giving = failure(client.getReportRun(RUN_ID, { signal: quitter.signal }));
    const staying = client.getReportRun(RUN_ID);
    await server.handled(1);
    quitter.abort();
    expect(await giving).toBeInstanceOf(AbortError);
    release();
    expect((await staying).status).toBe("COMPLETED");
    expect(server.to("/oauth/token")).toHaveLength(1);
    expect(server.requests.filter((r) => r.url.includes("/reportruns/"))).toHaveLength(1);
    expect(listeners(quitter.signal)).toBe(0);
  });

  it("waitForReportRun with an already-aborted signal sends nothing", async () => {
    const { client, requests } = stubClient(completed);
    const error = await failure(client.waitForReportRun(RUN_ID, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });

  it("runReportAndWait passes its signal to runReport: an aborted one sends no POST", async () => {
    const { client, requests } = stubClient(completed);
    const error = await failure(
      client.runReportAndWait("report-1", { viewType: "Detail", signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });

  it("runReportAndWait's signal stops a POST in flight", async () => {
    const { client, server } = await faultClient(() => undefined);
    const controller = new AbortController();
    const pending = failure(client.runReportAndWait("report-1", { viewType: "Detail", signal: controller.signal }));
    await server.handled(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(server.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("an abort while waiting for the next poll ends the wait with AbortError, not a timeout", async () => {
    fakeClock();
    const controller = new AbortController();
    const seen: ReportRun[] = [];
    const { client } = stubClient(() => jsonResponse(200, ok(run("PROCESSINGDATA"))));
    const pending = failure(
      client.waitForReportRun(RUN_ID, {
        signal: controller.signal,
        maxWaitMs: 1000,
        intervalMs: 5000,
        onStatus: (r) => seen.push(r),
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
  });
});
