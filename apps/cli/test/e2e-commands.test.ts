// Every command of the built binary against the Prism mock, in human and --json form.

import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRun } from "@zuora-reports/conformance";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "./support/spawn-cli.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID } = seedRun();

const SEED_RUN = {
  id: RUN_ID,
  reportId: REPORT_ID,
  reportType: "Detail",
  startedOn: 1453166692000,
  status: "COMPLETED",
  reportDefinition: "...",
  updatedOn: 1453166695000,
};

// The seed run is a Detail run: its export's columns are its data's.
const DETAIL_EXPORT_HEADER = "Invoice.CreatedDate\tAccount.Currency\tInvoice.Amount\tBillToContact.AccountId";

let base: string[];
const env = { ZUORA_TOKEN: "x" };
let dir: string;

beforeAll(async () => {
  base = ["--base-url", inject("mockUrl")];
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-e2e-"));
});

describe("status", () => {
  it("prints the seed run for people", async () => {
    const result = await runCli(["status", RUN_ID, ...base], { env });
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        `Report run  ${RUN_ID}`,
        "Status      COMPLETED",
        `Report      ${REPORT_ID} (Detail)`,
        "Started     2016-01-19T01:24:52.000Z",
        "Updated     2016-01-19T01:24:55.000Z (took 3s)",
        "",
      ].join("\n"),
    });
  });

  it("prints the run object with --json", async () => {
    const result = await runCli(["--json", "status", RUN_ID, ...base], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(SEED_RUN);
  });

  it("--verbose tells on stderr what is left of the rate limit, as the mock counts it down", async () => {
    const first = await runCli(["--verbose", "status", RUN_ID, ...base], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Report run {2}/);
    const left =
      /^rate limit: ([\d,]+) of 50,000 requests left in the 1 min window, resets in \d+ s \(limits: 50,000\/1 min\)\n$/;
    expect(first.stderr).toMatch(left);
    const json = await runCli(["--json", "--verbose", "status", RUN_ID, ...base], { env });
    expect(JSON.parse(json.stdout)).toEqual(SEED_RUN);
    const { rateLimit } = JSON.parse(json.stderr) as { rateLimit: { remaining: number; limit: number } };
    expect(rateLimit).toMatchObject({
      limit: 50000,
      windowSeconds: 60,
      windows: [{ limit: 50000, windowSeconds: 60 }],
    });
    expect(rateLimit.remaining).toBeLessThan(Number((left.exec(first.stderr)?.[1] ?? "").replace(/,/g, "")));
  });

  it("shows ISO-string timestamps in UTC too", async () => {
    const result = await runCli(["status", RUN_ID, ...base, "-H", "Prefer: example=completedIsoTimestamps"], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Started {5}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/m);
  });
});

describe("last", () => {
  it("prints the last completed run", async () => {
    const result = await runCli(["last", REPORT_ID, ...base, "--json"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "COMPLETED", reportType: "Detail" });
  });
});

