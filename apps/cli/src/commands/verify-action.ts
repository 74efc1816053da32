// `verify`'s action: runs @zuora-reports/verify, maps the outcome to an exit code and prints the report (a table, or
// with --json one document on every path, Ctrl-C included). Imported by verify.ts only when the command runs.
import { type ReportRun, redactSecrets } from "@zuora-reports/client";
import { type Conformance, createConformance } from "@zuora-reports/conformance";
import { checkRecordFolder, type OutcomeKind, recordFixtures, type VerifyOutcome, verify } from "@zuora-reports/verify";
import { type Connection, resolveConnection } from "../connection.js";
import { ExitCode, QuietExit, UsageError } from "../exit-codes.js";
import type { GlobalFlags, ProgramState } from "../program-state.js";
import { createProgress, type Progress } from "../progress.js";
import { commandName, type Runtime, write } from "../runtime.js";
import { formatReport, type VerifyDocument } from "../verify/format.js";
import { interruptSignal } from "../waiting.js";
import type { VerifyFlags } from "./verify.js";

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

export async function verifyAction(
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
