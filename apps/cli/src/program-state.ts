// What the program and its commands share, in a module of its own so that no command imports program.ts.
import type { ConnectionFlags } from "./connection.js";
import type { ErrorContext } from "./describe-error.js";

/** The global flags. */
export interface GlobalFlags extends ConnectionFlags {
  json?: boolean;
  debug?: boolean;
  verbose?: boolean;
}

/** What the program learns while running, for the error handler in main. */
export interface ProgramState {
  errorContext: ErrorContext;
  secrets: string[];
  /** stdout carries JSON lines (`--format ndjson`): an error document must take one line too. */
  jsonLines?: boolean;
}
