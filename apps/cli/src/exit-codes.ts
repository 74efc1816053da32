/**
 * The CLI's exit codes (documented in the README). Scripts rely on them: never renumber.
 */
export const ExitCode = {
  /** The command did what was asked. */
  Success: 0,
  /** Zuora refused the request for another reason (400, 404, 409…), or something unexpected went wrong. */
  ApiError: 1,
  /** Bad command line or configuration, caught before any request. */
  Usage: 2,
  /** The report run ended INVALID, ERROR or CANCELLED. */
  RunFailed: 3,
  /** Zuora rejected the credentials (401) or the permission (403). */
  Auth: 4,
  /** No answer (network, timeout), a server error (5xx), rate limiting (429), or `--timeout` expired. */
  Unavailable: 5,
  /** `verify`: at least one answer differs from the spec. */
  Drift: 6,
  /** A local write failed: stdout or the `--output` file (disk full, I/O error), never the API's doing. */
  LocalIo: 7,
  /** The export came back empty (zero bytes): Zuora always sends at least a header line. Nothing was written. */
  EmptyExport: 8,
  /** Stopped by SIGHUP (128 + 1): the terminal went away. */
  HungUp: 129,
  /** Interrupted with Ctrl-C (128 + SIGINT), the shell convention. */
  Interrupted: 130,
  /** Stopped by SIGTERM (128 + 15), e.g. `kill` or a CI cancel. */
  Terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in the command line or the environment, reported before any request is sent. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * A deliberate stop (such as Ctrl-C) whose message was already printed on stderr; only the exit code remains, and
 * with `--json` the error document (`json`) on stdout.
 */
export class QuietExit extends Error {
  override readonly name = "QuietExit";
  constructor(
    readonly exitCode: ExitCode,
    readonly json?: { message: string; type: string },
  ) {
    super(`exit ${exitCode}`);
  }
}

/** The signals the CLI stops cleanly on (temp files removed, pre-existing files intact). */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** 128 + the signal's number, as shells report a process stopped by it. */
export function exitCodeFor(signal: StopSignal): ExitCode {
  return signal === "SIGINT" ? ExitCode.Interrupted : signal === "SIGTERM" ? ExitCode.Terminated : ExitCode.HungUp;
}
