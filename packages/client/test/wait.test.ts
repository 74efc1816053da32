import { seedRun } from "@zuora-reports/conformance";
import { type FaultHandler, json, ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { AbortError, InternalServerError, type ReportRun, ReportRunTimeoutError } from "../src/index.js";
import { fakeClock, faultClient } from "./support/client.js";
import { events } from "./support/events.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const polling = faultClient;

/** Answers the n-th poll with the n-th status (the last one repeats). */
const statuses =
  (...list: string[]): FaultHandler =>
  (_req, res, i) =>
    json(res, 200, ok(run(list[Math.min(i, list.length - 1)] ?? "STARTED")));

describe("waitForReportRun", () => {
  it("never has more than one request in flight", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const answer = statuses("STARTED", "QUERYDATA", "QUERYDATA", "COMPLETED");
    const { client, server } = await polling(async (req, res, i) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      answer(req, res, i);
    });
    await client.waitForReportRun(RUN_ID, { intervalMs: 1 });
    expect(maxInFlight).toBe(1);
    expect(server.requests).toHaveLength(4);
  });

  it("rejects with ReportRunTimeoutError carrying the last run seen", async () => {
    fakeClock();
    const seen = events<ReportRun>();
    const { client } = await polling(statuses("QUERYDATA"));
    const pending = client
      .waitForReportRun(RUN_ID, { maxWaitMs: 60_000, intervalMs: 10_000, onStatus: seen.push })
      .catch((e: unknown) => e);
    for (let poll = 1; poll <= 6; poll++) {
      await seen.reached(poll);
      await vi.advanceTimersByTimeAsync(10_000);
    }
    const error = await pending;
    expect(error).toBeInstanceOf(ReportRunTimeoutError);
    expect((error as ReportRunTimeoutError).run?.status).toBe("QUERYDATA");
    expect((error as Error).message).toBe(
      `Report run ${RUN_ID} did not complete within 60000 ms (last status QUERYDATA).`,
    );
    expect(seen.seen).toHaveLength(6);
  });

  it("the deadline also bounds a poll that hangs, and its retries: nothing is sent after it", async () => {
    fakeClock();
    const seen = events<ReportRun>();
    // The first poll answers; every later one hangs. Each poll may take the client's 60 s and be retried twice.
    const { client, server } = await polling((req, res, i) => i === 0 && statuses("STARTED")(req, res, i));
    const pending = client
      .waitForReportRun(RUN_ID, { maxWaitMs: 5000, intervalMs: 1000, onStatus: seen.push })
      .catch((e: unknown) => e);
    await seen.reached(1);
    await vi.advanceTimersByTimeAsync(1000);
    await server.handled(2);
    // The deadline passes while the second poll hangs: the wait ends at once, not a per-request timeout later.
    await vi.advanceTimersByTimeAsync(4000);
    const error = await pending;
    expect(error).toBeInstanceOf(ReportRunTimeoutError);
    expect((error as ReportRunTimeoutError).run?.status).toBe("STARTED");
    expect(server.requests).toHaveLength(2);
  });

  it("the deadline cuts a retry wait short too", async () => {
    fakeClock();
    const { client, server, retried } = await polling((_req, res) => json(res, 503, {}), {
      retryBaseDelayMs: 30_000,
      retryMaxDelayMs: 30_000,
    });
    const pending = client.waitForReportRun(RUN_ID, { maxWaitMs: 10_000 }).catch((e: unknown) => e);
    await retried.reached(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await pending).toBeInstanceOf(ReportRunTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("still takes the deprecated timeoutMs as the deadline", async () => {
    fakeClock();
    const { client, server } = await polling(() => undefined);
    const pending = client.waitForReportRun(RUN_ID, { timeoutMs: 3000 }).catch((e: unknown) => e);
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(3000);
    const error = await pending;
    expect(error).toBeInstanceOf(ReportRunTimeoutError);
    expect((error as Error).message).toBe(`Report run ${RUN_ID} did not complete within 3000 ms.`);
  });

  it("stops at once on abort, also mid-sleep", async () => {
    const { client, server } = await polling(statuses("STARTED"));
    const controller = new AbortController();
    const seen: string[] = [];
    const pending = client
      .waitForReportRun(RUN_ID, {
        signal: controller.signal,
        intervalMs: 60_000,
        onStatus: (r) => {
          seen.push(r.status);
          // The 60 s sleep starts right after onStatus returns.
          setImmediate(() => controller.abort());
        },
      })
      .catch((e: unknown) => e);
    expect(await pending).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
    expect(seen).toEqual(["STARTED"]);
  });

  it("a poll that fails for good rejects with its error", async () => {
    const { client } = await polling((_req, res) => json(res, 500, {}), { maxRetries: 0 });
    await expect(client.waitForReportRun(RUN_ID)).rejects.toBeInstanceOf(InternalServerError);
  });
});
