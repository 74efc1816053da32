// `export` in-process (src/commands/export.ts): what lands in the file or on stdout, what stderr says, and the exit
// code, for Zuora's export, the --fallback-to-data path, empty and header-only exports, and Ctrl-C.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BadRequestError,
  ExportTooLargeError,
  InternalServerError,
  type ReportExport,
  type ReportRow,
} from "@zuora-reports/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/main.js";
import { exportOf } from "./support/fake-export.js";
import { BASE_ENV, type FakeClient, fakeRuntime } from "./support/fake-runtime.js";

const CSV = ["Invoice.Number\tInvoice.Amount\n", "INV-1\t10\n", "INV-2\t20\n"];
const CSV_TEXT = CSV.join("");
const HEADER = "Invoice.Number\tInvoice.Amount\n";
const ROWS: ReportRow[] = [
  { "Invoice.Number": "INV-1", "Invoice.Amount": 10 },
  { "Invoice.Number": "INV-2, late", "Invoice.Amount": 20 },
  { "Invoice.Number": "INV-3", "Invoice.Amount": 30 },
];
const ROWS_CSV = 'Invoice.Number,Invoice.Amount\r\nINV-1,10\r\n"INV-2, late",20\r\nINV-3,30\r\n';
const FALLBACK_NOTICE =
  "notice: the export of report run run1 failed with HTTP 504 (Zuora's exports over about 25 MB do): writing its " +
  "rows from Get Report Data instead, as CSV in UTF-8, comma-separated, with a header of the row keys " +
  "(<DataSource>.<Field>): not the format of Zuora's export (tab-separated).\n";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-export-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function* iterate(rows: readonly ReportRow[]): AsyncIterable<ReportRow> {
  yield* rows;
}

/** Runs `zuora-reports export <args>` against `client`; the result and what the client was asked. */
async function run(client: FakeClient, args: string[], options: { tty?: boolean } = {}) {
  const runtime = fakeRuntime(client, BASE_ENV, options);
  const code = await runCli(["export", "run1", ...args], runtime, "0.0.0");
  return { code, stdout: runtime.stdout.text, stderr: runtime.stderr.text, listening: runtime.listening() };
}

const exporting = (made: () => ReportExport) => {
  const asked: unknown[] = [];
  const client: FakeClient = {
    exportReportRun: async (runId, options) => {
      asked.push({ runId, ...options });
      return made();
    },
  };
  return { client, asked };
};

describe("export to a file", () => {
  it("says what it wrote, and asks for the pivoted export only with --pivoted", async () => {
    const { client, asked } = exporting(() => exportOf(CSV));
    const target = join(dir, "report.csv");
    const plain = await run(client, ["--output", target]);
    expect(plain).toEqual({
      code: 0,
      stdout: `Wrote ${CSV_TEXT.length} bytes to ${target}\n`,
      stderr: "",
      listening: 0,
    });
    expect(await readFile(target, "utf8")).toBe(CSV_TEXT);
    expect((await run(client, ["--output", target, "--pivoted"])).code).toBe(0);
    expect(asked).toEqual([
      { runId: "run1", pivoted: false },
      { runId: "run1", pivoted: true },
    ]);
  });

  it("a header line and no rows: written, and said so (text and --json)", async () => {
    const { client } = exporting(() => exportOf([HEADER]));
    const target = join(dir, "report.csv");
    expect(await run(client, ["--output", target])).toMatchObject({
      code: 0,
      stdout: `Wrote ${HEADER.length} bytes to ${target} (a header line and 0 rows)\n`,
    });
    const json = await run(client, ["--output", target, "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({
      path: target,
      bytes: HEADER.length,
      contentType: "text/csv",
      charset: "utf-8",
      kind: "text",
      rows: 0,
    });
    expect(await readFile(target, "utf8")).toBe(HEADER);
  });

  it("a spreadsheet keeps its bytes and its summary has no row count", async () => {
    const bytes = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0xff, 0x0a);
    const { client } = exporting(() =>
      exportOf([bytes], {
        kind: "spreadsheet",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }),
    );
    const target = join(dir, "report.XLSX");
    const result = await run(client, ["--output", target, "--json"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      path: target,
      bytes: bytes.length,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      charset: "utf-8",
      kind: "spreadsheet",
    });
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
  });

  it("decodes text to UTF-8 from the charset Zuora declared", async () => {
    // "Café\tTotal\n" in ISO-8859-1: é is the single byte 0xE9.
    const latin1 = Uint8Array.from([..."Caf"].map((c) => c.charCodeAt(0)).concat([0xe9, 0x09, 0x31, 0x0a]));
    const { client } = exporting(() => exportOf([latin1], { charset: "iso-8859-1" }));
    const target = join(dir, "report.csv");
    expect((await run(client, ["--output", target])).code).toBe(0);
    expect(await readFile(target, "utf8")).toBe("Café\t1\n");
  });

  it("an empty export (0 bytes) is exit 8 and leaves the file as it was", async () => {
    const { client } = exporting(() => exportOf([]));
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const result = await run(client, ["--output", target, "--json"]);
    const message = `The export of report run run1 is empty (0 bytes; Zuora always sends at least a header line): ${target} left as it was.`;
    expect(result.code).toBe(8);
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(JSON.parse(result.stdout).error).toEqual({ message, exitCode: 8, type: "EmptyExport" });
    expect(await readFile(target, "utf8")).toBe("yesterday's export\n");
    expect(await readdir(dir)).toEqual(["report.csv"]);
  });

  it("warns when the name does not fit what Zuora sent", async () => {
    const cases: [ReportExport, string, string | undefined][] = [
      [
        exportOf(["PK"], {
          kind: "spreadsheet",
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }),
        "report.csv",
        "name it .xlsx to open it",
      ],
      [exportOf(["PK"], { kind: "spreadsheet" }), "report.xlsx.csv", "name it .xls to open it"],
      [exportOf(["PK"], { kind: "spreadsheet" }), "report.Xls", undefined],
      [exportOf(CSV), "report.xlsx", "name it .csv to open it"],
      [exportOf(CSV), "report.xlsx.csv", undefined],
      [exportOf(["%PDF"], { kind: "binary", contentType: "application/pdf" }), "report.xls", undefined],
    ];
    for (const [made, name, warning] of cases) {
      const result = await run({ exportReportRun: async () => made }, ["--output", join(dir, name)]);
      expect(result.code).toBe(0);
      if (warning === undefined) {
        expect(result.stderr).toBe("");
      } else {
        expect(result.stderr).toMatch(new RegExp(`^warning: .*${join(dir, name)}: ${warning}\\.\\n$`));
      }
    }
  });
});

