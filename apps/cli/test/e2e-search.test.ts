// `search` and `run <name>` of the built binary against the mock's catalogue of saved reports.

import { seedRun } from "@zuora-reports/conformance";
import { type MockServer, startMock } from "@zuora-reports/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/spawn-cli.js";

const { reportId: SEED_REPORT } = seedRun();
const env = { ZUORA_TOKEN: "x" };
let mock: MockServer;
let base: string[];

beforeAll(async () => {
  mock = await startMock({ pace: "poll", preferExamples: false });
  base = ["--base-url", mock.url];
});

afterAll(() => mock.stop());

/** The reports `search <text> --json` prints. */
const searchJson = async (text: string) => {
  const result = await runCli(["search", text, "--json", ...base], { env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { id: string; name: string }[];
};

describe("search", () => {
  it("prints the matching reports as a table, with their ids", async () => {
    const result = await runCli(["search", "invoice detail account", ...base], { env });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID +Name +Type +Data source +Updated$/);
    expect(lines[1]).toMatch(/^-+ {2}-+/);
    expect(lines[2]).toMatch(new RegExp(`^${SEED_REPORT} +Invoice Detail by Account +Detail +Invoice +2016-01-18`));
    expect(lines.at(-1)).toBe("3 reports.");
    expect(result.stderr).toBe("");
  });

  it("reads every page with --json (more than the 50 one answer carries), or stops at --limit", async () => {
    const all = await searchJson("account");
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all.map((report) => report.id)).size).toBe(all.length);
    for (const report of all) {
      expect(report.name.toLowerCase()).toContain("account");
    }
    const limited = await runCli(["search", "account", "--limit", "3", ...base], { env });
    expect(limited.code).toBe(0);
    expect(limited.stdout.trimEnd().split("\n").at(-1)).toBe("3 reports (--limit 3; there may be more).");
    const json = await runCli(["search", "account", "--limit", "3", "--json", ...base], { env });
    expect(JSON.parse(json.stdout).map((report: { id: string }) => report.id)).toEqual(
      all.slice(0, 3).map((report) => report.id),
    );
  });

  it("says so when nothing matches, and prints [] with --json", async () => {
    const result = await runCli(["search", "nothing matches this", ...base], { env });
    expect(result).toEqual({ code: 0, stdout: 'No report matches "nothing matches this".\n', stderr: "" });
    expect(await searchJson("nothing matches this")).toEqual([]);
  });

  it("searches Insights Analysis reports with --namespace ADVANCED", async () => {
    expect(await searchJson("churn")).toEqual([]);
    const result = await runCli(["search", "churn", "--namespace", "ADVANCED", "--json", ...base], { env });
    expect(JSON.parse(result.stdout).map((report: { name: string }) => report.name)).toEqual(["Churn Risk by Account"]);
  });

  it("refuses a text without a word of 3 letters, and a bad --limit, before any request (exit 2)", async () => {
    const short = await runCli(["search", "ab c", ...base], { env });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("search needs a word of 3 letters or more");
    const limit = await runCli(["search", "invoice", "--limit", "0", ...base], { env });
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("--limit must be a whole number from 1");
  });
});

describe("help", () => {
  it("lists search, and says run takes a name", async () => {
    const help = await runCli(["--help"]);
    expect(help.stdout).toMatch(/^ {2}search \[options\] <text> +find reports by name/m);
    expect(help.stdout).toContain('zuora-reports search "invoice account"');
    const run = await runCli(["run", "--help"]);
    // Commander wraps help at the terminal's width.
    expect(run.stdout.replace(/\s+/g, " ")).toContain("or its exact name (looked up with search)");
    const search = await runCli(["search", "--help"]);
    expect(search.stdout).toContain("--limit <n>");
    expect(search.stdout).toContain("--namespace <namespace>");
  });
});

describe("run <name>", () => {
  async function reportOfRun(stdout: string): Promise<string> {
    const { reportRunId } = JSON.parse(stdout);
    const status = await runCli(["status", reportRunId, "--json", ...base], { env });
    return JSON.parse(status.stdout).reportId;
  }

  it("runs the report whose name is the argument, case aside, and says which id it is", async () => {
    const result = await runCli(["run", "invoice detail BY account", "--view", "Detail", ...base], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(`Report "invoice detail BY account" is ${SEED_REPORT}.\n`);
    const json = await runCli(["run", "Invoice Detail by Account", "--view", "Detail", "--json", ...base], { env });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe("");
    expect(await reportOfRun(json.stdout)).toBe(SEED_REPORT);
  });

  it("takes the exact name, not every report whose name contains it", async () => {
    const all = await searchJson("payment account");
    expect(all.length).toBeGreaterThan(1);
    const result = await runCli(["run", "Payment by Account", "--view", "Detail", "--json", ...base], { env });
    expect(result.code, result.stderr).toBe(0);
    const wanted = all.find((report) => report.name === "Payment by Account");
    expect(await reportOfRun(result.stdout)).toBe(wanted?.id);
  });

  it("fails with exit 2 listing the ids when several reports have the name", async () => {
    const result = await runCli(["run", "Monthly Revenue Summary", "--view", "Summary", ...base], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: 2 reports are named "Monthly Revenue Summary"; run one by its id: [0-9a-f]{32} \(Summary, Revenue Schedule, [^)]+\), [0-9a-f]{32} \(Summary, Journal Entry, [^)]+\)\.\n$/,
    );
    expect(result.stdout).toBe("");
  });

  it("fails with exit 2 when no report has a name that cannot be an id", async () => {
    const result = await runCli(["run", "No Such Report", "--view", "Detail", ...base], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'No report is named "No Such Report". Find its name or id with: zuora-reports search',
    );
  });

  it("uses a 32-hex id as is, and an id-like value no report is named as an id", async () => {
    const byId = await runCli(["run", SEED_REPORT, "--view", "Detail", "--json", ...base], { env });
    expect(byId.code).toBe(0);
    expect(await reportOfRun(byId.stdout)).toBe(SEED_REPORT);
    const unknown = await runCli(["run", "mock-unknown", "--view", "Detail", ...base], { env });
    // The mock's report that does not exist: Zuora's 400, exit 1, not a usage error.
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("The report with ID mock-unknown does not exist");
    // …and it says that no name matched either, with where to look.
    expect(unknown.stderr).toMatch(
      /\(and no report is named "mock-unknown"; find it with: zuora-reports search "mock-unknown"\)\n$/,
    );
  });
});
