// The client's log: a line per request and answer (debug), per retry and call given up (info), per server-requested
// wait cut short (warn). Callers check `at` before building a line, so a level that is off costs one comparison.
import type { Logger, LogLevel } from "../options.js";
import { redactSecrets } from "../redact.js";
import { fail } from "./validate.js";

const LEVELS = ["debug", "info", "warn", "error", "off"] as const;

/** Levels as numbers: a line of level `n` is written when `n >= at`. */
export const DEBUG = 0;
export const INFO = 1;
export const WARN = 2;

export interface Log {
  /** The lowest level written (`DEBUG` … 4 for off). */
  readonly at: number;
  /** Writes `line` at `level`, every form of every secret hidden. */
  write(level: number, line: string, secrets: readonly string[]): void;
}

/** Checks the `logger` and `logLevel` options and returns the log. */
export function createLog(logger: Logger | undefined, level: LogLevel = "warn"): Log {
  const at = LEVELS.indexOf(level);
  if (at < 0) {
    fail(`logLevel must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(level)}.`);
  }
  const target: Logger = logger ?? globalThis.console;
  if ((["debug", "info", "warn", "error"] as const).some((name) => typeof target?.[name] !== "function")) {
    fail("logger must have debug, info, warn and error methods.");
  }
  return {
    at,
    write: (n, line, secrets) => target[LEVELS[n] as "debug"](redactSecrets(`[zuora-reports] ${line}`, secrets)),
  };
}
