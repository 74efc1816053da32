// The built binary against the mock's simulation, the way a user drives a real run: run --wait, cancel, data --all
// over several pages, export. The mock moves each run one status per poll, so no test waits on the clock.

import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRun } from "@zuora-reports/conformance";
import { type MockServer, startMock } from "@zuora-reports/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/spawn-cli.js";

const { reportId: REPORT_ID } = seedRun();

const env = { ZUORA_TOKEN: "x" };
let mock: MockServer;
let base: string[];
let dir: string;

beforeAll(async () => {
  mock = await startMock({ pace: "poll", preferExamples: false, rows: 2500 });
  base = ["--base-url", mock.url];
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-sim-"));
});

afterAll(() => mock.stop());

async function startRun(reportId: string): Promise<string> {
  const result = await runCli(["run", reportId, "--view", "Detail", ...base, "--json"], { env });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).reportRunId;
}

describe("run --wait", () => {
  it("starts a run, follows it to COMPLETED and exports it", async () => {
    const file = join(dir, "run.csv");
    const result = await runCli(
      ["run", REPORT_ID, "--view", "Detail", "--wait", "--interval", "0.01", "--output", file, ...base, "--json"],
      { env },
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.reportRunId).toMatch(/^[0-9a-f]{32}$/);
    expect(body.run).toMatchObject({ id: body.reportRunId, reportId: REPORT_ID, status: "COMPLETED" });
    expect(body.output).toMatchObject({ path: file, charset: "utf-16le" });
    const lines = (await readFile(file, "utf8")).split(/\r?\n/).filter(Boolean);
    expect(lines).toHaveLength(2501);
    expect(lines[0]?.split("\t")).toEqual([
      "Invoice.CreatedDate",
      "Account.Currency",
      "Invoice.Amount",
      "BillToContact.AccountId",
    ]);
  });

  it("exits 3 when the run ends ERROR", async () => {
    const result = await runCli(["run", "mock-error", "--view", "Detail", "--wait", "--interval", "0.01", ...base], {
      env,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error: Report run [0-9a-f]{32} ended with status ERROR\.$/m);
  });

  it("the same --idempotency-key starts one run", async () => {
    const args = ["run", REPORT_ID, "--view", "Summary", "--idempotency-key", "cli-sim-1", ...base, "--json"];
    const [first, second] = [await runCli(args, { env }), await runCli(args, { env })];
    expect(JSON.parse(second.stdout).reportRunId).toBe(JSON.parse(first.stdout).reportRunId);
  });
});

describe("cancel", () => {
  it("cancels a running run; it stays CANCELLED and wait exits 3", async () => {
    const id = await startRun("mock-never-ends");
    expect(await runCli(["cancel", id, ...base], { env })).toMatchObject({
      code: 0,
      stdout: "The report run has been canceled\n",
    });
    const status = await runCli(["status", id, ...base, "--json"], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({ id, status: "CANCELLED" });
    expect((await runCli(["wait", id, ...base], { env })).code).toBe(3);
    expect((await runCli(["cancel", id, ...base], { env })).stdout).toBe("The report run was canceled\n");
  });

  it("refuses to cancel a run that has finished, with Zuora's 400 (exit 1)", async () => {
    const id = await startRun(REPORT_ID);
    await runCli(["wait", id, "--interval", "0.01", ...base], { env });
    const result = await runCli(["cancel", id, ...base], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: 400 ZAN-USAGE-REST-ERROR: .*has already finished with status COMPLETED/);
  });
});

describe("data and export of a finished run", () => {
  let id: string;
  beforeAll(async () => {
    id = await startRun(REPORT_ID);
    await runCli(["wait", id, "--interval", "0.01", ...base], { env });
  });

  it("data --all reads every row over several pages; they are the export's rows", async () => {
    const result = await runCli(["data", id, "--all", "--page-size", "1000", "--format", "ndjson", ...base], { env });
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(rows).toHaveLength(2500);
    const exported = await runCli(["export", id, ...base, "--json"], { env });
    const parsed = JSON.parse(exported.stdout) as { rows: string[][]; charset: string };
    expect(parsed.charset).toBe("utf-16le");
    const [header = [], ...lines] = parsed.rows;
    expect(lines).toEqual(rows.map((row) => header.map((column) => row[column])));
  });

  it("data shows one page and says how to get the rest", async () => {
    const result = await runCli(["data", id, "--page-size", "5", ...base], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n5 of 2500 rows \(offset 1\)\. Use --all for every row/);
  });

  it("data of a run that is not finished, or unknown, exits 1 with Zuora's message", async () => {
    const running = await startRun("mock-never-ends");
    const notYet = await runCli(["data", running, ...base], { env });
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).toMatch(/has no data: its status is STARTED\./);
    const unknown = await runCli(["data", "no-such-run", ...base], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/The report run with ID no-such-run does not exist\./);
  });
});