describe("wait", () => {
  it("returns the completed run", async () => {
    const result = await runCli(["wait", RUN_ID, ...base, "--json"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(SEED_RUN);
    expect(result.stderr).toBe("");
  });
});

describe("run", () => {
  it("starts a run and prints its id", async () => {
    const human = await runCli(["run", REPORT_ID, "--view", "Detail", ...base], { env });
    expect(human.code).toBe(0);
    const id = /^Started report run (\w{32})\./.exec(human.stdout)?.[1];
    expect(human.stdout).toBe(`Started report run ${id}.\nFollow it with: zuora-reports wait ${id}\n`);

    const json = await runCli(["run", REPORT_ID, "--view", "Summary", ...base, "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ reportRunId: expect.stringMatching(/^\w{32}$/) });
    expect(JSON.parse(json.stdout).reportRunId).not.toBe(id);
  });

  it("with --wait --output, waits and writes the export, decoded, under the final name only", async () => {
    const file = join(dir, "out.csv");
    const result = await runCli(["run", REPORT_ID, "--view", "Detail", "--wait", "--output", file, ...base, "--json"], {
      env,
    });
    expect(result.code).toBe(0);
    const content = await readFile(file, "utf8");
    expect(content.split(/\r?\n/)[0]).toBe(DETAIL_EXPORT_HEADER);
    const { reportRunId } = JSON.parse(result.stdout);
    expect(JSON.parse(result.stdout)).toEqual({
      reportRunId,
      run: { ...SEED_RUN, id: reportRunId, startedOn: expect.any(Number), updatedOn: expect.any(Number) },
      output: {
        path: file,
        bytes: Buffer.byteLength(content),
        contentType: expect.stringMatching(/^text\/csv/),
        charset: "utf-16le",
        kind: "text",
      },
    });
    expect((await readdir(dir)).filter((name) => name.includes("out.csv"))).toEqual(["out.csv"]);
  });
});

describe("data", () => {
  it("prints one page as a table", async () => {
    const result = await runCli(["data", RUN_ID, ...base], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Invoice\.CreatedDate +Account\.Currency +Invoice\.Amount +BillToContact\.AccountId$/);
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe("4 of 4 rows (offset 1).");
  });

  it("prints every row as JSON, NDJSON and CSV", async () => {
    const json = await runCli(["data", RUN_ID, "--all", ...base, "--json"], { env });
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ "Account.Currency": "CAD", "Invoice.Amount": "1,729.76" });

    const ndjson = await runCli(["data", RUN_ID, "--all", "--format", "ndjson", ...base], { env });
    expect(
      ndjson.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(rows);

    const csv = await runCli(["data", RUN_ID, "--format", "csv", ...base], { env });
    const records = csv.stdout.split("\r\n");
    expect(records[0]).toBe("Invoice.CreatedDate,Account.Currency,Invoice.Amount,BillToContact.AccountId");
    expect(records[4]).toMatch(/^"Jan 20, 2014 3:24:00 PM",CAD,"1,729.76",/);
    expect(records).toHaveLength(6);
  });

  it("says so when there are no rows", async () => {
    const result = await runCli(["data", RUN_ID, ...base, "-H", "Prefer: example=empty"], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No rows\.\n0 of 0 rows/);
    const json = await runCli(["data", RUN_ID, ...base, "-H", "Prefer: example=empty", "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual([]);
  });
});

describe("export", () => {
  it("prints the export on stdout, or parsed rows with --json", async () => {
    const text = await runCli(["export", RUN_ID, ...base], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${DETAIL_EXPORT_HEADER}\r?\n`));

    const json = await runCli(["export", RUN_ID, "--pivoted", ...base, "--json"], { env });
    const parsed = JSON.parse(json.stdout) as { rows: string[][]; charset: string };
    expect(parsed.rows[0]).toEqual(DETAIL_EXPORT_HEADER.split("\t"));
    expect(parsed.rows.length).toBeGreaterThan(1);
  });

  it("writes --output and reports it", async () => {
    const file = join(dir, "export.tsv");
    const result = await runCli(["export", RUN_ID, "--output", file, ...base], { env });
    expect(result.code).toBe(0);
    const content = await readFile(file, "utf8");
    expect(result.stdout).toBe(`Wrote ${Buffer.byteLength(content)} bytes to ${file}\n`);
    expect(content).toMatch(new RegExp(`^${DETAIL_EXPORT_HEADER}\r?\n`));
  });
});

describe("cancel", () => {
  it("prints Zuora's message", async () => {
    // A run still going: the mock's scenario report whose runs never end by themselves.
    const started = await runCli(["run", "mock-never-ends", "--view", "Detail", ...base, "--json"], { env });
    const human = await runCli(["cancel", JSON.parse(started.stdout).reportRunId, ...base], { env });
    expect(human).toMatchObject({ code: 0, stdout: "The report run has been canceled\n" });
    const json = await runCli(["cancel", RUN_ID, ...base, "--json", "-H", "Prefer: example=alreadyCanceled"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ reportRunId: RUN_ID, message: "The report run was canceled" });
  });
});

describe("help, version and presets", () => {
  it("prints help and version with exit 0", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["status", "wait", "run", "last", "data", "export", "cancel"]) {
      expect(help.stdout).toContain(`  ${command} `);
    }
    expect(help.stdout).toContain("Exit codes: 0 success");
    const version = await runCli(["--version"]);
    expect(version).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it("lists the environment presets without credentials", async () => {
    const result = await runCli(["environments", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toContainEqual(
      expect.objectContaining({
        environment: "us-sandbox",
        url: "https://rest.apisandbox.zuora.com/reporting/api/rest/v1",
      }),
    );
  });
});