describe("export to stdout", () => {
  it("prints the text and stops listening for Ctrl-C when done", async () => {
    const { client } = exporting(() => exportOf(CSV));
    expect(await run(client, [])).toEqual({ code: 0, stdout: CSV_TEXT, stderr: "", listening: 0 });
    expect(await run(client, ["--output", "-"])).toEqual({ code: 0, stdout: CSV_TEXT, stderr: "", listening: 0 });
  });

  it("a header-only export is printed with a notice on stderr; an empty one is exit 8", async () => {
    const header = await run(exporting(() => exportOf([HEADER])).client, []);
    expect(header).toMatchObject({
      code: 0,
      stdout: HEADER,
      stderr: "notice: the export is a header line and 0 rows.\n",
    });
    const empty = await run(exporting(() => exportOf([])).client, []);
    expect(empty.code).toBe(8);
    expect(empty.stdout).toBe("");
    expect(empty.stderr).toBe(
      "error: The export of report run run1 is empty (0 bytes; Zuora always sends at least a header line): nothing printed.\n",
    );
  });

  it("--json prints the rows, says when there are none, and refuses an empty export", async () => {
    const rows = await run(exporting(() => exportOf(CSV)).client, ["--json"]);
    expect(rows.code).toBe(0);
    expect(JSON.parse(rows.stdout)).toEqual({
      contentType: "text/csv",
      charset: "utf-8",
      rows: [
        ["Invoice.Number", "Invoice.Amount"],
        ["INV-1", "10"],
        ["INV-2", "20"],
      ],
    });
    expect(rows.stderr).toBe("");

    const header = await run(exporting(() => exportOf([HEADER])).client, ["--json"]);
    expect(header.code).toBe(0);
    expect(JSON.parse(header.stdout).rows).toEqual([["Invoice.Number", "Invoice.Amount"]]);
    expect(header.stderr).toBe("notice: the export is a header line and 0 rows.\n");

    const empty = await run(exporting(() => exportOf([])).client, ["--json"]);
    const message =
      "The export of report run run1 is empty (0 bytes; Zuora always sends at least a header line): no rows to print.";
    expect(empty.code).toBe(8);
    expect(empty.stderr).toBe(`error: ${message}\n`);
    expect(JSON.parse(empty.stdout)).toEqual({ error: { message, exitCode: 8, type: "EmptyExport" } });
  });

  it("a binary file goes to a pipe as its bytes, but not to a terminal", async () => {
    const pdf = () => exportOf(["%PDF-1.7\n"], { kind: "binary", contentType: "application/pdf" });
    expect(await run(exporting(pdf).client, [])).toMatchObject({ code: 0, stdout: "%PDF-1.7\n", stderr: "" });
    const tty = await run(exporting(pdf).client, [], { tty: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toBe(
      "error: The export is a binary file (application/pdf), not text (it would garble the terminal): save it with --output <file>.\n",
    );
  });

  it("Ctrl-C mid-download: exit 130 and one line saying the export was cut short", async () => {
    const runtime = fakeRuntime(
      {
        exportReportRun: async (_id, _options, request) =>
          exportOf(CSV, {
            signal: request?.signal,
            onPull: (index) => void (index === 1 && runtime.interrupt()),
          }),
      },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1"], runtime, "0.0.0")).toBe(130);
    expect(runtime.stdout.text).toBe(CSV[0]);
    expect(runtime.stderr.text).toBe("Stopped (SIGINT): the export was cut short on stdout.\n");
    expect(runtime.listening()).toBe(0);
  });

  it("SIGHUP while Zuora prepares the export stops the request: exit 129", async () => {
    const runtime = fakeRuntime(
      {
        exportReportRun: (_id, _options, request) =>
          new Promise<ReportExport>((_resolve, reject) => {
            request?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
            queueMicrotask(() => runtime.interrupt("SIGHUP"));
          }),
      },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1"], runtime, "0.0.0")).toBe(129);
    expect(runtime.stderr.text).toBe("Stopped (SIGHUP): the export was cut short on stdout.\n");
  });
});

describe("export --fallback-to-data", () => {
  const tooLarge = () => {
    throw new ExportTooLargeError("504: Gateway Timeout", { status: 504 });
  };

  it("after a 504, writes every row of Get Report Data as CSV to the file, and says so", async () => {
    const asked: unknown[] = [];
    const client: FakeClient = {
      exportReportRun: async () => tooLarge(),
      reportRows: (runId, options) => {
        asked.push({ runId, signal: options?.signal instanceof AbortSignal });
        return iterate(ROWS);
      },
    };
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const result = await run(client, ["--output", target, "--fallback-to-data"]);
    expect(result).toEqual({
      code: 0,
      stdout: `Wrote ${ROWS_CSV.length} bytes to ${target} (3 rows from Get Report Data, as CSV)\n`,
      stderr: FALLBACK_NOTICE,
      listening: 0,
    });
    expect(await readFile(target, "utf8")).toBe(ROWS_CSV);
    expect(await readdir(dir)).toEqual(["report.csv"]);
    expect(asked).toEqual([{ runId: "run1", signal: true }]);

    const json = await run(client, ["--output", target, "--fallback-to-data", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({
      path: target,
      bytes: ROWS_CSV.length,
      contentType: "text/csv;charset=utf-8",
      charset: "utf-8",
      kind: "text",
      rows: 3,
      source: "report-data",
    });
  });

  it("prints the CSV on stdout without --output", async () => {
    const client: FakeClient = { exportReportRun: async () => tooLarge(), reportRows: () => iterate(ROWS) };
    expect(await run(client, ["--fallback-to-data"])).toEqual({
      code: 0,
      stdout: ROWS_CSV,
      stderr: FALLBACK_NOTICE,
      listening: 0,
    });
  });

  it("no rows either: exit 8, nothing written, the file as it was", async () => {
    const client: FakeClient = { exportReportRun: async () => tooLarge(), reportRows: () => iterate([]) };
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const toFile = await run(client, ["--output", target, "--fallback-to-data"]);
    expect(toFile.code).toBe(8);
    expect(toFile.stderr).toBe(
      `${FALLBACK_NOTICE}error: Report run run1 has no rows in Get Report Data either (the fallback writes nothing): ${target} left as it was.\n`,
    );
    expect(await readFile(target, "utf8")).toBe("yesterday's export\n");
    expect(await readdir(dir)).toEqual(["report.csv"]);

    const toStdout = await run(client, ["--fallback-to-data"]);
    expect(toStdout.code).toBe(8);
    expect(toStdout.stdout).toBe("");
    expect(toStdout.stderr).toBe(
      `${FALLBACK_NOTICE}error: Report run run1 has no rows in Get Report Data either (the fallback writes nothing): nothing printed.\n`,
    );
  });

  it("falls back only from a 504 of Zuora, and only when asked", async () => {
    let paged = 0;
    const rows = () => {
      paged++;
      return iterate(ROWS);
    };
    const target = join(dir, "report.csv");
    const failures: [() => never, string[], number][] = [
      [tooLarge, ["--output", target], 5],
      [tooLarge, [], 5],
      [
        () => {
          throw new InternalServerError("500: oops", { status: 500 });
        },
        ["--output", target, "--fallback-to-data"],
        5,
      ],
      [
        () => {
          throw new BadRequestError("400: gone", { status: 400 });
        },
        ["--fallback-to-data"],
        1,
      ],
      [
        () => {
          // Not an answer of Zuora's API, whatever its status says.
          throw Object.assign(new Error("proxy said 504"), { status: 504 });
        },
        ["--fallback-to-data"],
        1,
      ],
    ];
    for (const [fail, args, code] of failures) {
      const result = await run({ exportReportRun: async () => fail(), reportRows: rows }, args);
      expect(result.code).toBe(code);
      expect(result.stdout).toBe("");
      expect(result.stderr).not.toContain("notice:");
    }
    expect(paged).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });
});
