// The raw openapi-fetch client on its own: the auth headers it sets (authHeaders), its base URL, and headers the
// caller gives, which win.
import { seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { authHeaders, createRawClient } from "../src/index.js";

const { reportRunId: RUN_ID } = seedRun();

/** A raw client whose fetch records the request and answers 200 `{}`. */
function recorded(options: Omit<Parameters<typeof createRawClient>[0], "fetch">) {
  const requests: Request[] = [];
  const raw = createRawClient({
    ...options,
    fetch: async (request: Request) => {
      requests.push(request);
      return new Response("{}", { headers: { "Content-Type": "application/json" } });
    },
  });
  return { raw, requests };
}

describe("authHeaders", () => {
  it("a bearer token, the legacy pair, or nothing", () => {
    expect(authHeaders({ type: "bearer", token: "tok-1" })).toEqual({ Authorization: "Bearer tok-1" });
    expect(authHeaders({ type: "legacy", username: "api@example.com", password: "pw-1" })).toEqual({
      apiAccessKeyId: "api@example.com",
      apiSecretAccessKey: "pw-1",
    });
    expect(authHeaders(undefined)).toEqual({});
  });

  it("without auth, no header at all (not the legacy pair's names with undefined values)", () => {
    expect(authHeaders(undefined)).toStrictEqual({});
  });
});

describe("createRawClient", () => {
  it("sends the bearer token on every request", async () => {
    const { raw, requests } = recorded({ baseUrl: "https://zuora.test/v1", auth: { type: "bearer", token: "tok-1" } });
    await raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } } });
    await raw.DELETE("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } } });
    expect(requests.map((r) => r.headers.get("Authorization"))).toEqual(["Bearer tok-1", "Bearer tok-1"]);
  });

  it("sends the legacy pair, and no Authorization", async () => {
    const { raw, requests } = recorded({
      baseUrl: "https://zuora.test/v1",
      auth: { type: "legacy", username: "api@example.com", password: "pw-1" },
    });
    await raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } } });
    const [request] = requests;
    expect(request?.headers.get("apiAccessKeyId")).toBe("api@example.com");
    expect(request?.headers.get("apiSecretAccessKey")).toBe("pw-1");
    expect(request?.headers.get("Authorization")).toBeNull();
  });

  it("without auth sends no credentials; the caller's headers are sent and win", async () => {
    const { raw, requests } = recorded({ baseUrl: "https://zuora.test/v1", headers: { "Zuora-Track-Id": "t-1" } });
    await raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } } });
    expect(requests[0]?.headers.get("Authorization")).toBeNull();
    expect(requests[0]?.headers.get("Zuora-Track-Id")).toBe("t-1");
    const mine = recorded({
      baseUrl: "https://zuora.test/v1",
      auth: { type: "bearer", token: "tok-1" },
      headers: { Authorization: "Bearer mine" },
    });
    await mine.raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } } });
    expect(mine.requests[0]?.headers.get("Authorization")).toBe("Bearer mine");
  });

  it.each(["https://zuora.test/v1", "https://zuora.test/v1/", "https://zuora.test/v1///"])(
    "the base URL %s loses its trailing slashes, and nothing else",
    async (baseUrl) => {
      const { raw, requests } = recorded({ baseUrl });
      await raw.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } } });
      expect(requests[0]?.url).toBe(`https://zuora.test/v1/reportruns/${RUN_ID}`);
    },
  );
});
