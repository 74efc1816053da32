// Each documented exit code of the built binary, and bad input refused before any request.

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRun } from "@zuora-reports/conformance";
import { json, ok, startFaultServer } from "@zuora-reports/mock/testing";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { closedPortUrl } from "./support/closed-port.js";
import { type CliResult, runCli } from "./support/spawn-cli.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID, runIn } = seedRun();

let mockUrl: string;
let nowhere: string;
let dir: string;
const env = { ZUORA_TOKEN: "x" };

beforeAll(async () => {
  mockUrl = inject("mockUrl");
  nowhere = await closedPortUrl();
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-exit-"));
});

/** One line on stderr, no stack trace. */
function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(
    result.stderr
      .trimEnd()
      .split("\n")
      .filter((line) => line.startsWith("error:")),
  ).toHaveLength(1);
}

describe("exit 3: the run ended INVALID, ERROR or CANCELLED", () => {
  it.each(["error", "invalid", "cancelled"])("wait on a run in the %s example", async (example) => {
    const result = await runCli(["wait", RUN_ID, "--base-url", mockUrl, "-H", `Prefer: example=${example}`, "--json"], {
      env,
    });
    expect(result.code).toBe(3);
    const body = JSON.parse(result.stdout);
    const status = example.toUpperCase();
    expect(body.error).toMatchObject({ exitCode: 3, type: "ReportRunFailedError" });
    expect(body.run).toMatchObject({ id: RUN_ID, status });
    expectOneLineError(result, new RegExp(`^error: Report run ${RUN_ID} ended with status ${status}\\.\n$`));
  });
});

describe("exit 4: authentication or permission", () => {
  it("Zuora answers 401", async () => {
    const result = await runCli(["status", RUN_ID, "--base-url", mockUrl, "-H", "Prefer: code=401", "--json"], { env });
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).error).toMatchObject({ exitCode: 4, status: 401, type: "AuthenticationError" });
    expectOneLineError(result, /^error: .*Authentication error.*check ZUORA_TOKEN/);
  });

  it("Zuora answers 401 loginFailed with the legacy pair, whose password is never printed", async () => {
    const result = await runCli(
      ["last", REPORT_ID, "--base-url", mockUrl, "-H", "Prefer: code=401, example=loginFailed", "--debug"],
      { env: { ZUORA_USERNAME: "me@example.com", ZUORA_PASSWORD: "hunter2-password" } },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: .*loginFailed/);
    expect(result.stdout + result.stderr).not.toContain("hunter2-password");
  });
});

describe("exit 5: network, timeout or server error", () => {
  it("nothing listens at the base URL", async () => {
    const result = await runCli(["status", RUN_ID, "--base-url", nowhere, "--json"], { env });
    expect(result.code).toBe(5);
    expect(JSON.parse(result.stdout).error).toMatchObject({ exitCode: 5, type: "ConnectionError" });
    expectOneLineError(result, /^error: .*127\.0\.0\.1/);
  });

  it("Zuora answers 500", async () => {
    const result = await runCli(["cancel", RUN_ID, "--base-url", mockUrl, "-H", "Prefer: code=500"], { env });
    expect(result.code).toBe(5);
    expectOneLineError(result, /^error: 500 /);
  });

  it("Zuora answers 429 with a Retry-After too long to wait for", async () => {
    // Without retries: the client would otherwise wait up to 60 s twice, as Zuora asks.
    const args = ["status", RUN_ID, "--base-url", mockUrl, "-H", "Prefer: code=429", "--max-retries", "0", "--json"];
    const result = await runCli(args, { env });
    expect(result.code).toBe(5);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      status: 429,
      type: "RateLimitError",
      retryAfterSeconds: 120,
    });
  });

  it("--timeout expires while the run is still going", async () => {
    const result = await runCli(
      ["wait", RUN_ID, "--timeout", "1", "--base-url", mockUrl, "-H", "Prefer: example=started", "--json"],
      { env },
    );
    expect(result.code).toBe(5);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { type: "ReportRunTimeoutError" },
      run: { status: "STARTED" },
    });
    expectOneLineError(result, new RegExp(`Keep waiting with: zuora-reports wait ${RUN_ID}`));
  });
});

describe("exit 1: other API errors", () => {
  it("Zuora answers 400 for an unknown run", async () => {
    const result = await runCli(["data", RUN_ID, "--base-url", mockUrl, "-H", "Prefer: code=400", "--json"], { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      exitCode: 1,
      status: 400,
      errorCode: "ZAN-USAGE-REST-ERROR",
      type: "BadRequestError",
    });
    expectOneLineError(result, /^error: 400 ZAN-USAGE-REST-ERROR: .*does not exist/);
  });
});

