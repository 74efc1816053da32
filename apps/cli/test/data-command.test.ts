// `data` in-process (src/commands/data.ts): one page or every row, in each format, and what is said about the count.
import { type ReportDataPage, type ReportRow, UserAbortError } from "@zuora-reports/client";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/main.js";
import { BASE_ENV, type FakeClient, fakeRuntime } from "./support/fake-runtime.js";

const ROWS: ReportRow[] = [
  { "Invoice.Number": "INV-1", "Invoice.Amount": 10 },
  { "Invoice.Number": "INV-2, late", "Invoice.Amount": 20 },
];

async function* iterate(rows: readonly ReportRow[]): AsyncIterable<ReportRow> {
  yield* rows;
}

async function data(client: FakeClient, ...args: string[]) {
  const runtime = fakeRuntime(client, BASE_ENV);
  const code = await runCli(["data", "run1", ...args], runtime, "0.0.0");
  return { code, stdout: runtime.stdout.text, stderr: runtime.stderr.text, listening: runtime.listening() };
}

const pageOf = (rows: ReportRow[], offset: number, total: number): FakeClient => ({
  getReportData: async () => ({ page: rows, size: rows.length, offset, total }) as ReportDataPage,
});

describe("data, one page", () => {
  it("as CSV: a header of the row keys, then one record per row", async () => {
    expect(await data(pageOf(ROWS, 0, 2), "--format", "csv")).toEqual({
      code: 0,
      stdout: 'Invoice.Number,Invoice.Amount\r\nINV-1,10\r\n"INV-2, late",20\r\n',
      stderr: "",
      listening: 0,
    });
  });

  it("as a table, says how to get more only when rows are left after this page", async () => {
    const middle = await data(pageOf(ROWS, 1, 4), "--offset", "1", "--page-size", "2");
    expect(middle.stdout).toMatch(
      /\n2 of 4 rows \(offset 1\)\. Use --all for every row, or --offset for the next page\.\n$/,
    );
    const last = await data(pageOf(ROWS, 2, 4), "--offset", "2", "--page-size", "2");
    expect(last.stdout).toMatch(/\n2 of 4 rows \(offset 2\)\.\n$/);
  });

  it("an empty page: `No rows.` in a table, [] as JSON, nothing as CSV or NDJSON", async () => {
    const empty = pageOf([], 0, 0);
    expect((await data(empty)).stdout).toBe("No rows.\n0 of 0 rows (offset 0).\n");
    expect((await data(empty, "--json")).stdout).toBe("[]\n");
    expect((await data(empty, "--format", "csv")).stdout).toBe("");
    expect((await data(empty, "--format", "ndjson")).stdout).toBe("");
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s while the page is on its way stops the request: exit %i, one line", async (name, exitCode) => {
    const runtime = fakeRuntime(
      {
        getReportData: (_id, _options, request) =>
          new Promise<ReportDataPage>((_resolve, reject) => {
            // As the client does: an aborted request fails with UserAbortError.
            request?.signal?.addEventListener("abort", () => reject(new UserAbortError("The request was aborted.")));
            queueMicrotask(() => runtime.interrupt(name));
          }),
      },
      BASE_ENV,
    );
    const code = await runCli(["data", "run1", "--json"], runtime, "0.0.0");
    const message = `Stopped (${name}) before every row was printed.`;
    expect({ code, stderr: runtime.stderr.text }).toEqual({ code: exitCode, stderr: `${message}\n` });
    expect(JSON.parse(runtime.stdout.text)).toEqual({ error: { message, exitCode, type: "Interrupted" } });
    expect(runtime.listening()).toBe(0);
  });
});

describe("data --all", () => {
  const all: FakeClient = { reportRows: () => iterate(ROWS) };

  it("as a table ends with the count of rows", async () => {
    const result = await data(all, "--all");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "Invoice.Number  Invoice.Amount",
      "--------------  --------------",
      "INV-1           10",
      "INV-2, late     20",
      "2 rows.",
      "",
    ]);
    expect((await data({ reportRows: () => iterate([]) }, "--all")).stdout).toBe("No rows.\n0 rows.\n");
  });

  it("as CSV, NDJSON and JSON: the rows and nothing else", async () => {
    expect((await data(all, "--all", "--format", "csv")).stdout).toBe(
      'Invoice.Number,Invoice.Amount\r\nINV-1,10\r\n"INV-2, late",20\r\n',
    );
    expect((await data(all, "--all", "--format", "ndjson")).stdout).toBe(
      `${ROWS.map((row) => JSON.stringify(row)).join("\n")}\n`,
    );
    expect((await data(all, "--all", "--json")).stdout).toBe(
      `[\n  ${ROWS.map((row) => JSON.stringify(row)).join(",\n  ")}\n]\n`,
    );
    expect((await data({ reportRows: () => iterate([]) }, "--all", "--json")).stdout).toBe("[]\n");
  });
});
