// `data --numbers`: the seed run's formatted amounts ("1,729.76") as plain numbers, in every output format.
import { seedRun } from "@zuora-reports/conformance";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "./support/spawn-cli.js";

const { reportRunId: RUN_ID } = seedRun();
const env = { ZUORA_TOKEN: "x" };
let base: string[];

beforeAll(() => {
  base = ["--base-url", inject("mockUrl")];
});

describe("data --numbers", () => {
  it("turns the amounts into JSON numbers and leaves dates and ids as Zuora sent them", async () => {
    const result = await runCli(["--json", "data", RUN_ID, "--numbers", ...base], { env });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => row["Invoice.Amount"])).toEqual([900, 400, 984, 1729.76]);
    expect(rows[3]).toEqual({
      "Invoice.CreatedDate": "Jan 20, 2014 3:24:00 PM",
      "Account.Currency": "CAD",
      "Invoice.Amount": 1729.76,
      "BillToContact.AccountId": "8a858290439c517a0143b1f4229c013f",
    });
  });

  it("writes plain numbers in CSV and the table", async () => {
    const csv = await runCli(["data", RUN_ID, "--numbers", "--format", "csv", ...base], { env });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('\r\n"Jan 20, 2014 3:24:00 PM",CAD,1729.76,8a858290439c517a0143b1f4229c013f\r\n');
    const table = await runCli(["data", RUN_ID, "--numbers", ...base], { env });
    expect(table.stdout).toMatch(/CAD\s+1729\.76\s/);
    expect(table.stdout).not.toContain("1,729.76");
  });

  it("without --numbers the cells stay formatted", async () => {
    const result = await runCli(["--json", "data", RUN_ID, ...base], { env });
    expect((JSON.parse(result.stdout) as Record<string, unknown>[])[3]?.["Invoice.Amount"]).toBe("1,729.76");
  });

  it("reads a decimal-comma tenant's format: 1,729.76 is not a number there, and stays text", async () => {
    const result = await runCli(["--json", "data", RUN_ID, "--numbers", "--decimal", ",", ...base], { env });
    expect(result.code).toBe(0);
    const amounts = (JSON.parse(result.stdout) as Record<string, unknown>[]).map((row) => row["Invoice.Amount"]);
    expect(amounts).toEqual(["900.00", "400.00", "984.00", "1,729.76"]);
  });

  it.each([
    [["--decimal", ","], /--decimal and --thousands go with --numbers/],
    [["--numbers", "--decimal", ";"], /--decimal/],
    [["--numbers", "--thousands", "ab"], /--thousands must be one character/],
    [["--numbers", "--thousands", ",", "--decimal", ","], /cannot both be ","/],
  ])("%j is a usage error (exit 2) before any request", async (flags, message) => {
    const result = await runCli(["data", RUN_ID, ...flags, "--base-url", "http://127.0.0.1:9"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