describe("exit 130: Ctrl-C while waiting", () => {
  it("stops cleanly and says how to cancel the run", async () => {
    const server = await startFaultServer((_req, res) => json(res, 200, ok(runIn("STARTED"))));
    const result = await runCli(["wait", RUN_ID, "--base-url", server.url], {
      env,
      // Once the first poll reached the server, the Ctrl-C handler is in place; the run never completes.
      onSpawn: (child) => void server.handled(1).then(() => child.kill("SIGINT")),
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `Stopped waiting. Report run ${RUN_ID} keeps running on Zuora; cancel it with: zuora-reports cancel ${RUN_ID}\n`,
    );
  });
});

// Independent short-lived processes: run them side by side.
describe.concurrent("exit 2: bad input is refused before any request", () => {
  // The base URL is a closed port: had a request been sent, the exit code would be 5.
  const cases: [string, string[], Record<string, string> | undefined, RegExp][] = [
    ["missing run id", ["status"], undefined, /missing required argument 'reportRunId'/],
    ["run id with a slash", ["status", "ab/cd"], undefined, /reportRunId "ab\/cd" is not an id/],
    ["empty report id", ["last", ""], undefined, /reportId is empty/],
    ["unknown command", ["statuz", RUN_ID], undefined, /unknown command 'statuz'/],
    ["unknown option", ["status", RUN_ID, "--loud"], undefined, /unknown option '--loud'/],
    [
      "unknown environment",
      ["status", RUN_ID, "--base-url", "", "--env", "moon"],
      undefined,
      /unknown environment "moon"/,
    ],
    ["no server at all", ["status", RUN_ID, "--base-url", ""], undefined, /No Zuora server given/],
    ["no credentials", ["status", RUN_ID], {}, /No credentials: set ZUORA_CLIENT_ID/],
    ["half an OAuth client", ["status", RUN_ID], { ZUORA_CLIENT_ID: "id" }, /ZUORA_CLIENT_SECRET is not set/],
    ["page size 0", ["data", RUN_ID, "--page-size", "0"], undefined, /--page-size must be a whole number from 1/],
    ["page size text", ["data", RUN_ID, "--page-size", "ten"], undefined, /--page-size must be a whole number/],
    ["bad format", ["data", RUN_ID, "--format", "xml"], undefined, /--format must be one of table, json, ndjson, csv/],
    [
      "--json with csv",
      ["data", RUN_ID, "--json", "--format", "csv"],
      undefined,
      /cannot be combined with --format csv/,
    ],
    ["run without --view", ["run", REPORT_ID], undefined, /required option '--view <type>' not specified/],
    ["run with a bad view", ["run", REPORT_ID, "--view", "Pivot"], undefined, /--view must be one of Detail, Summary/],
    ["bad timeout", ["wait", RUN_ID, "--timeout", "-3"], undefined, /--timeout must be a number of seconds above 0/],
    ["bad header", ["status", RUN_ID, "-H", "Prefer"], undefined, /-H\/--header expects "Name: value"/],
    ["bad track id", ["status", RUN_ID, "--track-id", "a;b"], undefined, /--track-id must be at most 64/],
    [
      "bad retry count",
      ["status", RUN_ID, "--max-retries", "11"],
      undefined,
      /--max-retries must be a whole number from 0 to 10/,
    ],
    ["output folder missing", ["export", RUN_ID, "--output", "/no/such/folder/x.csv"], undefined, /does not exist/],
  ];

  it.each(cases)("%s", async (_name, args, caseEnv, message) => {
    // A --base-url in the case's own arguments comes later, so it wins.
    const result = await runCli(["--base-url", nowhere, ...args], { env: caseEnv ?? env });
    expect(result.code).toBe(2);
    if (args.includes("--json")) {
      expect(JSON.parse(result.stdout).error).toMatchObject({ exitCode: 2, type: "UsageError" });
    } else {
      expect(result.stdout).toBe("");
    }
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("an output path that is a folder, with --json, answers in JSON", async () => {
    const result = await runCli(
      ["run", REPORT_ID, "--view", "Detail", "--output", dir, "--base-url", nowhere, "--json"],
      {
        env,
      },
    );
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { message: `--output ${dir} is a directory: give a file path.`, exitCode: 2, type: "UsageError" },
    });
  });
});
