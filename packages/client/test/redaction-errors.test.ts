// Secrets kept out of what leaves the client: a secret's base64 form wherever it sits in a text, and every kind of
// credential (OAuth client secret and access tokens, a token function's tokens, the legacy password) echoed by a
// server into an API error.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { type ReportingClientOptions, redactSecrets, type ZuoraError } from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const SECRET = 'Zq9+/w=%Kp L0"x-7';

/** Every text of an error a caller may print or log. */
const shown = (error: ZuoraError) => `${error.message}\n${error.body}\n${JSON.stringify(error)}\n${String(error)}`;

describe("the base64 form of a secret", () => {
  const contexts = ["", "u", "us", "usr", "user:"];
  const tails = ["", ":", ":x", ":xy", ":more text after the secret"];

  it.each(contexts.flatMap((head) => tails.map((tail) => [head, tail])))(
    "inside base64(%j + secret + %j), amid other text: hidden, the text around it kept",
    (head, tail) => {
      const encoded = btoa(`${head}${SECRET}${tail}`);
      const text = `before ${encoded} after`;
      const result = redactSecrets(text, [SECRET]);
      expect(result).toMatch(/^before [A-Za-z0-9+/]*\[redacted\][A-Za-z0-9+/=]* after$/);
      const [left = "", right = ""] = result.slice("before ".length, -" after".length).split("[redacted]");
      // What is left is base64 of the text around the secret (it may share a character with it), no more.
      expect(encoded.startsWith(left)).toBe(true);
      expect(encoded.endsWith(right)).toBe(true);
      expect(left.length).toBeLessThanOrEqual(Math.ceil((head.length * 4) / 3));
      expect(right.replace(/=+$/, "").length).toBeLessThanOrEqual(Math.ceil((tail.length * 4) / 3));
      // ...and the text around is not eaten beyond the characters it shares with the secret.
      expect(left.length).toBeGreaterThanOrEqual(Math.floor((head.length * 4) / 3) - 3);
      expect(right.replace(/=+$/, "").length).toBeGreaterThanOrEqual(Math.floor((tail.length * 4) / 3) - 3);
    },
  );

  it("a short secret's base64 (under six characters of its own) is not matched in unrelated base64", () => {
    expect(redactSecrets("QUJDRA== and abcd", ["abcd"])).toBe("QUJDRA== and [redacted]");
  });

  it("a secret with non-ASCII characters is matched raw (it has no base64 form here)", () => {
    expect(redactSecrets("key=pässwörd-1 end", ["pässwörd-1"])).toBe("key=[redacted] end");
  });
});

/** A client with `auth`, against a server that answers every request but the token one with 400 `echo(request)`. */
function echoing(auth: ReportingClientOptions["auth"], echo: (request: Request) => string) {
  let n = 0;
  return stubClient(
    (request) =>
      request.url.endsWith("/oauth/token")
        ? jsonResponse(200, { access_token: `at-${++n}-Kq8zW2xV`, expires_in: 3600 })
        : new Response(echo(request), { status: 400, headers: { "Content-Type": "text/plain" } }),
    { auth },
  );
}

/** The header a credential travels in, echoed raw, JSON-escaped and as base64. */
const echoHeader = (name: string) => (request: Request) => {
  const value = request.headers.get(name) ?? "";
  return `got ${value} / ${JSON.stringify({ value })} / ${btoa(`x:${value}:y`)}`;
};

describe("credentials a server echoes into an API error", () => {
  it("an OAuth access token", async () => {
    const { client } = echoing({ clientId: "client-1", clientSecret: SECRET }, echoHeader("Authorization"));
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.message).toMatch(/^400: got Bearer \[redacted\] \/ /);
    expect(shown(error)).not.toContain("Kq8zW2xV");
    expect(shown(error)).not.toContain(btoa("at-1-Kq8zW2xV").slice(2, 10));
  });

  it("a token from a token function, also after it rotated", async () => {
    const tokens = ["rot-A-91x", "rot-B-92x", "rot-C-93x", "rot-D-94x", "rot-A-91x", "rot-A-91x", "rot-A-91x"];
    let call = 0;
    const { client } = echoing(
      { token: () => tokens[call++] as string },
      (request) => `now ${request.headers.get("Authorization")}; before: ${tokens.slice(1, 4).join(" ")}`,
    );
    let error: ZuoraError | undefined;
    for (let i = 0; i < tokens.length; i++) {
      error = await failure(client.getReportRun(RUN_ID, {}));
    }
    // The current token and the ones just before it (a retry may carry them) are all hidden.
    expect(error?.message).toBe("400: now Bearer [redacted]; before: [redacted] [redacted] [redacted]");
  });

  it("an async token function's token", async () => {
    const { client } = echoing({ token: async () => "async-tok-55" }, echoHeader("Authorization"));
    const error = await failure(client.getReportRun(RUN_ID));
    expect(shown(error)).not.toContain("async-tok-55");
    expect(error.message).toMatch(/^400: got Bearer \[redacted\]/);
  });

  it("a fixed token", async () => {
    const { client } = echoing({ token: "fixed-tok-66" }, echoHeader("Authorization"));
    const error = await failure(client.getReportRun(RUN_ID));
    expect(shown(error)).not.toContain("fixed-tok-66");
  });

  it("the legacy password (the user name is no secret)", async () => {
    const { client } = echoing({ username: "api@example.com", password: "pa55-w0rd!" }, (request) =>
      [echoHeader("apiSecretAccessKey")(request), request.headers.get("apiAccessKeyId")].join(" | "),
    );
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.message).toMatch(/^400: got \[redacted\] \/ .* \| api@example\.com$/);
    expect(shown(error)).not.toContain("pa55-w0rd!");
  });

  it("the OAuth client secret, still after many tokens came and went", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    let tokens = 0;
    const { client } = stubClient(
      (request) => {
        if (!request.url.endsWith("/oauth/token")) {
          return jsonResponse(200, ok(run("COMPLETED")));
        }
        tokens += 1;
        return tokens <= 6
          ? jsonResponse(200, { access_token: `tok-${tokens}-abcdef`, expires_in: 100 })
          : jsonResponse(400, { error: "invalid_client", error_description: `secret ${SECRET} was revoked` });
      },
      { auth: { clientId: "client-1", clientSecret: SECRET } },
    );
    for (let i = 0; i < 6; i++) {
      vi.setSystemTime(start + i * 100_000);
      await client.getReportRun(RUN_ID);
    }
    vi.setSystemTime(start + 600_000);
    const error = await failure(client.getReportRun(RUN_ID));
    expect(error.message).toMatch(/failed: 400: secret \[redacted\] was revoked$/);
    expect(shown(error)).not.toContain("Kp L0");
  });
});
