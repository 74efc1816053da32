// `verify`, the shell: parses its flags; its action (verify-action.ts, imported only when verify runs: it brings the
// spec's checker and Ajv) runs @zuora-reports/verify, maps the outcome to an exit code and prints the report.
import { REPORT_TYPES, type ReportType } from "@zuora-reports/client";
import { type Command, Option } from "commander";
import { UsageError } from "../exit-codes.js";
import type { GlobalFlags, ProgramState } from "../program-state.js";
import type { Runtime } from "../runtime.js";
import { parseChoice, parseId, parseInteger, parseSeconds } from "../validate.js";

export interface VerifyFlags {
  report?: string;
  run?: string;
  last?: boolean;
  view?: ReportType;
  pageSize: number;
  pages: number;
  timeout?: number;
  interval?: number;
  record?: string;
}

const VERIFY_HELP = `
verify is read-only: it never writes, changes or cancels anything on the tenant, except that --report (without
--last) starts one run of that report, which it then follows to its end. It needs no flag to be safe.

What it does, in order: the OAuth token exchange (with ZUORA_CLIENT_ID/ZUORA_CLIENT_SECRET), Get Last Completed
Report Run (--report), Run a report (--report without --last), Get Report Run until the run ends, Get Report Data
(the first --pages pages from offset 1, and one page from offset 0), Export Report Run (and pivoted, for Summary).
Every answer (status, the headers the spec declares, body) is checked against the bundled spec.

Exit codes: 0 every answer conforms, 6 drift (at least one answer differs from the spec); otherwise as the other
commands (3 the run ended INVALID/ERROR/CANCELLED, 4 authentication, 5 network/timeout/5xx/429...).

--record <folder> writes each answer as a fixture (a new or empty folder), with secrets, tokens, ids and row
values replaced by placeholders: see the README to contribute them.

Examples:
  zuora-reports verify --env us-sandbox --report ff808081529f4e3401529fd373730070
  zuora-reports verify --env us-sandbox --run ff808081529f4e3401529fd61f080074 --record fixtures/my-sandbox`;

/** Adds `verify` to `program`. */
export function addVerifyCommand(program: Command, runtime: Runtime, state: ProgramState, version: string): void {
  program
    .command("verify")
    .description("check what the tenant answers against the spec (read-only but for the one run --report starts)")
    .option("--report <reportId>", "run this report (the one write), or with --last use its last completed run")
    .option("--run <reportRunId>", "use this existing run: start nothing")
    .option("--last", "with --report: use its last completed run instead of starting one")
    .addOption(
      new Option(
        "--view <type>",
        "Detail or Summary, to run the report with (default: its last run's, else Detail)",
      ).argParser((v) => parseChoice(v, "--view", REPORT_TYPES)),
    )
    .addOption(
      new Option("--page-size <n>", "rows per data page")
        .argParser((v) => parseInteger(v, "--page-size", 1, 100_000))
        .default(100),
    )
    .addOption(
      new Option("--pages <n>", "data pages to read from offset 1")
        .argParser((v) => parseInteger(v, "--pages", 1, 100))
        .default(2),
    )
    .addOption(
      new Option("--timeout <seconds>", "stop waiting for the run after this long (default 30 min; exit 5)").argParser(
        (v) => parseSeconds(v, "--timeout"),
      ),
    )
    .addOption(
      new Option("--interval <seconds>", "first delay between polls (default 1 s, growing to 10 s)").argParser((v) =>
        parseSeconds(v, "--interval"),
      ),
    )
    .option("--record <folder>", "save each answer there as a redacted fixture (a new or empty folder)")
    .addHelpText("after", VERIFY_HELP)
    .action(async (flags: VerifyFlags, command: Command) => {
      const checked = checkFlags(flags);
      const { verifyAction } = await import("./verify-action.js");
      await verifyAction(runtime, state, version, checked, command.optsWithGlobals<GlobalFlags>());
    });
}

function checkFlags(flags: VerifyFlags): VerifyFlags {
  if ((flags.report === undefined) === (flags.run === undefined)) {
    throw new UsageError("verify needs --report <reportId> or --run <reportRunId> (one of them).");
  }
  if (flags.last && flags.report === undefined) {
    throw new UsageError("--last goes with --report: it uses that report's last completed run.");
  }
  if (flags.view !== undefined && (flags.last || flags.run !== undefined)) {
    throw new UsageError("--view is for the run --report starts; with --last or --run nothing is started.");
  }
  if (flags.record !== undefined && flags.record.trim() === "") {
    throw new UsageError("--record is empty: give a folder.");
  }
  return {
    ...flags,
    ...(flags.report === undefined ? {} : { report: parseId(flags.report, "--report") }),
    ...(flags.run === undefined ? {} : { run: parseId(flags.run, "--run") }),
  };
}
