// `verify` as a user runs it: the built binary against the Prism mock, from a clean environment.
import { describe, expect, inject, it } from "vitest";
import type { VerifyDocument as VerifyReport } from "../src/verify/format.js";
import { REPORT_ID } from "./support/ids.js";
import { runCli } from "./support/spawn-cli.js";
import { WALK_OPERATIONS } from "./support/verify-runtime.js";

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
