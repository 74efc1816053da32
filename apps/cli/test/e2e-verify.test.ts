// `verify` as a user runs it: the built binary against the Prism mock, from a clean environment.
import { seedRun } from "@zuora-reports/conformance";
import { startFaultServer } from "@zuora-reports/mock/testing";
import { describe, expect, inject, it } from "vitest";
import type { VerifyDocument as VerifyReport } from "../src/verify/format.js";
import { runCli } from "./support/spawn-cli.js";
import { WALK_OPERATIONS } from "./support/verify-runtime.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID } = seedRun();

const env = {
  ZUORA_CLIENT_ID: "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11",
  ZUORA_CLIENT_SECRET: "e2e-client-secret-value",
};

describe("zuora-reports verify --base-url <mock> --report <id>", () => {
  it("reports conformance and exits 0", async () => {
    const result = await runCli(
      ["verify", "--base-url", inject("mockUrl"), "--report", REPORT_ID, "--interval", "0.05"],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Checked \d+ responses from http:\/\/127\.0\.0\.1:\d+ against /);
    expect(result.stdout).toContain("Result: every response checked conforms to the spec.");
    expect(result.stdout).not.toContain(env.ZUORA_CLIENT_SECRET);
  });

  it("--json prints only the report document", async () => {
    const result = await runCli(
      ["--json", "verify", "--base-url", inject("mockUrl"), "--report", REPORT_ID, "--interval", "0.05"],
      { env },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as VerifyReport;
    expect(report).toMatchObject({ conforms: true, complete: true, exitCode: 0 });
    expect(new Set(report.exchanges.map((line) => line.operation))).toEqual(new Set(WALK_OPERATIONS));
  });
});

describe("zuora-reports --json verify, Ctrl-C", () => {
  it("while a request stalls: stops at once, prints one JSON document and exits 130", async () => {
    // The server never answers: only Ctrl-C (or the 60 s request timeout, beyond the test's own) ends the request.
    const server = await startFaultServer(() => {});
    const result = await runCli(["--json", "verify", "--base-url", server.url, "--run", RUN_ID], {
      env: { ZUORA_TOKEN: "stalled-test-token" },
      // Once the request reached the server, the Ctrl-C handler is in place.
      onSpawn: (child) => void server.handled(1).then(() => child.kill("SIGINT")),
    });
    expect(result.code, result.stderr).toBe(130);
    const document = JSON.parse(result.stdout) as VerifyReport;
    expect(document).toMatchObject({
      conforms: true,
      complete: false,
      stopped: "Stopped verifying.",
      exchanges: [],
      exitCode: 130,
    });
    // Interrupted before the first answer: no run to speak of.
    expect(document.run).toBeUndefined();
    expect(result.stderr).toBe("Stopped verifying.\n");
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET /reportruns/${RUN_ID}`]);
  });
});
