// Small public helpers at their edges: secrets in rarer encodings (and nothing more hidden than the secret), Zuora
// timestamps in every form and in any local time zone, and argument limits taken exactly.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidArgumentError, parseTimestamp, redactSecrets } from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

describe("redactSecrets at the edges", () => {
  it("a control character of a secret URL-encoded with its leading zero (%09)", () => {
    expect(redactSecrets("got ab%09cd!", ["ab\tcd!"])).toBe("got [redacted]");
  });

  it("a secret with characters outside Latin-1 (no base64 form) is still hidden raw", () => {
    expect(redactSecrets("pw=pass€word;", ["pass€word"])).toBe("pw=[redacted];");
  });

  it("a + stands for a space only, not for another character of the secret", () => {
    expect(redactSecrets("ab+cd ab-cd", ["ab-cd"])).toBe("ab+cd [redacted]");
    expect(redactSecrets("ab+cd", ["ab cd"])).toBe("[redacted]");
  });

  it("base64 that only shares a short prefix with a short secret's base64 is left alone", () => {
    // btoa("abcxyz") starts like btoa("abcd"): four characters are no evidence of the secret.
    expect(redactSecrets(`${btoa("abcxyz")} abcd`, ["abcd"])).toBe(`${btoa("abcxyz")} [redacted]`);
  });

  it("a seven-character secret's base64 is hidden at every alignment (at one of them by six characters only)", () => {
    for (const head of ["", "x", "xy"]) {
      const encoded = btoa(`${head}k3y-567 and more`);
      expect(redactSecrets(`[${encoded}]`, ["k3y-567"]), head).toContain("[redacted]");
    }
  });
});

describe("parseTimestamp at the edges", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("reads Z and offset-less times as UTC whatever the local time zone", () => {
    process.env.TZ = "America/New_York";
    expect(parseTimestamp("2018-04-13T02:11:38Z").toISOString()).toBe("2018-04-13T02:11:38.000Z");
    expect(parseTimestamp("2018-04-13T02:11:38.5z").toISOString()).toBe("2018-04-13T02:11:38.500Z");
    expect(parseTimestamp("2018-04-13T02:11:38").toISOString()).toBe("2018-04-13T02:11:38.000Z");
  });

  it.each([
    [" 2018-04-13T02:11:38Z\n", "2018-04-13T02:11:38.000Z"],
    ["2018-04-13T02:11Z", "2018-04-13T02:11:00.000Z"],
    ["2018-04-13T02:11+0130", "2018-04-13T00:41:00.000Z"],
    [" 1453166692000 ", "2016-01-19T01:24:52.000Z"],
    ["-1000", "1969-12-31T23:59:59.000Z"],
  ])("%j → %s", (input, iso) => {
    expect(parseTimestamp(input).toISOString()).toBe(iso);
  });

  it.each([
    null,
    undefined,
    {},
    "x2018-04-13T02:11:38Z",
    "2018-04-13T02:11:38Zjunk",
    "2018-04-13",
    Number.POSITIVE_INFINITY,
  ])("rejects %j with a message that quotes it", (input) => {
    const parse = () => parseTimestamp(input as string);
    expect(parse).toThrow(InvalidArgumentError);
    expect(parse).toThrow(`Not a Zuora timestamp: ${JSON.stringify(input)}.`);
  });
});

describe("limits taken exactly", () => {
  it("maxRetries 10 is allowed, and makes 11 attempts", async () => {
    const { client, requests } = stubClient(() => jsonResponse(503, {}), {
      maxRetries: 10,
      retryBaseDelayMs: 0,
      retryMaxDelayMs: 0,
    });
    await failure(client.getReportRun(RUN_ID));
    expect(requests).toHaveLength(11);
  });

  it("an Idempotency-Key of 255 characters is sent; 256 is refused", async () => {
    const { client, requests } = stubClient(() => jsonResponse(200, ok({ reportRunId: RUN_ID })));
    await client.runReport("report-1", { viewType: "Detail", idempotencyKey: "k".repeat(255) });
    expect(requests[0]?.headers.get("Idempotency-Key")).toHaveLength(255);
    const error = await failure(client.runReport("report-1", { viewType: "Detail", idempotencyKey: "k".repeat(256) }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(requests).toHaveLength(1);
  });

  it("the token request asks for JSON, as a form, with the client's track id", async () => {
    const { client, requests } = stubClient(
      (request) =>
        request.url.endsWith("/oauth/token")
          ? jsonResponse(200, { access_token: "tok-1" })
          : jsonResponse(200, ok(run("COMPLETED"))),
      { auth: { clientId: "client-1", clientSecret: "secret-1" }, trackId: "t-1" },
    );
    await client.getReportRun(RUN_ID);
    const token = requests[0];
    expect(token?.headers.get("Accept")).toBe("application/json");
    expect(token?.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(token?.headers.get("Zuora-Track-Id")).toBe("t-1");
    expect(token?.method).toBe("POST");
  });
});
