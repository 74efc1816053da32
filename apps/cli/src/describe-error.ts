// Maps anything thrown by a command to one line for stderr, a JSON body for --json, and an exit code.
import {
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  InvalidArgumentError,
  PermissionDeniedError,
  RateLimitError,
  type ReportRun,
  ReportRunFailedError,
  ReportRunTimeoutError,
  RequestTimeoutError,
  UserAbortError,
  ZuoraError,
} from "@zuora-reports/client";
import { ExitCode, UsageError } from "./exit-codes.js";

/** The `--json` shape of a failure (documented in the README). */
export interface JsonFailure {
  error: {
    message: string;
    exitCode: number;
    type: string;
    status?: number;
    errorCode?: string;
    requestId?: string;
    retryAfterSeconds?: number;
  };
  run?: ReportRun;
}

export interface DescribedError {
  exitCode: ExitCode;
  /** One line, without the `error: ` prefix. */
  message: string;
  json: JsonFailure;
  /** Extra lines shown only with --debug. */
  debug: string[];
}

/** Where the failing command was talking to, and which run it was about, for better messages. */
export interface ErrorContext {
  target?: string;
  reportRunId?: string;
  /** `run`'s argument when no report had it as its name and it went to Zuora as an id. */
  unmatchedReport?: string;
}

const CREDENTIAL_HINT =
  "check ZUORA_TOKEN, ZUORA_CLIENT_ID/ZUORA_CLIENT_SECRET or ZUORA_USERNAME/ZUORA_PASSWORD, and --env/--base-url";

/** Describes `error` for the user. Never includes a stack unless asked for `debug` lines. */
export function describeError(error: unknown, context: ErrorContext = {}): DescribedError {
  const { exitCode, message, run } = classify(error, context);
  const json: JsonFailure = { error: { message, exitCode, type: errorType(error) } };
  if (error instanceof ZuoraError) {
    Object.assign(
      json.error,
      defined({
        status: error.status,
        errorCode: error.errorCode,
        requestId: error.requestId,
        retryAfterSeconds: error.retryAfterSeconds,
      }),
    );
  }
  if (run) {
    json.run = run;
  }
  return { exitCode, message: oneLine(message), json, debug: debugLines(error) };
}

function classify(error: unknown, context: ErrorContext): { exitCode: ExitCode; message: string; run?: ReportRun } {
  const runId = context.reportRunId ?? "";
  if (error instanceof UsageError || error instanceof InvalidArgumentError) {
    return { exitCode: ExitCode.Usage, message: error.message };
  }
  if (error instanceof ReportRunFailedError) {
    const id = error.run.id || runId;
    return {
      exitCode: ExitCode.RunFailed,
      message: `Report run ${id} ended with status ${error.runStatus}.`,
      run: error.run,
    };
  }
  if (error instanceof ReportRunTimeoutError) {
    const status = error.run ? ` is still ${error.run.status}` : " has not finished";
    return {
      exitCode: ExitCode.Unavailable,
      message: `Stopped waiting: report run ${runId}${status}. Keep waiting with: zuora-reports wait ${runId}`,
      ...(error.run ? { run: error.run } : {}),
    };
  }
  if (error instanceof AuthenticationError) {
    return { exitCode: ExitCode.Auth, message: `${withRequestId(error)} (${CREDENTIAL_HINT})` };
  }
  if (error instanceof PermissionDeniedError) {
    return { exitCode: ExitCode.Auth, message: `${withRequestId(error)} (the user lacks a permission for this)` };
  }
  if (error instanceof ConnectionError || error instanceof RequestTimeoutError) {
    const where = context.target && !error.message.includes(new URL(context.target).host) ? ` (${context.target})` : "";
    return { exitCode: ExitCode.Unavailable, message: `${error.message}${where}` };
  }
  if (error instanceof RateLimitError) {
    const wait = error.retryAfterSeconds === undefined ? "" : `; retry after ${error.retryAfterSeconds}s`;
    return { exitCode: ExitCode.Unavailable, message: `${withRequestId(error)}${wait}` };
  }
  if (error instanceof InternalServerError) {
    return { exitCode: ExitCode.Unavailable, message: withRequestId(error) };
  }
  if (error instanceof UserAbortError || isPlatformAbort(error)) {
    return { exitCode: ExitCode.Interrupted, message: "Interrupted." };
  }
  if (error instanceof ZuoraError) {
    const ref = context.unmatchedReport;
    // Zuora's answer for an id it does not know (a 400, or a 404) says nothing of names: say that it is neither.
    const neither =
      ref !== undefined && (error.status === 400 || error.status === 404)
        ? ` (and no report is named "${ref}"; find it with: zuora-reports search "${ref}")`
        : "";
    return { exitCode: ExitCode.ApiError, message: `${withRequestId(error)}${neither}` };
  }
  if (isFileSystemError(error)) {
    return { exitCode: ExitCode.ApiError, message: `${error.code}: ${error.message}` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { exitCode: ExitCode.ApiError, message: `Unexpected error: ${text} (run with --debug for details)` };
}

function withRequestId(error: ZuoraError): string {
  return error.requestId ? `${error.message} [Zuora-Request-Id ${error.requestId}]` : error.message;
}

/** Node's or the DOM's own abort (a stream pipeline stopped by Ctrl-C): not a client class, known by its name only. */
function isPlatformAbort(error: unknown): boolean {
  return error instanceof Error && !(error instanceof ZuoraError) && error.name === "AbortError";
}

/** The `--json` type: the error's name, with the client's renamed classes under the names this CLI documents. */
function errorType(error: unknown): string {
  if (error instanceof RequestTimeoutError) {
    return "TimeoutError";
  }
  if (error instanceof UserAbortError) {
    return "AbortError";
  }
  return error instanceof Error ? error.name : typeof error;
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && "syscall" in error;
}

function debugLines(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  // Follow the cause chain (a ConnectionError's cause is the fetch failure, whose cause is the socket error).
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      const extra =
        current instanceof ZuoraError
          ? defined({
              status: current.status,
              errorCode: current.errorCode,
              errorId: current.errorId,
              requestId: current.requestId,
              trackId: current.trackId,
              rateLimit: current.rateLimit,
              retryAfterSeconds: current.retryAfterSeconds,
            })
          : {};
      lines.push(`${depth === 0 ? "" : "caused by: "}${current.stack ?? `${current.name}: ${current.message}`}`);
      if (Object.keys(extra).length > 0) {
        lines.push(`  details: ${JSON.stringify(extra)}`);
      }
      current = current.cause;
    } else {
      lines.push(`caused by: ${String(current)}`);
      current = undefined;
    }
  }
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
