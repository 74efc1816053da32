import type { ReportingClient } from "@zuora-reports/client";
import type { ErrorContext } from "./describe-error.js";
import type { Progress } from "./progress.js";
import { type Runtime, write } from "./runtime.js";

/** What every command gets: a ready client, the runtime, and how to print. */
export interface CommandContext {
  client: ReportingClient;
  runtime: Runtime;
  /** `--json`: stdout carries exactly one JSON document (or NDJSON lines), nothing else. */
  json: boolean;
  /** Filled in as the command learns things (such as a new run's id) that make a failure message clearer. */
  errorContext: ErrorContext;
  /** The progress line being shown while waiting, if any: notices (a retry wait) go there too. */
  progress: { current?: Progress };
}

/** Prints `value` as pretty JSON on stdout. */
export function printJson(context: CommandContext, value: unknown): Promise<void> {
  return write(context.runtime.stdout, `${JSON.stringify(value, null, 2)}\n`);
}

/** Prints human text on stdout. */
export function print(context: CommandContext, text: string): Promise<void> {
  return write(context.runtime.stdout, text);
}
