// The client's per-attempt timeout against the mock's latency: with 200 ms before every answer's headers, a client
// that waits 100 ms gets RequestTimeoutError and one that waits 1 s gets the run. Real timers on both sides: this is
// the one place the time itself is what is tested (the mock's own tests hold its latency by hand).
import { createReportingClient, RequestTimeoutError } from "@zuora-reports/client";
import { seedRun } from "@zuora-reports/conformance";
import { type MockServer, startMock, type Violation } from "@zuora-reports/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { reportRunId } = seedRun();
const violations: Violation[] = [];
let mock: MockServer;

beforeAll(async () => {
  mock = await startMock({ latency: 200, preferExamples: false, onViolation: (v) => violations.push(v) });
});

afterAll(async () => {
  await mock.stop();
  expect(violations).toEqual([]);
});

const client = (timeoutMs: number) =>
  createReportingClient({ baseUrl: mock.url, auth: { token: "latency-token" }, timeoutMs, maxRetries: 0 });

describe("the mock's latency against the client's timeout", () => {
  it("a 100 ms timeout is a RequestTimeoutError when the mock takes 200 ms", async () => {
    await expect(client(100).getReportRun(reportRunId)).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it("a 1 s timeout gets the run", async () => {
    await expect(client(1000).getReportRun(reportRunId)).resolves.toMatchObject({
      id: reportRunId,
      status: "COMPLETED",
    });
  });

  it("set live through /__admin/settings: the same client times out once the mock is slower than it waits", async () => {
    const patient = client(1000);
    await expect(patient.getReportRun(reportRunId)).resolves.toMatchObject({ id: reportRunId });
    const patch = await fetch(`${mock.url}/__admin/settings`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ latency: "getReportRun=1500" }),
    });
    expect(patch.status).toBe(200);
    try {
      await expect(patient.getReportRun(reportRunId)).rejects.toBeInstanceOf(RequestTimeoutError);
    } finally {
      mock.configure({ latency: 200 });
    }
  });
});
