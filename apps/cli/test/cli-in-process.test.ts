// The CLI layer with a fake client: what it prints, what it asks the client, and how it exits.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AuthenticationError,
  BadRequestError,
  RateLimitError,
  type ReportRow,
  type ReportRun,
  type WaitOptions,
} from "@zuora-reports/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/main.js";
import { exportOf } from "./support/fake-export.js";
import { BASE_ENV, type FakeClient, fakeRuntime } from "./support/fake-runtime.js";

// A 32-hex report id: `run` uses it as is, without looking up a name.
const REPORT = "ff808081529f4e3401529fd373730070";

const RUN: ReportRun = {
  id: "run1",
  reportId: "rep1",
  reportType: "Detail",
  status: "COMPLETED",
  startedOn: 1453166692000,
  updatedOn: 1453166695000,
};

function rowsOf(count: number): ReportRow[] {
  return Array.from({ length: count }, (_, index) => ({
    "Invoice.Number": `INV-${index + 1}`,
    "Invoice.Amount": index,
  }));
}

async function* iterate(rows: ReportRow[]): AsyncIterable<ReportRow> {
  yield* rows;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("data", () => {
  it("streams every row as a JSON array with --all --json, asking the client for the given page size", async () => {
    const calls: unknown[] = [];
    const runtime = fakeRuntime(
      {
        reportRows: (runId, options) => {
          calls.push({ runId, pageSize: options?.pageSize, startOffset: options?.startOffset });
          return iterate(rowsOf(3));
        },
      },
      BASE_ENV,
    );
    expect(await runCli(["data", "run1", "--all", "--page-size", "2", "--json"], runtime, "0.0.0")).toBe(0);
    expect(JSON.parse(runtime.stdout.text)).toEqual(rowsOf(3));
    expect(calls).toEqual([{ runId: "run1", pageSize: 2, startOffset: 1 }]);
    expect(runtime.stderr.text).toBe("");
  });

  it("prints one page as a table with a count, and NDJSON one row per line", async () => {
    const page = { page: rowsOf(2), size: 2, offset: 1, total: 5 };
    const asked: unknown[] = [];
    const client: FakeClient = {
      getReportData: async (_id, options) => {
        asked.push(options);
        return page;
      },
    };
    const table = fakeRuntime(client, BASE_ENV);
    expect(await runCli(["data", "run1", "--page-size", "2"], table, "0.0.0")).toBe(0);
    expect(table.stdout.text).toContain("Invoice.Number  Invoice.Amount\n");
    expect(table.stdout.text).toContain("INV-2           1\n");
    expect(table.stdout.text).toContain("2 of 5 rows (offset 1). Use --all for every row");
    expect(asked).toEqual([{ offset: 1, pageSize: 2 }]);

    const ndjson = fakeRuntime(client, BASE_ENV);
    expect(await runCli(["data", "run1", "--format", "ndjson", "--offset", "3"], ndjson, "0.0.0")).toBe(0);
    expect(
      ndjson.stdout.text
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(rowsOf(2));
    expect(asked[1]).toEqual({ offset: 3, pageSize: 100 });
  });

  it("refuses --json with a non-JSON format before any request", async () => {
    const runtime = fakeRuntime({}, BASE_ENV);
    expect(await runCli(["data", "run1", "--json", "--format", "csv"], runtime, "0.0.0")).toBe(2);
    expect(runtime.clientOptions).toEqual([]);
    expect(JSON.parse(runtime.stdout.text).error).toMatchObject({ exitCode: 2, type: "UsageError" });
  });
});

describe("wait", () => {
  it("stops on Ctrl-C, says how to cancel the run, and exits 130", async () => {
    let waiting: (options?: WaitOptions) => void = () => {};
    const started = new Promise<WaitOptions | undefined>((resolve) => {
      waiting = resolve;
    });
    const runtime = fakeRuntime(
      {
        waitForReportRun: (_id, options) =>
          new Promise((_resolve, reject) => {
            options?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
            waiting(options);
          }),
      },
      BASE_ENV,
    );
    const exit = runCli(["wait", "run1", "--timeout", "90"], runtime, "0.0.0");
    // --timeout is the wait's deadline, maxWaitMs (not the per-request timeoutMs).
    expect(await started).toMatchObject({ maxWaitMs: 90_000 });
    runtime.interrupt();
    expect(await exit).toBe(130);
    expect(runtime.stderr.text).toBe(
      "Stopped waiting. Report run run1 keeps running on Zuora; cancel it with: zuora-reports cancel run1\n",
    );
    expect(runtime.stdout.text).toBe("");
  });

  it("names the command the user ran in the cancel hint: pnpm cli from the repository", async () => {
    let waiting: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const runtime = fakeRuntime(
      {
        waitForReportRun: (_id, options) =>
          new Promise((_resolve, reject) => {
            options?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
            waiting();
          }),
      },
      { ...BASE_ENV, npm_lifecycle_event: "cli" },
    );
    const exit = runCli(["wait", "run1"], runtime, "0.0.0");
    await started;
    runtime.interrupt();
    expect(await exit).toBe(130);
    expect(runtime.stderr.text).toContain("cancel it with: pnpm cli cancel run1\n");
  });

  it("shows a live status line on a terminal, and only the result on stdout", async () => {
    const runtime = fakeRuntime(
      {
        waitForReportRun: async (_id, options) => {
          options?.onStatus?.({ ...RUN, status: "QUERYDATA" });
          options?.onStatus?.(RUN);
          return RUN;
        },
      },
      BASE_ENV,
      { tty: true },
    );
    expect(await runCli(["wait", "run1"], runtime, "0.0.0")).toBe(0);
    expect(runtime.stderr.text).toContain("Waiting for report run run1: QUERYDATA (0s)");
    expect(runtime.stdout.text).toMatch(/^Report run {2}run1\nStatus {6}COMPLETED\n/);

    const json = fakeRuntime({ waitForReportRun: async () => RUN }, BASE_ENV, { tty: true });
    expect(await runCli(["wait", "run1", "--json"], json, "0.0.0")).toBe(0);
    expect(json.stderr.text).toBe("");
  });

  it("shows no progress line when stdout is not a terminal", async () => {
    const runtime = fakeRuntime(
      {
        waitForReportRun: async (_id, options) => {
          options?.onStatus?.({ ...RUN, status: "QUERYDATA" });
          options?.onStatus?.(RUN);
          return RUN;
        },
      },
      BASE_ENV,
    );
    expect(await runCli(["wait", "run1"], runtime, "0.0.0")).toBe(0);
    expect(runtime.stderr.text).toBe("");
    expect(runtime.stdout.text).toMatch(/^Report run {2}run1\nStatus {6}COMPLETED\n/);
  });
});

describe("export --output", () => {
  it("writes the file only once complete, through a temp file beside it", async () => {
    const target = join(dir, "report.csv");
    const runtime = fakeRuntime({ exportReportRun: async () => exportOf(["a\tb\n", "1\t2\n"]) }, BASE_ENV);
    expect(await runCli(["export", "run1", "--output", target, "--json"], runtime, "0.0.0")).toBe(0);
    expect(await readFile(target, "utf8")).toBe("a\tb\n1\t2\n");
    expect(JSON.parse(runtime.stdout.text)).toEqual({
      path: target,
      bytes: 8,
      contentType: "text/csv",
      charset: "utf-8",
      kind: "text",
    });
    expect(await readdir(dir)).toEqual(["report.csv"]);
  });

  it("leaves an existing file untouched and no partial file when the download fails midway", async () => {
    const target = join(dir, "report.csv");
    await writeFile(target, "yesterday's export\n");
    const runtime = fakeRuntime(
      { exportReportRun: async () => exportOf(["a\tb\n", "1\t2\n"], { failAfter: 1 }) },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", target], runtime, "0.0.0")).toBe(1);
    expect(await readFile(target, "utf8")).toBe("yesterday's export\n");
    expect(await readdir(dir)).toEqual(["report.csv"]);
    expect(runtime.stderr.text).toMatch(/^error: .+\n$/);
  });
});

describe("secrets", () => {
  it("never prints a credential, even if an error message or --debug detail contained one", async () => {
    const env = { ZUORA_CLIENT_ID: "cid", ZUORA_CLIENT_SECRET: "super-secret-value", ZUORA_BASE_URL: "http://x.test" };
    const runtime = fakeRuntime(
      {
        getReportRun: async () => {
          throw new AuthenticationError("401 for super-secret-value", { status: 401 });
        },
      },
      env,
    );
    expect(await runCli(["status", "run1", "--debug", "--json"], runtime, "0.0.0")).toBe(4);
    expect(runtime.stderr.text + runtime.stdout.text).not.toContain("super-secret-value");
    expect(runtime.stderr.text).toContain("401 for [redacted]");
  });
});

describe("run", () => {
  it("starts a Summary run with filters and an idempotency key, without waiting", async () => {
    const asked: unknown[] = [];
    const runtime = fakeRuntime(
      {
        runReport: async (reportId, options) => {
          asked.push({ reportId, ...options });
          return { reportRunId: "run9" };
        },
      },
      BASE_ENV,
    );
    const filters = '[{"field":"Account.Currency","operator":"EQ","value":"USD"}]';
    const args = ["run", REPORT, "--view", "summary", "--filters", filters, "--idempotency-key", "k-1", "--json"];
    expect(await runCli(args, runtime, "0.0.0")).toBe(0);
    expect(asked).toEqual([
      { reportId: REPORT, viewType: "Summary", filters: JSON.parse(filters), idempotencyKey: "k-1" },
    ]);
    expect(JSON.parse(runtime.stdout.text)).toEqual({ reportRunId: "run9" });
  });

  it("hints at names only for Zuora's refusal of the report, not for a later 400 about the run", async () => {
    const noMatch = (() => ({ async *[Symbol.asyncIterator]() {} })) as unknown as FakeClient["searchReports"];
    const refused = fakeRuntime(
      {
        searchReports: noMatch,
        runReport: async () => {
          throw new BadRequestError("400: The report with ID rep-x does not exist", { status: 400 });
        },
      },
      BASE_ENV,
    );
    expect(await runCli(["run", "rep-x", "--view", "Detail"], refused, "0.0.0")).toBe(1);
    expect(refused.stderr.text).toBe(
      'error: 400: The report with ID rep-x does not exist (and no report is named "rep-x"; find it with: ' +
        'zuora-reports search "rep-x")\n',
    );
    const later = fakeRuntime(
      {
        searchReports: noMatch,
        runReport: async () => ({ reportRunId: "run1" }),
        waitForReportRun: async () => {
          throw new BadRequestError("400: no such run", { status: 400 });
        },
      },
      BASE_ENV,
    );
    expect(await runCli(["run", "rep-x", "--view", "Detail", "--wait", "--json"], later, "0.0.0")).toBe(1);
    expect(JSON.parse(later.stdout.text).error.message).toBe("400: no such run");
  });

  it("rejects bad --filters before any request", async () => {
    const runtime = fakeRuntime({}, BASE_ENV);
    expect(await runCli(["run", REPORT, "--view", "Detail", "--filters", "{oops"], runtime, "0.0.0")).toBe(2);
    expect(runtime.stderr.text).toBe("error: --filters must be JSON: an array of filter groups.\n");
    expect(runtime.clientOptions).toEqual([]);
  });
});

describe("--json on failure", () => {
  it("data --all --json prints one error document, not the rows it had before a page failed", async () => {
    async function* failing(): AsyncIterable<ReportRow> {
      yield* rowsOf(3);
      throw new BadRequestError("400: gone", { status: 400 });
    }
    const runtime = fakeRuntime({ reportRows: () => failing() }, BASE_ENV);
    expect(await runCli(["data", "run1", "--all", "--json"], runtime, "0.0.0")).toBe(1);
    expect(JSON.parse(runtime.stdout.text)).toEqual({
      error: { message: "400: gone", exitCode: 1, type: "BadRequestError", status: 400 },
    });
  });

  it("Ctrl-C while waiting with --json prints the error document too", async () => {
    const runtime = fakeRuntime(
      {
        waitForReportRun: (_id, options) =>
          new Promise((_resolve, reject) => {
            options?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
            queueMicrotask(() => runtime.interrupt());
          }),
      },
      BASE_ENV,
    );
    expect(await runCli(["wait", "run1", "--json"], runtime, "0.0.0")).toBe(130);
    expect(JSON.parse(runtime.stdout.text).error).toMatchObject({ type: "Interrupted", exitCode: 130 });
  });
});

describe("retry waits", () => {
  const rateLimited = { retry: 1, maxRetries: 2, delayMs: 60_000, method: "GET", url: "http://x.test/r", status: 429 };

  it("are announced on stderr and on the progress line while waiting on a terminal", async () => {
    const runtime = fakeRuntime(
      {
        waitForReportRun: async (_id, options) => {
          options?.onStatus?.({ ...RUN, status: "QUERYDATA" });
          runtime.clientOptions[0]?.onRetry?.(rateLimited);
          return RUN;
        },
      },
      BASE_ENV,
      { tty: true },
    );
    expect(await runCli(["wait", "run1"], runtime, "0.0.0")).toBe(0);
    expect(runtime.stderr.text).toContain("rate limited, retrying in 60 s (1/2)\n");
    expect(runtime.stderr.text).toContain(
      "Waiting for report run run1: QUERYDATA (0s) – rate limited, retrying in 60 s (1/2)",
    );
  });

  it("of a second or less pass silently", async () => {
    const runtime = fakeRuntime(
      {
        getReportRun: async () => {
          runtime.clientOptions[0]?.onRetry?.({ ...rateLimited, delayMs: 1000 });
          throw new RateLimitError("429: Too many", { status: 429 });
        },
      },
      BASE_ENV,
    );
    expect(await runCli(["status", "run1"], runtime, "0.0.0")).toBe(5);
    expect(runtime.stderr.text).toBe("error: 429: Too many\n");
  });
});

describe("exports that are not text", () => {
  it("writes a spreadsheet's bytes as sent, and warns when the name says CSV", async () => {
    const target = join(dir, "report.csv");
    const runtime = fakeRuntime(
      { exportReportRun: async () => exportOf(["\u00d0\u00cf", "\u0011"], { kind: "spreadsheet" }) },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", target], runtime, "0.0.0")).toBe(0);
    expect(await readFile(target, "utf8")).toBe("\u00d0\u00cf\u0011");
    expect(runtime.stderr.text).toMatch(
      /^warning: the export is a spreadsheet \(application\/vnd\.ms-excel\), saved as Zuora sent it to \S+report\.csv: name it \.xls to open it\.\n$/,
    );
  });

  it("warns when CSV goes to a .xls name", async () => {
    const target = join(dir, "report.xls");
    const runtime = fakeRuntime({ exportReportRun: async () => exportOf(["a\tb\n"]) }, BASE_ENV);
    expect(await runCli(["export", "run1", "--output", target], runtime, "0.0.0")).toBe(0);
    expect(runtime.stderr.text).toContain("warning: the export is CSV text (text/csv), saved as UTF-8 to");
  });

  it("refuses to print a spreadsheet on a terminal or as --json rows, and says to use --output", async () => {
    const client = { exportReportRun: async () => exportOf(["\u00d0"], { kind: "spreadsheet" }) };
    const tty = fakeRuntime(client, BASE_ENV, { tty: true });
    expect(await runCli(["export", "run1"], tty, "0.0.0")).toBe(2);
    expect(tty.stderr.text).toMatch(/not text \(it would garble the terminal\): save it with --output <file>\./);
    const json = fakeRuntime(client, BASE_ENV);
    expect(await runCli(["export", "run1", "--json"], json, "0.0.0")).toBe(2);
    expect(JSON.parse(json.stdout.text).error.message).toMatch(/--json prints rows, and it has none/);
    const pipe = fakeRuntime(client, BASE_ENV);
    expect(await runCli(["export", "run1"], pipe, "0.0.0")).toBe(0);
    expect(pipe.stdout.text).toBe("\u00d0");
  });
});
