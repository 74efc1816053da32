// OAuth client credentials as a caller meets them: a token endpoint that refuses (400 or 403), a token answer the
// client cannot use, and when a cached token is refreshed (a minute early, or a tenth of a short lifetime).
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, InternalServerError, type ReportingClientOptions } from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const SECRET = "s3cr3t-client-secret";
const oauth: Partial<ReportingClientOptions> = { auth: { clientId: "client-1", clientSecret: SECRET } };
const isToken = (request: Request) => request.url === "https://zuora.test/oauth/token";
const PREFIX = "OAuth token request to https://zuora.test/oauth/token failed: ";

/** A client whose token endpoint answers `token` (by call number), and every other request with a run. */
function withTokens(token: (n: number) => Response) {
  let n = 0;
  const stubbed = stubClient(
    (request) => (isToken(request) ? token(++n) : jsonResponse(200, ok(run("COMPLETED")))),
    oauth,
  );
  const used = () => stubbed.requests.filter((r) => !isToken(r)).map((r) => r.headers.get("Authorization"));
  const tokenRequests = () => stubbed.requests.filter(isToken).length;
  return { ...stubbed, used, tokenRequests };
}

describe("a token endpoint that refuses", () => {
  it.each([400, 401, 403])("a %i is an AuthenticationError, not retried, without the secret", async (status) => {
    const { client, tokenRequests, used } = withTokens(() =>
      jsonResponse(status, { error: "unauthorized_client", error_description: `Client ${SECRET} may not do this` }),
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(status);
    expect(error.message).toBe(`${PREFIX}${status}: Client [redacted] may not do this`);
    expect(tokenRequests()).toBe(1);
    expect(used()).toEqual([]);
  });

  it("a 500 stays an InternalServerError (retried first)", async () => {
    const { client, tokenRequests } = withTokens(() => jsonResponse(500, { message: "down" }));
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe(`${PREFIX}500: down`);
    expect(tokenRequests()).toBe(3);
  });
});

describe("a token answer without a usable access_token", () => {
  it.each([
    ["no access_token", { token_type: "bearer" }],
    ["a number", { access_token: 42 }],
    ["an empty one", { access_token: "" }],
    ["a leading space", { access_token: " tok" }],
    ["a trailing space", { access_token: "tok " }],
    ["a space inside", { access_token: "to k" }],
    ["a line break", { access_token: "tok\nX-Injected: 1" }],
    ["a non-ASCII character", { access_token: "tokén" }],
    ["not JSON at all", "<html>login</html>"],
  ])("%s is an AuthenticationError, and nothing is sent with it", async (_name, body) => {
    const { client, used } = withTokens(() =>
      typeof body === "string" ? new Response(body, { status: 200 }) : jsonResponse(200, body),
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(`${PREFIX}the answer has no usable access_token.`);
    expect(used()).toEqual([]);
  });

  it("any printable ASCII token without spaces is used as it is", async () => {
    const token = "!aZ09~._-+/=";
    const { client, used } = withTokens(() => jsonResponse(200, { access_token: token, expires_in: 3600 }));
    await client.getReportRun(RUN_ID);
    expect(used()).toEqual([`Bearer ${token}`]);
  });
});

describe("when a cached token is refreshed", () => {
  /** Calls at each offset (seconds after the first token) and returns the token each call carried. */
  async function tokensAt(expiresIn: unknown, offsets: number[]) {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const { client, used } = withTokens((n) => jsonResponse(200, { access_token: `tok-${n}`, expires_in: expiresIn }));
    for (const offset of offsets) {
      vi.setSystemTime(start + offset * 1000);
      await client.getReportRun(RUN_ID);
    }
    return used();
  }

  it("a short-lived token (100 s) is refreshed a tenth of its lifetime early, at 90 s", async () => {
    expect(await tokensAt(100, [0, 89.9, 90])).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  it("a long-lived token (3600 s) is refreshed a minute early", async () => {
    expect(await tokensAt(3600, [0, 3539.9, 3540])).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  it("exactly 600 s: a minute early either way", async () => {
    expect(await tokensAt(600, [0, 539.9, 540])).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  it.each([
    ["missing", undefined],
    ["nonsense", "soon"],
    ["negative", -20],
    ["zero", 0],
  ])("an expires_in that is %s counts as 300 s (refreshed at 270 s)", async (_name, expiresIn) => {
    expect(await tokensAt(expiresIn, [0, 269.9, 270])).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  it("a token given as a numeric string lifetime is read as a number", async () => {
    expect(await tokensAt("100", [0, 89.9, 90])).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });
});

describe("after a 401", () => {
  it("a call refused with a token that was already replaced does not throw the new token away", async () => {
    let tokens = 0;
    let refusals = 0;
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const { client, requests } = stubClient(async (request) => {
      if (isToken(request)) {
        tokens += 1;
        return jsonResponse(200, { access_token: `tok-${tokens}`, expires_in: 3600 });
      }
      const auth = request.headers.get("Authorization");
      if (auth === "Bearer tok-1") {
        refusals += 1;
        // The first call's 401 arrives only after the second call got tok-2.
        if (refusals === 1) {
          await firstHeld;
        }
        return jsonResponse(401, { message: "expired" });
      }
      return jsonResponse(200, ok(run("COMPLETED")));
    }, oauth);
    const first = client.getReportRun(RUN_ID);
    // Let the first call send its request with tok-1 (it is held), then a second call is refused and refreshes.
    while (requests.length < 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await client.getReportRun(RUN_ID);
    releaseFirst();
    await first;
    // The first call's refusal of tok-1 must not cost a third token: tok-2 is still good.
    expect(tokens).toBe(2);
    expect(requests.filter((r) => !isToken(r)).map((r) => r.headers.get("Authorization"))).toEqual([
      "Bearer tok-1",
      "Bearer tok-1",
      "Bearer tok-2",
      "Bearer tok-2",
    ]);
  });
});
