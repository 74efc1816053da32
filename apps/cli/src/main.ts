// Runs one invocation and turns its outcome into an exit code; the only place that prints errors.
import { redactSecrets } from "@zuora-reports/client";
import { CommanderError } from "commander";
import { describeError, type JsonFailure } from "./describe-error.js";
import { ExitCode, QuietExit } from "./exit-codes.js";
import { isSystemError, LocalIoError, systemError } from "./local-io.js";
import { createProgram } from "./program.js";
import type { ProgramState } from "./program-state.js";
import type { Runtime } from "./runtime.js";

/**
 * Runs `zuora-reports` with `args` (without `node` and the script) and resolves to the exit code. Never throws,
 * never prints a stack trace unless `--debug`, and scrubs every credential from what it prints. With `--json`,
 * every failure is one JSON document on stdout (one line when stdout carries JSON lines).
 */
export async function runCli(args: readonly string[], runtime: Runtime, version: string): Promise<number> {
  const state: ProgramState = { errorContext: {}, secrets: secretsIn(runtime.env) };
  const json = args.includes("--json");
  const debug = args.includes("--debug");
  const program = createProgram(runtime, version, state);
  const scrub = (text: string) => redactSecrets(text, state.secrets);
  const printJson = (document: JsonFailure) => {
    try {
      runtime.stdout.write(scrub(`${JSON.stringify(document, null, state.jsonLines ? undefined : 2)}\n`));
    } catch {
      // stdout broke after the failure: stderr has the message already.
    }
  };
  try {
    await program.parseAsync([...args], { from: "user" });
    return ExitCode.Success;
  } catch (error) {
    if (error instanceof QuietExit) {
      if (json && error.json) {
        printJson({ error: { ...error.json, exitCode: error.exitCode } });
      }
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; commander has already printed its one-line error.
      if (error.exitCode === 0) {
        return ExitCode.Success;
      }
      if (json) {
        // No command: commander printed the help on stderr, and its error text is a placeholder ("(outputHelp)").
        const message =
          error.code === "commander.help"
            ? "No command given: see zuora-reports --help."
            : error.message.replace(/^error:\s*/, "");
        printJson({ error: { message, exitCode: ExitCode.Usage, type: "UsageError" } });
      }
      return ExitCode.Usage;
    }
    const local = error instanceof LocalIoError ? error : isSystemError(error) ? systemError(error) : undefined;
    if (local) {
      runtime.stderr.write(scrub(`error: ${local.message}\n`));
      if (json && local.place !== "stdout") {
        printJson({ error: { message: local.message, exitCode: local.exitCode, type: local.name } });
      }
      return local.exitCode;
    }
    const described = describeError(error, state.errorContext);
    runtime.stderr.write(scrub(`error: ${described.message}\n`));
    if (debug) {
      runtime.stderr.write(scrub(`${described.debug.join("\n")}\n`));
    }
    if (json) {
      printJson(described.json);
    }
    return described.exitCode;
  }
}

// Whatever a message says, it must never echo a credential from the environment.
function secretsIn(env: Runtime["env"]): string[] {
  return [env.ZUORA_TOKEN, env.ZUORA_CLIENT_SECRET, env.ZUORA_PASSWORD]
    .map((value) => value?.trim())
    .filter((value): value is string => value !== undefined && value.length >= 4);
}
