// The client's log: what each level writes, and that no line ever carries a credential.
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it, vi } from "vitest";
import { InvalidArgumentError, type Logger, type LogLevel, type ReportingAuth } from "../../src/index.js";
import { failure } from "../support/client.js";
import { jsonResponse, stubClient } from "../support/stub.js";

const { reportRunId: RUN_ID, runIn: run } = seedRun();

const TOKEN = "tok-0123456789abcdef";
const CLIENT_SECRET = "cl13nt-s3cr3t-value";
const PASSWORD = "p4ssw0rd-value";

/** A logger that keeps every line, by level. */
function recorder() {
  const lines: [keyof Logger, string][] = [];
  const logger = Object.fromEntries(
    (["debug", "info", "warn", "error"] as const).map((level) => [level, (line: string) => lines.push([level, line])]),
  ) as unknown as Logger;
  return { logger, lines };
}

/** A 503 then a 200 with request id and rate limit, logged at `logLevel`. */
async function retriedCall(logLevel?: LogLevel) {
  const { logger, lines } = recorder();
  const { client } = stubClient(
    (_request, i) =>
      i === 0
        ? jsonResponse(503, { message: "busy" })
        : jsonResponse(200, ok(run("COMPLETED")), { "Zuora-Request-Id": "req-42", "RateLimit-Remaining": "49" }),
    { auth: { token: TOKEN }, logger, ...(logLevel ? { logLevel } : {}) },
  );
  await client.getReportRun(RUN_ID);
  return lines;
}

