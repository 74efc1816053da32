// `--output` in-process, where no exit hook tidies up after the command: whatever ends it, the temp file goes.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BadRequestError, type ReportRun } from "@zuora-reports/client";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/main.js";
import { openOutput } from "../src/output-file.js";
import { BASE_ENV, fakeRuntime } from "./support/fake-runtime.js";

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
    const args = ["run", "rep1", "--view", "Detail", "--output", join(dir, "report.csv")];
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
    const args = ["run", "rep1", "--view", "Detail", "--output", join(dir, "report.csv")];
    expect(await runCli(args, runtime, "0.0.0")).toBe(143);
    expect(await readdir(dir)).toEqual([]);
  });
});
