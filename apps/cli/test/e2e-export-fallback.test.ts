// `export --fallback-to-data`: Zuora fails exports over about 25 MB with a 504; the CLI then pages through Get
// Report Data into the same file, as CSV, through the same temp file and rename.
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRun } from "@zuora-reports/conformance";
import { json, ok, type SeenRequest, startFaultServer } from "@zuora-reports/mock/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./support/spawn-cli.js";

const { reportRunId: RUN_ID } = seedRun();
const env = { ZUORA_TOKEN: "tok-fallback-1234" };

const ROWS = [
  { "Invoice.Amount": "1,729.76", "Account.Name": 'North "Services", Inc' },
  { "Invoice.Amount": "-120.2", "Account.Name": "Niño & Søn" },
  { "Invoice.Amount": "900.00", "Account.Name": "East" },
];

/** 504 on the export; Get Report Data pages ROWS two at a time (or `rows`). */
function tooLarge(rows = ROWS) {
  return (req: SeenRequest, res: ServerResponse) => {
    if (req.url.includes("/reportruns/export/")) {
      return json(res, 504, { message: "Gateway Timeout" });
    }
    const url = new URL(req.url, "http://x");
    const offset = Number(url.searchParams.get("offset"));
    const pageSize = Math.min(2, Number(url.searchParams.get("pageSize")));
    const page = rows.slice(offset - 1, offset - 1 + pageSize);
    return json(res, 200, ok({ page, size: pageSize, offset, total: rows.length }));
  };
}

const CSV = [
  "Invoice.Amount,Account.Name",
  '"1,729.76","North ""Services"", Inc"',
  "-120.2,Niño & Søn",
  "900.00,East",
  "",
].join("\r\n");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-fallback-"));
});

describe("export --fallback-to-data", () => {
  it("writes every page of Get Report Data as CSV to --output after a 504, and says so", async () => {
    const server = await startFaultServer(tooLarge());
    const file = join(dir, "report.csv");
    await writeFile(file, "old content");
    const args = ["export", RUN_ID, "--output", file, "--fallback-to-data", "--max-retries", "0"];
    const result = await runCli([...args, "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(await readFile(file, "utf8")).toBe(CSV);
    expect(result.stderr).toMatch(/^notice: the export of report run \w+ failed with HTTP 504/);
    expect(result.stderr).toContain("not the format of Zuora's export");
    expect(result.stdout).toBe(
      `Wrote ${Buffer.byteLength(CSV)} bytes to ${file} (3 rows from Get Report Data, as CSV)\n`,
    );
    // Two pages from offset 1, the next offset counted by rows received.
    expect(
      server.to("/reportruns/reportdata/").map((r) => new URL(r.url, "http://x").searchParams.get("offset")),
    ).toEqual(["1", "3"]);
    expect(await readdir(dir)).toEqual(["report.csv"]);
  });

  it("--json says where the rows came from", async () => {
    const server = await startFaultServer(tooLarge());
    const file = join(dir, "report.csv");
    const args = ["--json", "export", RUN_ID, "--output", file, "--fallback-to-data", "--max-retries", "0"];
    const result = await runCli([...args, "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      path: file,
      bytes: Buffer.byteLength(CSV),
      contentType: "text/csv;charset=utf-8",
      charset: "utf-8",
      kind: "text",
      rows: 3,
      source: "report-data",
    });
  });

  it("prints the CSV on stdout without --output", async () => {
    const server = await startFaultServer(tooLarge());
    const args = ["export", RUN_ID, "--fallback-to-data", "--max-retries", "0", "--base-url", server.url];
    const result = await runCli(args, { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(CSV);
  });

  it("without the flag a 504 stays an error (exit 5) and the file is left as it was", async () => {
    const server = await startFaultServer(tooLarge());
    const file = join(dir, "report.csv");
    await writeFile(file, "old content");
    const result = await runCli(["export", RUN_ID, "--output", file, "--max-retries", "0", "--base-url", server.url], {
      env,
    });
    expect(result.code).toBe(5);
    expect(server.to("/reportruns/reportdata/")).toEqual([]);
    expect(await readFile(file, "utf8")).toBe("old content");
  });

  it("another failure of the export (a 500) does not fall back", async () => {
    const server = await startFaultServer((_req, res) => json(res, 500, { message: "boom" }));
    const file = join(dir, "report.csv");
    const args = ["export", RUN_ID, "--output", file, "--fallback-to-data", "--max-retries", "0"];
    const result = await runCli([...args, "--base-url", server.url], { env });
    expect(result.code).toBe(5);
    expect(server.to("/reportruns/reportdata/")).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a page that fails midway leaves no file behind and the target as it was", async () => {
    const server = await startFaultServer((req, res) =>
      req.url.includes("offset=3") ? json(res, 400, { message: "bad page" }) : tooLarge()(req, res),
    );
    const file = join(dir, "report.csv");
    await writeFile(file, "old content");
    const args = ["export", RUN_ID, "--output", file, "--fallback-to-data", "--max-retries", "0"];
    const result = await runCli([...args, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(await readFile(file, "utf8")).toBe("old content");
    expect(await readdir(dir)).toEqual(["report.csv"]);
  });

  it("no rows at all: exit 8, nothing written", async () => {
    const server = await startFaultServer(tooLarge([]));
    const file = join(dir, "report.csv");
    const args = ["export", RUN_ID, "--output", file, "--fallback-to-data", "--max-retries", "0"];
    const result = await runCli([...args, "--base-url", server.url], { env });
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/no rows in Get Report Data either/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("--pivoted cannot fall back to flat rows: usage error", async () => {
    const result = await runCli(
      ["export", RUN_ID, "--pivoted", "--fallback-to-data", "--base-url", "http://127.0.0.1:9"],
      {
        env,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot stand in for a --pivoted export/);
  });
});
