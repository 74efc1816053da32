// Runs `zuora-reports …` in-process with the real client (real HTTP), capturing its output.
import { createReportingClient } from "@zuora-reports/client";
import { runCli } from "../../src/main.js";
import { type FakeRuntime, fakeRuntime } from "./fake-runtime.js";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  runtime: FakeRuntime;
}

/** `zuora-reports …args` with `env` as the whole environment, talking HTTP through the real client. */
export async function runInProcess(
  args: readonly string[],
  env: Record<string, string>,
  onRuntime?: (runtime: FakeRuntime) => void,
): Promise<InProcessResult> {
  const runtime = fakeRuntime({}, env);
  onRuntime?.(runtime);
  runtime.createClient = (options) => {
    runtime.clientOptions.push(options);
    return createReportingClient(options);
  };
  const code = await runCli(args, runtime, "0.0.0-test");
  return { code, stdout: runtime.stdout.text, stderr: runtime.stderr.text, runtime };
}

/** Every operation a full `verify --report` walk calls (a Summary report's pivoted export is the same operation). */
export const WALK_OPERATIONS = [
  "createToken",
  "getLastCompletedReportRun",
  "runReport",
  "getReportRun",
  "getReportData",
  "exportReportRun",
];
