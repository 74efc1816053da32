// fetchOptions: passed to every request (first attempts, retries, token requests), and what the client sets itself
// refused up front.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { createReportingClient, type FetchOptions, InvalidArgumentError } from "../../src/index.js";
import { jsonResponse } from "../support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

function client(fetchOptions: FetchOptions | undefined, auth: object = { token: "tok-123" }) {
  const seen: [string, unknown][] = [];
  const fetch = async (request: Request, init?: unknown) => {
    seen.push([new URL(request.url).pathname, init]);
    if (request.url.endsWith("/oauth/token")) {
      return jsonResponse(200, { access_token: "tok-abc", expires_in: 3599 });
    }
    return seen.length === 2 ? jsonResponse(200, ok(run("COMPLETED"))) : jsonResponse(503, {});
  };
  const made = createReportingClient({
    baseUrl: "https://zuora.test/v1",
    auth,
    fetch,
    fetchOptions,
    retryBaseDelayMs: 1,
  } as Parameters<typeof createReportingClient>[0]);
  return { client: made, seen };
}

describe("fetchOptions", () => {
  it("go with every attempt, as fetch's second argument", async () => {
    const fetchOptions: FetchOptions = { cache: "no-store", keepalive: true };
    const { client: made, seen } = client(fetchOptions);
    await made.getReportRun(RUN_ID);
    expect(seen.map(([, init]) => init)).toEqual([fetchOptions, fetchOptions]);
  });

  it("go with the token request too", async () => {
    const fetchOptions: FetchOptions = { credentials: "omit" };
    const { client: made, seen } = client(fetchOptions, {
      clientId: "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11",
      clientSecret: "s3cr3t",
    });
    await made.getReportRun(RUN_ID).catch(() => undefined);
    expect(seen[0]).toEqual(["/oauth/token", fetchOptions]);
  });

  it("without them fetch gets the request alone", async () => {
    const { client: made, seen } = client(undefined);
    await made.getReportRun(RUN_ID);
    expect(seen.map(([, init]) => init)).toEqual([undefined, undefined]);
  });

  it("what the client sets itself is refused", () => {
    for (const name of ["method", "headers", "body", "signal"]) {
      expect(() => client({ [name]: "x" } as FetchOptions)).toThrow(
        new InvalidArgumentError(`fetchOptions.${name} is set by the client itself; leave it out.`),
      );
    }
  });
});
