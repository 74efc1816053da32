// Zuora's per-tenant rate limits, as the mock counts them for a tenant type (`tenant: "api-sandbox"`: 2,500 requests
// a minute, 5,000 an hour, 10,000 a day per credential group): the 2,501st request within a minute is Zuora's 429,
// and the real client waits what `RateLimit-Reset` / `Retry-After` say. The mock's clock is moved by hand and the
// client's wait is observed through onRetry and then aborted: nothing here waits a minute.
import { AbortError, createReportingClient, type RetryInfo } from "@zuora-reports/client";
import { exampleOf, seedRun } from "@zuora-reports/conformance";
import { type MockServer, startMock, type Violation } from "@zuora-reports/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformance, problemsOf } from "./support/checked-fetch.js";

const { reportRunId: SEED_ID } = seedRun();
const CLIENT_ID = "0b0c1d2e-3f40-4152-8364-75a6b7c8d9e0";
const WINDOWS = "2500;w=60, 5000;w=3600, 10000;w=86400";

let now = Date.UTC(2026, 0, 5, 9);
const violations: Violation[] = [];
let mock: MockServer;

beforeAll(async () => {
  mock = await startMock({
    tenant: "api-sandbox",
    now: () => now,
    preferExamples: false,
    onViolation: (v) => violations.push(v),
  });
});

afterAll(async () => {
  await mock.stop();
  expect(violations).toEqual([]);
});

/** A token of the mock's /oauth/token: every request with it counts for CLIENT_ID's group. */
async function tokenFor(clientId: string): Promise<string> {
  const response = await fetch(`${mock.url}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `client_id=${clientId}&client_secret=secret&grant_type=client_credentials`,
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** `count` requests of the group, 50 at a time; their statuses. */
async function spend(token: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < count; sent += 50) {
    const batch = Array.from({ length: Math.min(50, count - sent) }, () =>
      fetch(`${mock.url}/reportruns/${SEED_ID}`, { headers: { Authorization: `Bearer ${token}` } }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      }),
    );
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

describe("tenant type api-sandbox", () => {
  it("answers the 2,501st request of a minute with Zuora's 429, and the client waits what RateLimit-Reset says", async () => {
    const token = await tokenFor(CLIENT_ID);
    const first = await fetch(`${mock.url}/reportruns/${SEED_ID}`, { headers: { Authorization: `Bearer ${token}` } });
    await first.arrayBuffer();
    expect(first.headers.get("ratelimit-limit")).toBe(`2500, ${WINDOWS}`);
    expect(first.headers.get("ratelimit-remaining")).toBe("2499");
    expect(first.headers.get("ratelimit-reset")).toBe("60");
    now += 15_000;
    expect(new Set(await spend(token, 2499))).toEqual(new Set([200]));

    // The 2,501st, through the client (the same client id, so the same group), 15 s into the minute.
    const seen: { retries: RetryInfo[]; answers: Response[] } = { retries: [], answers: [] };
    const controller = new AbortController();
    const client = createReportingClient({
      baseUrl: mock.url,
      auth: { token },
      fetch: async (request: Request) => {
        const response = await fetch(request);
        seen.answers.push(response.clone());
        const checked = await problemsOf(request, response.clone());
        expect(checked.problems).toEqual([]);
        return response;
      },
      onRetry: (info) => {
        seen.retries.push(info);
        controller.abort(); // the wait it chose is what counts; the test does not sit through it
      },
    });
    await expect(client.getReportRun(SEED_ID, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);

    const [refused] = seen.answers;
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("ratelimit-limit")).toBe(`2500, ${WINDOWS}`);
    expect(refused?.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused?.headers.get("ratelimit-reset")).toBe("45");
    expect(refused?.headers.get("retry-after")).toBe("45");
    // Zuora's shape: the document's TooManyRequests answer.
    expect(await refused?.json()).toEqual(exampleOf(conformance.operation("getReportRun"), 429).value);
    expect(seen.retries).toEqual([expect.objectContaining({ retry: 1, status: 429, delayMs: 45_000 })]);
    // The client reads Zuora's multi-window form: the window nearest exhaustion, and every policy.
    expect(client.rateLimit).toMatchObject({
      limit: 2500,
      remaining: 0,
      resetSeconds: 45,
      windowSeconds: 60,
      windows: [
        { limit: 2500, windowSeconds: 60 },
        { limit: 5000, windowSeconds: 3600 },
        { limit: 10000, windowSeconds: 86400 },
      ],
    });

    // After the wait the client chose, the group has a new minute.
    now += seen.retries[0]?.delayMs ?? 0;
    const again = await fetch(`${mock.url}/reportruns/${SEED_ID}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(again.headers.get("ratelimit-remaining")).toBe("2499");
  }, 120_000); // 2,500 requests on a shared machine: a bound, not a deadline

  it("counts each credential group apart, and the token endpoint in a window of its own", async () => {
    const other = await tokenFor("1b0c1d2e-3f40-4152-8364-75a6b7c8d9e0");
    const answer = await fetch(`${mock.url}/reportruns/${SEED_ID}`, { headers: { Authorization: `Bearer ${other}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit-remaining")).toBe("2499");
    const token = await fetch(`${mock.url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `client_id=${CLIENT_ID}&client_secret=secret&grant_type=client_credentials`,
    });
    expect(token.headers.get("ratelimit-limit")).toBe("2000, 2000;w=60");
  });
});
