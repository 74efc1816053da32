// createRawClient speaks the client's auth vocabulary, and still understands the former one.
import { describe, expect, it } from "vitest";
import { authHeaders, createRawClient, type RawAuth, type StaticAuth } from "../src/index.js";

/** The headers `auth` puts on a request of a raw client. */
async function headersFor(auth: StaticAuth | RawAuth | undefined): Promise<Headers> {
  let seen: Request | undefined;
  const raw = createRawClient({
    baseUrl: "http://127.0.0.1:9/reporting/",
    auth,
    fetch: async (request: Request) => {
      seen = request;
      return Response.json({ success: true, response: "ok" });
    },
  });
  await raw.DELETE("/reportruns/{reportRunId}", { params: { path: { reportRunId: "r1" } } });
  expect(seen?.url).toBe("http://127.0.0.1:9/reporting/reportruns/r1");
  return seen?.headers ?? new Headers();
}

describe("createRawClient auth", () => {
  it("takes { token } and { username, password }, as createReportingClient does", async () => {
    expect((await headersFor({ token: "tok-1" })).get("Authorization")).toBe("Bearer tok-1");
    const legacy = await headersFor({ username: "api@example.com", password: "pa55word" });
    expect([legacy.get("apiAccessKeyId"), legacy.get("apiSecretAccessKey")]).toEqual(["api@example.com", "pa55word"]);
    expect(legacy.get("Authorization")).toBeNull();
    expect((await headersFor(undefined)).get("Authorization")).toBeNull();
  });

  it("still takes the deprecated { type: 'bearer' | 'legacy' } forms, with the same headers", async () => {
    expect((await headersFor({ type: "bearer", token: "tok-1" })).get("Authorization")).toBe("Bearer tok-1");
    expect(authHeaders({ type: "legacy", username: "u", password: "p" })).toEqual(
      authHeaders({ username: "u", password: "p" }),
    );
    expect(authHeaders({ type: "bearer", token: "t" })).toEqual({ Authorization: "Bearer t" });
  });
});