describe("log levels", () => {
  it("debug: each request (credentials hidden), answer and retry", async () => {
    const lines = await retriedCall("debug");
    expect(lines.map(([level]) => level)).toEqual(["debug", "debug", "info", "debug", "debug"]);
    const [request, answer, retry, , success] = lines.map(([, line]) => line);
    expect(request).toMatch(
      /^\[zuora-reports\] → GET https:\/\/zuora\.test\/v1\/reportruns\/\w+ .*authorization: \[hidden\]/,
    );
    expect(answer).toMatch(/^\[zuora-reports\] ← 503 GET https:\/\/zuora\.test\/v1\/reportruns\/\w+ in \d+ ms$/);
    expect(retry).toMatch(/^\[zuora-reports\] retry 1\/2 of GET \S+ in \d+ ms after 503 /);
    expect(success).toMatch(/← 200 GET \S+ in \d+ ms, request id req-42, rate limit 49 left$/);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("info: the retries only", async () => {
    expect((await retriedCall("info")).map(([level]) => level)).toEqual(["info"]);
  });

  it("warn (the default), error and off: nothing for a retry that succeeded", async () => {
    expect(await retriedCall()).toEqual([]);
    expect(await retriedCall("error")).toEqual([]);
    expect(await retriedCall("off")).toEqual([]);
  });

  it("info: a call given up after its retries, on a status or a connection that never answered", async () => {
    const { logger, lines } = recorder();
    const { client } = stubClient(
      (request) => {
        if (request.url.includes("refused")) {
          throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
        }
        return jsonResponse(500, { message: "down" });
      },
      { logger, logLevel: "info", maxRetries: 1 },
    );
    await failure(client.getReportRun(RUN_ID));
    await failure(client.getReportRun("refused"));
    // A 404 is not a failure the client could have cured: only the error says it.
    const { client: other } = stubClient(() => jsonResponse(404, { message: "no" }), { logger, logLevel: "info" });
    await failure(other.getReportRun(RUN_ID));
    expect(lines.map(([level, line]) => `${level} ${line.replace(/https:\S+/, "URL")}`)).toEqual([
      expect.stringMatching(/^info \[zuora-reports\] retry 1\/1 of GET URL in \d+ ms after 500 $/),
      "info [zuora-reports] GET URL failed after 1 retries: 500 ",
      expect.stringMatching(/^info \[zuora-reports\] retry 1\/1 of GET URL in \d+ ms after Connection error: /),
      expect.stringMatching(/^info \[zuora-reports\] GET URL failed after 1 retries: Connection error: .*ECONNREFUSED/),
    ]);
  });

  it("warn: a wait the server asked for, cut short by maxRetryAfterMs", async () => {
    for (const logLevel of ["warn", "error"] as const) {
      const { logger, lines } = recorder();
      const { client } = stubClient(
        (_request, i) =>
          i === 0
            ? jsonResponse(429, { message: "slow" }, { "Retry-After": "600" })
            : jsonResponse(200, ok(run("COMPLETED"))),
        { logger, logLevel, maxRetryAfterMs: 1 },
      );
      await client.getReportRun(RUN_ID);
      expect(lines.map(([level, line]) => `${level} ${line.replace(/https:\S+/, "URL")}`)).toEqual(
        logLevel === "warn"
          ? [
              "warn [zuora-reports] GET URL the server asked to wait 600000 ms before a retry; waiting 1 ms (maxRetryAfterMs)",
            ]
          : [],
      );
    }
  });

  it("no warning when the server's wait is within maxRetryAfterMs", async () => {
    const { logger, lines } = recorder();
    const { client } = stubClient(
      (_request, i) =>
        i === 0 ? jsonResponse(429, {}, { "Retry-After": "0.001" }) : jsonResponse(200, ok(run("COMPLETED"))),
      { logger },
    );
    await client.getReportRun(RUN_ID);
    expect(lines).toEqual([]);
  });

  it("the console by default", async () => {
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    try {
      const { client } = stubClient(() => jsonResponse(200, ok(run("COMPLETED"))), { logLevel: "debug" });
      await client.getReportRun(RUN_ID);
      expect(debug).toHaveBeenCalledTimes(2);
    } finally {
      debug.mockRestore();
    }
  });
});

describe("no secret in any line", () => {
  it("tokens, client secrets, passwords and their echoes are hidden in every line", async () => {
    const cases: [ReportingAuth, string[]][] = [
      [{ clientId: "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11", clientSecret: CLIENT_SECRET }, [CLIENT_SECRET, TOKEN]],
      [{ username: "api-user@example.com", password: PASSWORD }, [PASSWORD]],
      [{ token: TOKEN }, [TOKEN]],
    ];
    for (const [auth, secrets] of cases) {
      const { logger, lines } = recorder();
      const { client } = stubClient(
        (request) =>
          request.url.endsWith("/oauth/token")
            ? jsonResponse(200, { access_token: TOKEN, expires_in: 3599 })
            : // A gateway that echoes what it got, in the URL it reports and its error.
              jsonResponse(500, { message: `bad ${TOKEN} ${CLIENT_SECRET} ${PASSWORD}` }),
        { auth, logger, logLevel: "debug", maxRetries: 1 },
      );
      // The id echoes the secrets into the URL, raw and URL-encoded.
      await failure(client.getReportRun(`${secrets.join("-")}-${secrets.map(encodeURIComponent).join("+")}`));
      const all = lines.map(([, line]) => line).join("\n");
      expect(all).toContain("[redacted]");
      for (const secret of secrets) {
        expect(all).not.toContain(secret);
      }
      expect(all).not.toMatch(/apisecretaccesskey: (?!\[hidden\])/i);
      expect(all).not.toMatch(/client_secret/);
    }
  });
});

describe("options", () => {
  it("a logLevel or logger that cannot work is an InvalidArgumentError", () => {
    expect(() => stubClient(() => new Response(), { logLevel: "verbose" as LogLevel })).toThrow(
      new InvalidArgumentError('logLevel must be one of debug, info, warn, error, off, got "verbose".'),
    );
    expect(() => stubClient(() => new Response(), { logger: { info: () => undefined } as unknown as Logger })).toThrow(
      "logger must have debug, info, warn and error methods.",
    );
  });
});
