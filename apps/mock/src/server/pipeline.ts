// The mock as a function: `respond(request) → response`, a list of small steps run in turn until one answers.
// Nothing here touches node's http objects: the adapter (node-adapter.ts) turns sockets into requests and
// responses into bytes.
import type { Operation, RequestHeaders } from "@zuora-reports/conformance";
import type { Call } from "../simulation/engine.js";

/** A request as the steps see it. */
export interface MockRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names, as node gives them. */
  readonly headers: RequestHeaders;
  /** Who is calling (for the rate limit of requests without credentials). */
  readonly remoteAddress: string;
  /** The body, read on first call; rejects with {@link BodyTooLargeError} once it passes the limit. */
  body(): Promise<Uint8Array>;
}

/** A body larger than the mock accepts. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/** Response headers by name. */
export type Headers = Record<string, string>;

/** What the mock answers. `note` says why, for the request's log line. */
export type MockResponse =
  | { kind: "send"; status: number; headers: Headers; body: string; note?: string }
  | {
      kind: "stream";
      status: number;
      headers: Headers;
      chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
      note?: string;
    }
  /** Prism answers (a `Prefer` example); `headers` are this request's own, put over Prism's. */
  | {
      kind: "forward";
      headers: Headers;
      /** The request's `RateLimit-*` count, put on Prism's answer when its status declares them (2xx, 429). */
      rateLimit?: Headers;
    }
  /** The connection is closed without an answer (a fault). */
  | { kind: "drop"; note: string };

/** One request's way through the steps: what the steps before have found out. */
export interface Turn {
  readonly request: MockRequest;
  /** Headers every answer carries: `Zuora-Request-Id`, and `Zuora-Track-Id` when sent. */
  readonly common: Headers;
  operation?: Operation;
  pathParams: Record<string, string>;
  /** Who is asking: an OAuth client, a token, a legacy user, or the address. */
  credential: string;
  /** `common` and the rate-limit headers, once counted. */
  headers: Headers;
  /** The checked parameters and body, for the simulation. */
  call?: Call;
  /** The request asks for one of the document's examples: Prism answers it once authenticated and counted. */
  example?: boolean;
}

/** A step answers (ends the turn) or returns nothing (the next step runs). */
export type Step = (turn: Turn) => MockResponse | undefined | Promise<MockResponse | undefined>;

/** Runs `steps` in turn; `start` builds a request's turn. */
export function pipeline(
  start: (request: MockRequest) => Turn,
  steps: readonly Step[],
): (request: MockRequest) => Promise<MockResponse> {
  return async (request) => {
    const turn = start(request);
    for (const step of steps) {
      const answered = step(turn);
      // Most steps answer at once: only a promise is awaited (a microtask per step is measurable at 10k req/s).
      const response = answered instanceof Promise ? await answered : answered;
      if (response) {
        return response;
      }
    }
    throw new Error(`No step answered ${request.method} ${request.url.pathname}.`);
  };
}

/** A JSON answer the mock makes itself (not an operation's: 404, 405, 413, refusals), with `message`. */
export function message(status: number, headers: Headers, text: string, note?: string): MockResponse {
  const body = JSON.stringify({ message: text });
  return {
    kind: "send",
    status,
    headers: { ...headers, "Content-Type": "application/json" },
    body,
    ...(note ? { note } : {}),
  };
}
