import { ConnectionError, type RetryInfo, TimeoutError } from "@zuora-reports/client";
import { describe, expect, it } from "vitest";
import { retryNotice } from "../src/notices.js";

const info = (extra: Partial<RetryInfo>): RetryInfo => ({
  retry: 1,
  maxRetries: 2,
  delayMs: 60_000,
  method: "GET",
  url: "http://x.test/r",
  ...extra,
});

describe("retryNotice", () => {
  it.each([
    [{ status: 429 }, "rate limited, retrying in 60 s (1/2)"],
    [{ status: 503, retry: 2, delayMs: 1500 }, "Zuora answered 503, retrying in 2 s (2/2)"],
    [{ error: new TimeoutError("timed out") }, "request timed out, retrying in 60 s (1/2)"],
    [{ error: new ConnectionError("refused") }, "connection failed, retrying in 60 s (1/2)"],
  ])("%j → %s", (extra, notice) => {
    expect(retryNotice(info(extra))).toBe(notice);
  });

  it("says nothing about a wait of a second or less", () => {
    expect(retryNotice(info({ status: 429, delayMs: 1000 }))).toBeUndefined();
  });
});
