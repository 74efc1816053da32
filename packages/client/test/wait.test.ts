import { describe, expect, it } from "vitest";
import {
  AbortError,
  createReportingClient,
  InternalServerError,
  type ReportRun,
  ReportRunTimeoutError,
} from "../src/index.js";
import { faultServer, json, ok, RUN_ID, run } from "./support/fault-server.js";

async function polling(statuses: string[], handlerDelayMs = 0) {
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await faultServer(async (_req, res, i) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
    inFlight -= 1;
    json(res, 200, ok(run(statuses[Math.min(i, statuses.length - 1)] ?? "STARTED")));
  });
  const client = createReportingClient({ baseUrl: server.url, auth: { token: "tok-123" }, retryBaseDelayMs: 1 });
  return { server, client, maxInFlight: () => maxInFlight };
}

describe("waitForReportRun", () => {
  it("never has more than one request in flight", async () => {
    const { client, maxInFlight, server } = await polling(["STARTED", "QUERYDATA", "QUERYDATA", "COMPLETED"], 5);
    await client.waitForReportRun(RUN_ID, { intervalMs: 1 });
    expect(maxInFlight()).toBe(1);
    expect(server.requests).toHaveLength(4);
  });

  it("rejects with ReportRunTimeoutError carrying the last run seen", async () => {
    const { client } = await polling(["QUERYDATA"]);
    const error = await client.waitForReportRun(RUN_ID, { timeoutMs: 40, intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportRunTimeoutError);
    expect((error as ReportRunTimeoutError).run?.status).toBe("QUERYDATA");
    expect((error as Error).message).toBe(
      `Report run ${RUN_ID} did not complete within 40 ms (last status QUERYDATA).`,
    );
  });

  it("times out as ReportRunTimeoutError when the poll itself outlasts the deadline", async () => {
    const { client } = await polling(["STARTED"], 200);
    const error = await client.waitForReportRun(RUN_ID, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportRunTimeoutError);
  });

  it("stops at once on abort, also mid-sleep", async () => {
    const { client, server } = await polling(["STARTED"]);
    const controller = new AbortController();
    const statuses: string[] = [];
    const pending = client
      .waitForReportRun(RUN_ID, {
        signal: controller.signal,
        intervalMs: 60_000,
        onStatus: (r: ReportRun) => statuses.push(r.status),
      })
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
    expect(statuses).toEqual(["STARTED"]);
  });

  it("a poll that fails for good rejects with its error", async () => {
    const server = await faultServer((_req, res) => json(res, 500, {}));
    const client = createReportingClient({ baseUrl: server.url, auth: { token: "tok-123" }, maxRetries: 0 });
    await expect(client.waitForReportRun(RUN_ID)).rejects.toBeInstanceOf(InternalServerError);
  });
});
