// How waitForReportRun spaces its polls (× 1.5 per poll, up to 5 s in the first minute and 60 s after it, slower when
// the rate limit is nearly spent) and which deadline it keeps, on the fake clock.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import {
  InvalidArgumentError,
  ReportRunTimeoutError,
  WAIT_DEFAULTS,
  type WaitOptions,
  waitForRun,
} from "../src/index.js";
import { failure, fakeClock } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

/**
 * The gaps between polls of a run that completes at poll `polls`: each expected gap is waited out on the fake clock,
 * and no poll may come a millisecond early.
 */
async function gapsOf(options: WaitOptions, expected: number[]): Promise<number[]> {
  fakeClock();
  const times: number[] = [];
  const { client } = stubClient(() => {
    times.push(Date.now());
    return jsonResponse(200, ok(run(times.length > expected.length ? "COMPLETED" : "QUERYDATA")));
  });
  const pending = client.waitForReportRun(RUN_ID, options);
  await vi.advanceTimersByTimeAsync(0);
  for (const gap of expected) {
    const before = times.length;
    await vi.advanceTimersByTimeAsync(gap - 1);
    expect(times, `a poll came before ${gap} ms`).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(times, `no poll after ${gap} ms`).toHaveLength(before + 1);
  }
  expect((await pending).status).toBe("COMPLETED");
  return times.slice(1).map((time, i) => time - (times[i] as number));
}

/**
 * The gaps between the first `polls` polls of a run that answers with `headers` (the clock moved on in big steps: the
 * fake timers fire each at its own instant, so the gaps are exact).
 */
async function gapsAlong(options: WaitOptions, polls: number, headers: (poll: number) => Record<string, string>) {
  fakeClock();
  const times: number[] = [];
  const { client } = stubClient(() => {
    times.push(Date.now());
    const status = times.length >= polls ? "COMPLETED" : "QUERYDATA";
    return jsonResponse(200, ok(run(status)), headers(times.length));
  });
  const pending = client.waitForReportRun(RUN_ID, { maxWaitMs: 24 * 3_600_000, ...options });
  while (times.length < polls) {
    await vi.advanceTimersByTimeAsync(1000);
  }
  expect((await pending).status).toBe("COMPLETED");
  return times.slice(1).map((time, i) => time - (times[i] as number));
}

