// Why a walk ended before its last step, as a domain outcome (the CLI maps it to an exit code).
import {
  AuthenticationError,
  ConnectionError,
  decodeErrorBody,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  ZuoraError,
} from "@zuora-reports/client";

/**
 * What stopped a walk: `drift` (an answer verify cannot steer by), `run-failed` (the run ended INVALID, ERROR or
 * CANCELLED), `rejected` (401/403), `unreachable` (network, timeout, 429, 5xx, or the wait's deadline), `refused`
 * (any other API error).
 */
export type StopKind = "drift" | "run-failed" | "rejected" | "unreachable" | "refused";

/** Why the walk ended before its last step. */
export interface WalkStop {
  /** One line for people. */
  reason: string;
  kind: StopKind;
}

/** A stop that ends the walk (not an error of verify itself). */
export class Stop extends Error {
  override readonly name = "Stop";
  constructor(readonly stop: WalkStop) {
    super(stop.reason);
  }
}

/** The stop for a non-2xx answer, quoting what its body says (decoded as the client decodes error bodies). */
export function stopForStatus(status: number, text: string, what: string): Stop {
  const kind: StopKind =
    status === 401 || status === 403 ? "rejected" : status === 429 || status >= 500 ? "unreachable" : "refused";
  const message = decodeErrorBody(text).message;
  return new Stop({ reason: `${what} answered ${status}${message ? `: ${message.slice(0, 200)}` : ""}.`, kind });
}

/** The stop for an error the client threw; anything that is not the client's error is rethrown. */
export function stopForError(error: unknown, what: string): Stop {
  const reason = `${what}: ${error instanceof Error ? error.message : String(error)}`;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new Stop({ reason, kind: "rejected" });
  }
  if (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof RateLimitError ||
    (error instanceof ZuoraError && (error.status ?? 0) >= 500)
  ) {
    return new Stop({ reason, kind: "unreachable" });
  }
  if (error instanceof ZuoraError) {
    return new Stop({ reason, kind: "refused" });
  }
  throw error;
}
