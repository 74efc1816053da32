// Failures of the machine the CLI runs on (a full disk, an unwritable folder, a closed stdout): told as such, in
// one line, with their own exit codes, never as an API error.
import { ExitCode } from "./exit-codes.js";

/** A local read or write that failed. `message` is the whole line shown after `error: `. */
export class LocalIoError extends Error {
  override readonly name = "LocalIoError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** `stdout` when stdout itself is broken: nothing more can be printed there. */
    readonly place: "stdout" | "file" | "system",
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `cannot write to stdout: no space left on device`: a write on stdout failed (exit 7). */
export function stdoutError(error: unknown): LocalIoError {
  return new LocalIoError(`cannot write to stdout: ${reasonOf(error)}`, ExitCode.LocalIo, "stdout", { cause: error });
}

/** `cannot write <path>: <reason>`; exit 2 when found before any request, 7 when the write failed midway. */
export function fileError(path: string, error: unknown, exitCode: ExitCode): LocalIoError {
  return new LocalIoError(`cannot write ${path}: ${reasonOf(error)}`, exitCode, "file", { cause: error });
}

/** Any other failed system call that reached the top: local, so exit 7, never "API error". */
export function systemError(error: NodeJS.ErrnoException): LocalIoError {
  const what = error.syscall ? ` (${error.syscall})` : "";
  return new LocalIoError(`local I/O failed: ${reasonOf(error)}${what}`, ExitCode.LocalIo, "system", { cause: error });
}

/**
 * The system's words for an errno failure ("no space left on device"), without the code or the file name (which
 * may be a temp file's): Node's messages read `ENOSPC: no space left on device, write`.
 */
export function reasonOf(error: unknown): string {
  if (error instanceof LocalIoError) {
    return error.message;
  }
  const text = error instanceof Error ? error.message : String(error);
  const errno = /^[A-Z][A-Z0-9_]+: ([^,]+)/.exec(text);
  return errno?.[1] ?? text;
}

/** Whether `error` is an errno failure of a system call (not an HTTP or parsing error). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && "syscall" in error;
}
