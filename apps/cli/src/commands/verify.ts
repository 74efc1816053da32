// `verify`, the shell: parses its flags, runs @zuora-reports/verify, maps the outcome to an exit code and prints
// the report (a table, or with --json one document on every path, Ctrl-C included).
import { REPORT_TYPES, type ReportRun, type ReportType, redactSecrets } from "@zuora-reports/client";
import { type Conformance, createConformance } from "@zuora-reports/conformance";
import { checkRecordFolder, type OutcomeKind, recordFixtures, type VerifyOutcome, verify } from "@zuora-reports/verify";
import { type Command, Option } from "commander";
import { type Connection, resolveConnection } from "../connection.js";
import { ExitCode, QuietExit, UsageError } from "../exit-codes.js";
import type { GlobalFlags, ProgramState } from "../program-state.js";
import { createProgress, type Progress } from "../progress.js";
import { commandName, type Runtime, write } from "../runtime.js";
import { parseChoice, parseId, parseInteger, parseSeconds } from "../validate.js";
import { formatReport, type VerifyDocument } from "../verify/format.js";
import { interruptSignal } from "../waiting.js";

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
      await verifyAction(runtime, state, version, checkFlags(flags), command.optsWithGlobals<GlobalFlags>());
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

/** How each outcome ends the command (the README's exit codes). */
const EXIT_CODES: Record<OutcomeKind, ExitCode> = {
  conforms: ExitCode.Success,
  drift: ExitCode.Drift,
  "run-failed": ExitCode.RunFailed,
  rejected: ExitCode.Auth,
  unreachable: ExitCode.Unavailable,
  refused: ExitCode.ApiError,
  interrupted: ExitCode.Interrupted,
};

interface VerifyContext {
  runtime: Runtime;
  state: ProgramState;
  flags: VerifyFlags;
  json: boolean;
  version: string;
  connection: Connection;
  conformance: Conformance;
}

async function verifyAction(
  runtime: Runtime,
  state: ProgramState,
  version: string,
  flags: VerifyFlags,
  global: GlobalFlags,
): Promise<void> {
  // Ctrl-C is ours from here on: whatever step it interrupts, the command still prints its document.
  const { signal, dispose } = interruptSignal(runtime);
  try {
    if (flags.record !== undefined) {
      const problem = await checkRecordFolder(flags.record);
      if (problem) {
        throw new UsageError(problem);
      }
    }
    const connection = resolveConnection(global, runtime.env);
    state.secrets.push(...connection.secrets);
    state.errorContext.target = connection.target;
    const json = global.json === true;
    const context = { runtime, state, flags, json, version, connection, conformance: createConformance() };
    await finish(context, await walkWithProgress(context, signal));
  } finally {
    dispose();
  }
}

/** Runs the library, with the progress line and the "Started report run" line. */
async function walkWithProgress(context: VerifyContext, signal: AbortSignal): Promise<VerifyOutcome> {
  const { runtime, state, flags, json } = context;
  let progress: Progress | undefined;
  try {
    return await verify({
      client: context.connection.options,
      createClient: runtime.createClient,
      conformance: context.conformance,
      signal,
      ...(flags.report === undefined ? {} : { reportId: flags.report }),
      ...(flags.run === undefined ? {} : { runId: flags.run }),
      ...(flags.view === undefined ? {} : { view: flags.view }),
      last: flags.last === true,
      pageSize: flags.pageSize,
      pages: flags.pages,
      ...(flags.timeout === undefined ? {} : { maxWaitMs: flags.timeout }),
      ...(flags.interval === undefined ? {} : { intervalMs: flags.interval }),
      onStarted(runId) {
        state.errorContext.reportRunId = runId;
        if (!json) {
          runtime.stderr.write(`Started report run ${runId}.\n`);
        }
      },
      onStatus(runId, status) {
        progress ??= createProgress(runId, { ...runtime, json });
        progress.update({ status } as ReportRun);
      },
    });
  } finally {
    progress?.stop();
  }
}

/** Records (with --record), prints the report, and ends with the outcome's exit code. */
async function finish(context: VerifyContext, outcome: VerifyOutcome): Promise<void> {
  const { runtime, state, flags } = context;
  const exitCode = EXIT_CODES[outcome.kind];
  const document: VerifyDocument = { ...outcome.report, exitCode };
  if (outcome.kind === "interrupted") {
    const started = outcome.walk.run?.started ? outcome.walk.run.id : undefined;
    const keepsRunning = started
      ? ` Report run ${started} keeps running on Zuora; cancel it with: ${commandName(runtime.env)} cancel ${started}`
      : "";
    document.stopped = `Stopped verifying.${keepsRunning}`;
    runtime.stderr.write(`${document.stopped}\n`);
  } else if (flags.record !== undefined) {
    const files = await recordFixtures(outcome, {
      folder: flags.record,
      secrets: recordSecrets(runtime, state),
      source: `zuora-reports verify ${context.version}`,
      conformance: context.conformance,
    });
    document.recorded = { folder: flags.record, files };
  }
  // Interrupted, people get the stderr line only; --json still gets its one document.
  if (context.json || outcome.kind !== "interrupted") {
    const text = context.json ? `${JSON.stringify(document, null, 2)}\n` : formatReport(document);
    await write(runtime.stdout, redactSecrets(text, state.secrets));
  }
  if (exitCode !== ExitCode.Success) {
    throw new QuietExit(exitCode);
  }
}

/** Everything a fixture must not contain, besides what the redactor recognises by its shape. */
function recordSecrets(runtime: Runtime, state: ProgramState): string[] {
  const env = runtime.env;
  return [
    ...state.secrets,
    ...[env.ZUORA_CLIENT_ID, env.ZUORA_USERNAME, env.ZUORA_ENTITY_ID, env.ZUORA_TRACK_ID].flatMap((value) =>
      value?.trim() ? [value.trim()] : [],
    ),
  ];
}
