// `--output` in-process, where no exit hook tidies up after the command: whatever ends it, the temp file goes.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BadRequestError, type ReportExport, type ReportRun } from "@zuora-reports/client";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/main.js";
import { openOutput } from "../src/output-file.js";
import { BASE_ENV, fakeRuntime } from "./support/fake-runtime.js";

// A 32-hex report id: `run` uses it as is, without looking up a name.
const REPORT = "ff808081529f4e3401529fd373730070";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "zuora-cli-output-unit-"));
});

describe("the temp file", () => {
  it("exists from before the first request, beside the target", async () => {
    const output = await openOutput(join(dir, "report.csv"));
    expect(await readdir(dir)).toEqual([expect.stringMatching(/^\.report\.csv\.[0-9a-f]{8}\.partial$/)]);
    if (output !== "stdout") {
      await output.discard();
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("is removed when the request is refused, and an existing file is left as it was", async () => {
    await writeFile(join(dir, "report.csv"), "old\n");
    const runtime = fakeRuntime(
      {
        exportReportRun: async () => {
          throw new BadRequestError("400: gone", { status: 400 });
        },
      },
      BASE_ENV,
    );
    expect(await runCli(["export", "run1", "--output", join(dir, "report.csv")], runtime, "0.0.0")).toBe(1);
    expect(await readdir(dir)).toEqual(["report.csv"]);
  });

  it("is removed when the run ends badly before the export (run --output)", async () => {
    const runtime = fakeRuntime(
      {
        runReport: async () => ({ reportRunId: "run1" }),
        waitForReportRun: async () => {
          throw new BadRequestError("400: gone", { status: 400 });
        },
      },
      BASE_ENV,
    );
    const args = ["run", REPORT, "--view", "Detail", "--output", join(dir, "report.csv")];
    expect(await runCli(args, runtime, "0.0.0")).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it("is removed by SIGTERM while waiting for the run, with exit 143", async () => {
    const runtime = fakeRuntime(
      {
        runReport: async () => ({ reportRunId: "run1" }),
        waitForReportRun: (_id, options) =>
          new Promise<ReportRun>((_resolve, reject) => {
            options?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
            queueMicrotask(() => runtime.interrupt("SIGTERM"));
          }),
      },
      BASE_ENV,
    );
    const args = ["run", REPORT, "--view", "Detail", "--output", join(dir, "report.csv")];
    expect(await runCli(args, runtime, "0.0.0")).toBe(143);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("--output - (stdout)", () => {
  const RUN: ReportRun = { id: "run1", reportId: "rep1", reportType: "Detail", status: "COMPLETED" } as ReportRun;
  const csvExport = (text: string): ReportExport =>
    ({
      body: new Blob([text]).stream(),
      contentType: "text/csv",
      kind: "text",
      charset: "utf-8",
    }) as unknown as ReportExport;

  it("run --output - prints the export on stdout and the run on stderr", async () => {
    const runtime = fakeRuntime(
      {
        runReport: async () => ({ reportRunId: "run1" }),
        waitForReportRun: async () => RUN,
        exportReportRun: async () => csvExport("a\tb\n1\t2\n"),
      },
      BASE_ENV,
    );
    expect(await runCli(["run", REPORT, "--view", "Detail", "--output", "-"], runtime, "0.0.0")).toBe(0);
    expect(runtime.stdout.text).toBe("a\tb\n1\t2\n");
    expect(runtime.stderr.text).toMatch(/^Started report run run1\.\nReport run {2}run1\n/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("run --output - --json is a usage error, before any request", async () => {
    const runtime = fakeRuntime({}, BASE_ENV);
    expect(await runCli(["run", REPORT, "--view", "Detail", "--output", "-", "--json"], runtime, "0.0.0")).toBe(2);
    expect(JSON.parse(runtime.stdout.text).error.message).toBe(
      "--json prints the run on stdout: give --output a file, not stdout.",
    );
    expect(runtime.clientOptions).toEqual([]);
  });
});
