// Faults Prism cannot produce, from a local node:http server: resets, stalls, bad bodies, rate limits, token trouble.
import { seedRun } from "@zuora-reports/conformance";
import { type FaultHandler, json, ok, stall } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  type ReportFilterGroup,
  type ReportingClientOptions,
  TimeoutError,
  ZuoraError,
} from "../../src/index.js";
import { failure, fakeClock, faultClient } from "../support/client.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID, runIn: run } = seedRun();

const SECRET = "s3cr3t-client-secret";
const TOKEN = "t0ken-abcdef";

const setup = (handler: FaultHandler, options: Partial<ReportingClientOptions> = {}) =>
  faultClient(handler, { auth: { token: TOKEN }, ...options }, "/reporting/api/rest/v1");

describe("connection faults", () => {
  it("a reset connection is retried, then reported as ConnectionError", async () => {
    const { server, client } = await setup((_req, res) => res.socket?.destroy());
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(
      /^Connection error: GET http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/reporting\/api\/rest\/v1\/reportruns\//,
    );
    expect(server.requests).toHaveLength(3);
  });

  it("recovers when a retry succeeds", async () => {
    const { client, retries } = await setup((_req, res, i) =>
      i === 0 ? res.socket?.destroy() : json(res, 200, ok(run("STARTED"))),
    );
    expect((await client.getReportRun(RUN_ID)).status).toBe("STARTED");
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toBeInstanceOf(ConnectionError);
  });

  it("a response slower than timeoutMs is a TimeoutError, after its retries", async () => {
    fakeClock();
    const { server, client, retries, retried } = await setup(() => undefined, { timeoutMs: 1000, maxRetries: 1 });
    const pending = failure(client.getReportRun(RUN_ID));
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(1000);
    await retried.reached(1);
    await vi.advanceTimersByTimeAsync(5);
    await server.handled(2);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("timed out after 1000 ms");
    expect(retries).toMatchObject([{ retry: 1, maxRetries: 1, error: expect.any(TimeoutError) }]);
    expect(server.requests).toHaveLength(2);
  });

  it("a per-call timeoutMs wins over the client's", async () => {
    fakeClock();
    const { server, client } = await setup(() => undefined, { maxRetries: 0 });
    const pending = failure(client.getReportRun(RUN_ID, { timeoutMs: 30 }));
    await server.handled(1);
    // The client's own 60 s would not have passed yet.
    await vi.advanceTimersByTimeAsync(30);
    expect(await pending).toBeInstanceOf(TimeoutError);
  });

  it("a body that stalls after the headers also times out", async () => {
    fakeClock();
    const { server, client } = await setup((_req, res) => stall(res, '{"success": true, '), {
      timeoutMs: 1000,
      maxRetries: 0,
    });
    const pending = failure(client.getReportRun(RUN_ID));
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toBeInstanceOf(TimeoutError);
  });

  it("a body that stalls is retried like a failed request, and the retry's body is read", async () => {
    fakeClock();
    const { server, client, retries, retried } = await setup(
      (_req, res, i) => (i === 0 ? stall(res, '{"success": true, ') : json(res, 200, ok(run("COMPLETED")))),
      { timeoutMs: 1000, maxRetries: 1 },
    );
    const pending = client.getReportRun(RUN_ID);
    await server.handled(1);
    await vi.advanceTimersByTimeAsync(1000);
    await retried.reached(1);
    await vi.advanceTimersByTimeAsync(5);
    expect((await pending).status).toBe("COMPLETED");
    expect(retries[0]?.error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it("the caller's signal aborts a stalled body with AbortError", async () => {
    const { server, client } = await setup((_req, res) => stall(res, '{"success": true, '));
    const controller = new AbortController();
    const pending = failure(client.getReportRun(RUN_ID, { signal: controller.signal }));
    await server.handled(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it("the caller's signal aborts at once with AbortError, also during a retry wait", async () => {
    const { server, client, retried } = await setup((_req, res) => json(res, 503, {}), {
      retryBaseDelayMs: 60_000,
      retryMaxDelayMs: 60_000,
    });
    const controller = new AbortController();
    const pending = failure(client.getReportRun(RUN_ID, { signal: controller.signal }));
    // onRetry is called just before the 60 s wait starts.
    await retried.reached(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("bad answers", () => {
  it("malformed JSON in a 200 is a ZuoraError with the status, not a SyntaxError", async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Zuora-Request-Id": "req-1" });
      res.end('{"success": tru');
    });
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(ZuoraError);
    expect(error).toMatchObject({ status: 200, requestId: "req-1" });
    expect(error.message).toContain("not the expected JSON envelope");
  });

  it("an HTML 502 page becomes InternalServerError with the page title, after retries", async () => {
    const { server, client } = await setup((_req, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>");
    });
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("502: 502 Bad Gateway");
    expect(server.requests).toHaveLength(3);
  });

  it("a 200 with success: false is an error", async () => {
    const { client } = await setup((_req, res) =>
      json(res, 200, {
        success: false,
        response: JSON.stringify({ message: "Nope.", errorCode: "ZAN-USAGE-REST-ERROR" }),
      }),
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.message).toBe("200 ZAN-USAGE-REST-ERROR: Nope.");
  });

  it("keeps a 20 MB message out of error.message, and a capped body on the error", async () => {
    const huge = "x".repeat(20 * 1024 * 1024);
    const { client } = await setup((_req, res) => json(res, 400, { message: `${TOKEN} ${huge}` }));
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.message).toMatch(/^400: \[redacted\] x{400,}…$/);
    expect(error.message.length).toBeLessThanOrEqual(500);
    expect(error.body?.length).toBeLessThanOrEqual(8192);
    expect(error.body).toMatch(/^\{"message":"\[redacted\] xxx/);
    expect(Object.keys(error)).not.toContain("body");
  });

  it("never puts the token in a message, even when the server echoes it", async () => {
    const { client } = await setup((req, res) => {
      res.writeHead(400, { "Content-Type": "text/plain" });
      res.end(`bad header ${req.headers.authorization}`);
    });
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.message).toBe("400: bad header Bearer [redacted]");
    expect(String(error)).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});

describe("rate limits and retries", () => {
  it("429 honours Retry-After (and reports rate-limit headers when it gives up)", async () => {
    const headers = {
      "Retry-After": "0",
      "RateLimit-Limit": "50000",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "0",
    };
    const { client, retries } = await setup(
      (_req, res) => json(res, 429, { code: "REQUEST_EXCEEDED_LIMIT", message: "Too many." }, headers),
      // A backoff this long would time the test out: only Retry-After: 0 keeps it fast.
      { retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000 },
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      errorCode: "REQUEST_EXCEEDED_LIMIT",
      retryAfterSeconds: 0,
      rateLimit: { limit: 50000, remaining: 0, resetSeconds: 0 },
    });
    expect(retries.map((r) => r.delayMs)).toEqual([0, 0]);
  });

  it("caps a long Retry-After at maxRetryAfterMs", async () => {
    const { client, retries } = await setup(
      (_req, res, i) =>
        i === 0
          ? json(res, 429, { message: "slow down" }, { "Retry-After": "3600" })
          : json(res, 200, ok(run("COMPLETED"))),
      { maxRetryAfterMs: 5 },
    );
    await client.getReportRun(RUN_ID);
    expect(retries[0]).toMatchObject({ retry: 1, delayMs: 5, status: 429 });
  });

  it("does not retry a 400", async () => {
    const { server, client } = await setup((_req, res) => json(res, 400, { message: "bad" }));
    await failure(client.getReportRun(RUN_ID));
    expect(server.requests).toHaveLength(1);
  });

  it("runReport without filters sends the JSON body [] (Zuora marks the body required)", async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, ok({ reportRunId: RUN_ID })));
    await client.runReport(REPORT_ID, { viewType: "Detail" });
    expect(server.requests[0]).toMatchObject({ body: "[]", headers: { "content-type": "application/json" } });
  });

  it("retries runReport with the same Idempotency-Key, and honours a caller's key", async () => {
    const { server, client } = await setup((_req, res, i) =>
      i % 2 === 0 ? json(res, 500, {}) : json(res, 200, ok({ reportRunId: RUN_ID })),
    );
    await client.runReport(REPORT_ID, { viewType: "Detail" });
    await client.runReport(REPORT_ID, { viewType: "Detail", idempotencyKey: "my-key-1" });
    const keys = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys.slice(2)).toEqual(["my-key-1", "my-key-1"]);
  });

  it("a retried runReport resends the same body and headers", async () => {
    const filters: ReportFilterGroup[] = [
      { filterClauses: [{ field: { name: "Product.Name" }, value: "Hockey", operator: { value: "contains" } }] },
    ];
    const { server, client } = await setup((_req, res, i) =>
      i === 0 ? json(res, 503, {}) : json(res, 200, ok({ reportRunId: RUN_ID })),
    );
    await client.runReport(REPORT_ID, { viewType: "Detail", filters, idempotencyKey: "k-1" });
    const [first, second] = server.requests;
    expect(first?.body).toBe(JSON.stringify(filters));
    expect(second?.body).toBe(first?.body);
    expect(second?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
      "idempotency-key": "k-1",
    });
  });

  it("an Authorization header the caller sets wins over the auth option, on retries too", async () => {
    const { server, client } = await setup(
      (_req, res, i) => (i === 0 ? json(res, 503, {}) : json(res, 200, ok(run("COMPLETED")))),
      { headers: { Authorization: "Bearer mine" } },
    );
    await client.getReportRun(RUN_ID);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer mine", "Bearer mine"]);
  });

  it("after a 401 a POST is resent with its body and a fresh token", async () => {
    let tokens = 0;
    const { server, client } = await setup(
      (req, res) => {
        if (req.url === "/oauth/token") {
          tokens += 1;
          return json(res, 200, { access_token: `tok-${tokens}`, expires_in: 3599 });
        }
        return req.headers.authorization === "Bearer tok-1"
          ? json(res, 401, { message: "Authentication error" })
          : json(res, 200, ok({ reportRunId: RUN_ID }));
      },
      { auth: { clientId: "client-1", clientSecret: SECRET } },
    );
    const filters: ReportFilterGroup[] = [];
    await client.runReport(REPORT_ID, { viewType: "Summary", filters });
    const posts = server.to("/reporting");
    expect(posts.map((r) => [r.headers.authorization, r.body])).toEqual([
      ["Bearer tok-1", "[]"],
      ["Bearer tok-2", "[]"],
    ]);
  });

  it("never retries a raw POST without an Idempotency-Key", async () => {
    const { server, client } = await setup((_req, res) => json(res, 500, {}));
    const { response } = await client.raw.POST("/reports/{reportId}/reportrun", {
      params: { path: { reportId: REPORT_ID }, query: { viewType: "Detail" } },
    });
    expect(response.status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });

  it("the raw client keeps openapi-fetch's { data, error } and retries reads", async () => {
    const { server, client } = await setup((_req, res, i) =>
      i === 0 ? json(res, 503, {}) : json(res, 200, ok(run("QUERYDATA"))),
    );
    const { data, error } = await client.raw.GET("/reportruns/{reportRunId}", {
      params: { path: { reportRunId: RUN_ID } },
    });
    expect(error).toBeUndefined();
    expect(data?.response.status).toBe("QUERYDATA");
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("OAuth", () => {
  const oauth = { auth: { clientId: "client-1", clientSecret: SECRET } };

  it("posts the client credentials as a form to /oauth/token on the origin", async () => {
    const { server, client } = await setup(
      (req, res) =>
        req.url === "/oauth/token"
          ? json(res, 200, { access_token: "tok-1", token_type: "bearer", expires_in: 3599 })
          : json(res, 200, ok(run("COMPLETED"))),
      { ...oauth, trackId: "nightly-42" },
    );
    await client.getReportRun(RUN_ID);
    const [token, get] = server.requests;
    expect(token?.method).toBe("POST");
    expect(token?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      client_id: "client-1",
      client_secret: SECRET,
      grant_type: "client_credentials",
    });
    expect(token?.headers.authorization).toBeUndefined();
    expect(get?.headers.authorization).toBe("Bearer tok-1");
    expect(get?.headers["zuora-track-id"]).toBe("nightly-42");
  });

  it("sends one token request however many calls wait for it", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { server, client } = await setup(async (req, res) => {
      if (req.url === "/oauth/token") {
        // The token is held back until every call has asked for it.
        await released;
        json(res, 200, { access_token: "tok-1", token_type: "bearer", expires_in: 3599 });
      } else {
        json(res, 200, ok(run("COMPLETED")));
      }
    }, oauth);
    const calls = Promise.all(Array.from({ length: 5 }, () => client.getReportRun(RUN_ID)));
    await server.handled(1);
    release();
    await calls;
    expect(server.to("/oauth/token")).toHaveLength(1);
    expect(server.to("/reporting")).toHaveLength(5);
  });

  it("after a 401 fetches a fresh token and retries once", async () => {
    let tokens = 0;
    const { server, client } = await setup((req, res) => {
      if (req.url === "/oauth/token") {
        tokens += 1;
        return json(res, 200, { access_token: `tok-${tokens}`, token_type: "bearer", expires_in: 3599 });
      }
      return req.headers.authorization === "Bearer tok-1"
        ? json(res, 401, { message: "Authentication error" })
        : json(res, 200, ok(run("COMPLETED")));
    }, oauth);
    expect((await client.getReportRun(RUN_ID)).status).toBe("COMPLETED");
    expect(server.requests.map((r) => r.headers.authorization ?? r.url)).toEqual([
      "/oauth/token",
      "Bearer tok-1",
      "/oauth/token",
      "Bearer tok-2",
    ]);
  });

  it("a second 401 is an AuthenticationError", async () => {
    const { server, client } = await setup(
      (req, res) =>
        req.url === "/oauth/token"
          ? json(res, 200, { access_token: "tok", token_type: "bearer", expires_in: 3599 })
          : json(res, 401, { message: "Authentication error" }),
      oauth,
    );
    await expect(client.getReportRun(RUN_ID)).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.to("/reporting")).toHaveLength(2);
  });

  it("refreshes the token a minute before it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    let tokens = 0;
    const { server, client } = await setup((req, res) => {
      if (req.url === "/oauth/token") {
        tokens += 1;
        return json(res, 200, { access_token: `tok-${tokens}`, token_type: "bearer", expires_in: 3599 });
      }
      return json(res, 200, ok(run("COMPLETED")));
    }, oauth);
    await client.getReportRun(RUN_ID);
    vi.setSystemTime(Date.now() + 3500_000);
    await client.getReportRun(RUN_ID);
    vi.setSystemTime(Date.now() + 60_000);
    await client.getReportRun(RUN_ID);
    expect(server.to("/reporting").map((r) => r.headers.authorization)).toEqual([
      "Bearer tok-1",
      "Bearer tok-1",
      "Bearer tok-2",
    ]);
  });

  it("a token endpoint that rejects the credentials gives AuthenticationError without the secret", async () => {
    const { server, client } = await setup(
      (_req, res) => json(res, 400, { error: "invalid_client", error_description: `Bad client secret ${SECRET}` }),
      oauth,
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(
      /^OAuth token request to http:\/\/127\.0\.0\.1:\d+\/oauth\/token failed: 400: Bad client secret \[redacted\]$/,
    );
    expect(server.to("/reporting")).toHaveLength(0);
  });

  it("a token endpoint that echoes its form body leaks no form of the secret", async () => {
    // Zuora's client secrets contain + / = ; a space and % make the URL encodings differ.
    const secret = "Zq9+/w=%Kp L0-x";
    const { client } = await setup(
      (req, res) =>
        json(res, 400, {
          error: "invalid_client",
          error_description: `Bad request body: ${req.body} (${JSON.stringify(req.body)}, ${btoa(`client-1:${secret}`)})`,
        }),
      { auth: { clientId: "client-1", clientSecret: secret } },
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    const shown = `${error.message}\n${error.body}\n${JSON.stringify(error)}`;
    expect(shown).toContain("client_secret=[redacted]&grant_type=client_credentials");
    for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
      expect(shown).not.toContain(form.slice(0, 4));
    }
    expect(shown).not.toContain(btoa(`client-1:${secret}`).slice(12, 20));
  });

  it("a token endpoint that fails is retried, then reported; the next call tries again", async () => {
    const { server, client } = await setup((_req, res) => json(res, 503, { message: "Service Unavailable" }), oauth);
    await expect(client.getReportRun(RUN_ID)).rejects.toBeInstanceOf(InternalServerError);
    expect(server.to("/oauth/token")).toHaveLength(3);
    await expect(client.getReportRun(RUN_ID)).rejects.toBeInstanceOf(InternalServerError);
    expect(server.to("/oauth/token")).toHaveLength(6);
  });

  it("tokenUrl overrides where tokens come from", async () => {
    const { server, client } = await setup(
      (req, res) =>
        req.url === "/custom/token"
          ? json(res, 200, { access_token: "tok", expires_in: 3599 })
          : json(res, 200, ok(run("COMPLETED"))),
      { ...oauth, tokenUrl: "/custom/token" },
    );
    await client.getReportRun(RUN_ID);
    expect(server.requests[0]?.url).toBe("/custom/token");
  });
});

describe("other auth", () => {
  it("a token provider is asked for every request", async () => {
    let n = 0;
    const { server, client } = await setup((_req, res) => json(res, 200, ok(run("COMPLETED"))), {
      auth: { token: async () => `tok-${++n}` },
    });
    await client.getReportRun(RUN_ID);
    await client.getReportRun(RUN_ID);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  it("username/password becomes the legacy header pair", async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, ok(run("COMPLETED"))), {
      auth: { username: "api@example.com", password: "pa55word" },
      entityId: "8a8082e65b27f6c3015b2acf7a6c1a2b",
    });
    await client.getReportRun(RUN_ID);
    expect(server.requests[0]?.headers).toMatchObject({
      apiaccesskeyid: "api@example.com",
      apisecretaccesskey: "pa55word",
      "zuora-entity-ids": "8a8082e65b27f6c3015b2acf7a6c1a2b",
    });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("paths", () => {
  it("encodes ids so they cannot escape their path segment", async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, ok(run("COMPLETED"))));
    await client.getReportRun("../../oauth/token?x=1#y");
    expect(server.requests[0]?.url).toBe("/reporting/api/rest/v1/reportruns/..%2F..%2Foauth%2Ftoken%3Fx%3D1%23y");
  });
});