describe("poll spacing", () => {
  it("the first poll is sent at once, then each delay is 1.5 × the one before, up to 5 s in the first minute", async () => {
    const expected = [1024, 1536, 2304, 3456, 5000, 5000];
    expect(await gapsOf({ intervalMs: 1024 }, expected)).toEqual(expected);
  });

  it("the default first delay is 1 s", async () => {
    expect(WAIT_DEFAULTS).toMatchObject({
      intervalMs: 1000,
      maxIntervalMs: 60_000,
      backoff: 1.5,
      quickPeriodMs: 60_000,
      quickMaxIntervalMs: 5000,
      rateLimitShare: 0.1,
    });
    expect(await gapsOf({}, [1000, 1500, 2250, 3375, 5000])).toEqual([1000, 1500, 2250, 3375, 5000]);
  });

  it("by default: 5 s apart for the first minute, then × 1.5 towards one poll a minute", async () => {
    // (The fake timers drop the fractions of a millisecond.)
    const gaps = await gapsAlong({}, 26, () => ({}));
    const fiveSeconds = Array(11).fill(5000);
    expect(gaps).toEqual([
      1000,
      1500,
      2250,
      3375,
      ...fiveSeconds,
      7500,
      11_250,
      16_875,
      25_312,
      37_968,
      56_953,
      60_000,
      60_000,
      60_000,
      60_000,
    ]);
  });

  it("a nearly spent rate limit slows the polls: a tenth of what is left, spread until the reset", async () => {
    // 100 requests left for 30 s: at most 10 of them, so 3 s apart; then plenty again.
    const gaps = await gapsAlong(
      {},
      4,
      (poll): Record<string, string> =>
        poll === 1
          ? { "RateLimit-Limit": "50000", "RateLimit-Remaining": "100", "RateLimit-Reset": "30" }
          : { "RateLimit-Remaining": "49000", "RateLimit-Reset": "30" },
    );
    expect(gaps).toEqual([3000, 1500, 2250]);
  });

  it("nothing left: the next poll waits for the window's reset, whatever the options say", async () => {
    const gaps = await gapsAlong(
      { intervalMs: 1, maxIntervalMs: 1 },
      3,
      (poll): Record<string, string> => (poll === 1 ? { "RateLimit-Remaining": "0", "RateLimit-Reset": "600" } : {}),
    );
    // The second answer has no RateLimit headers: the state stays as it was, but aged by the 600 s waited.
    expect(gaps).toEqual([600_000, 1]);
  });

  it("remaining without a reset (or a reset without remaining) says nothing about the budget", async () => {
    const gaps = await gapsAlong(
      {},
      4,
      (poll): Record<string, string> =>
        poll === 1 ? { "RateLimit-Remaining": "0" } : poll === 2 ? { "RateLimit-Reset": "600" } : {},
    );
    expect(gaps).toEqual([1000, 1500, 2250]);
  });

  it("waitForRun on its own knows no rate limit: its schedule is the plain one", async () => {
    fakeClock();
    const times: number[] = [];
    const pending = waitForRun(RUN_ID, async () => {
      times.push(Date.now());
      return run(times.length >= 3 ? "COMPLETED" : "QUERYDATA");
    });
    await vi.advanceTimersByTimeAsync(2500);
    expect((await pending).status).toBe("COMPLETED");
    expect(times.slice(1).map((time, i) => time - (times[i] as number))).toEqual([1000, 1500]);
  });

  it("maxIntervalMs caps the growth", async () => {
    expect(await gapsOf({ intervalMs: 1000, maxIntervalMs: 1600 }, [1000, 1500, 1600, 1600])).toEqual([
      1000, 1500, 1600, 1600,
    ]);
  });

  it("an interval above the first minute's cap is kept, not cut to 5 s", async () => {
    expect(await gapsOf({ intervalMs: 20_000 }, [20_000, 20_000])).toEqual([20_000, 20_000]);
  });
});

describe("the wait's deadline", () => {
  /** Waits for a run that never ends; returns the error and how long (fake) it took. */
  async function expire(options: WaitOptions, runFor: number) {
    fakeClock();
    const start = Date.now();
    const { client } = stubClient(() => jsonResponse(200, ok(run("QUERYDATA"))));
    const pending = failure(client.waitForReportRun(RUN_ID, { intervalMs: 100, maxIntervalMs: 100, ...options }));
    await vi.advanceTimersByTimeAsync(runFor - 1);
    let settled = false;
    pending.finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled, `settled before ${runFor} ms`).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    return { error, took: Date.now() - start };
  }

  it("maxWaitMs wins over the deprecated timeoutMs when both are given", async () => {
    const { error, took } = await expire({ maxWaitMs: 2000, timeoutMs: 50_000 }, 2000);
    expect(error).toBeInstanceOf(ReportRunTimeoutError);
    expect(error.message).toBe(`Report run ${RUN_ID} did not complete within 2000 ms (last status QUERYDATA).`);
    expect(took).toBe(2000);
  });

  it("the deprecated timeoutMs alone is the deadline", async () => {
    const { error } = await expire({ timeoutMs: 3000 }, 3000);
    expect(error.message).toBe(`Report run ${RUN_ID} did not complete within 3000 ms (last status QUERYDATA).`);
  });

  it("options are checked under the name the caller used, before anything is sent", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))));
    const cases: [WaitOptions, string][] = [
      [{ timeoutMs: 0 }, "timeoutMs must be a number from 1 to"],
      [{ maxWaitMs: 0, timeoutMs: 1000 }, "maxWaitMs must be a number from 1 to"],
      [{ maxWaitMs: 1000, timeoutMs: 0 }, ""],
      [{ intervalMs: 0 }, "intervalMs must be a number from 1 to"],
      [{ maxIntervalMs: 0 }, "maxIntervalMs must be a number from 1 to"],
    ];
    for (const [options, message] of cases) {
      const outcome = client.waitForReportRun(RUN_ID, options);
      if (message) {
        const error = await failure(outcome);
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error.message).toContain(message);
      } else {
        expect((await outcome).status).toBe("COMPLETED");
      }
    }
    expect(requests).toHaveLength(1);
  });
});
