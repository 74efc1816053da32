// One method's request: openapi-fetch builds it, the transport sends it, and the answer is checked: Zuora's
// envelope, the spec's shape of its payload.
import type { RequestOptions } from "../options.js";
import type { RawClient } from "../raw-client.js";
import type { Answer } from "./api-promise.js";
import { parseJson } from "./json.js";
import { errorFromResponse, type RateLimitState } from "./response-error.js";
import { type Shape, shapeProblem } from "./shapes.js";
import { type SendOptions, type Sent, send, type TransportConfig } from "./transport.js";
import { checkMs, fail } from "./validate.js";

/** What the methods of one client share. */
export interface Context {
  raw: RawClient;
  transport: TransportConfig;
  /** The latest rate-limit headers the client saw (`client.rateLimit`). */
  limits: RateLimitState;
}

/** What every method passes to openapi-fetch besides its params. */
interface CallInit {
  headers: Readonly<Record<string, string>>;
  parseAs: "stream";
  signal: AbortSignal;
  fetch: (input: Request) => Promise<Response>;
}

/** What the openapi-fetch call of a method looks like. */
export type Call = (init: CallInit) => Promise<unknown>;

/** Checks the `{ signal, timeoutMs }` every method takes. */
export function checkRequestOptions(options: RequestOptions | undefined): SendOptions {
  const { signal, timeoutMs } = options ?? {};
  if (signal !== undefined && typeof signal?.addEventListener !== "function") {
    fail("signal must be an AbortSignal.");
  }
  return { signal, timeoutMs: timeoutMs === undefined ? undefined : checkMs(timeoutMs, "timeoutMs") };
}

/** The typed error for an answer that is not what was asked for; `fallback` stands in for a body that says nothing. */
export const errorOf = ({ transport }: Context, response: Response, text: string, fallback: string) =>
  errorFromResponse(response, text, transport.auth?.secrets() ?? [], "", fallback);

/**
 * Controllers whose signal never fired, kept for the next calls: on Node 20 creating an AbortSignal is among the
 * costliest steps of a call. Each is reused a few times only (every Request made with its signal leaves a listener on
 * it until that Request is collected), and one that aborted (a timeout, the caller's abort) is never reused: aborting
 * it again reaches only requests whose answers were read to the end, on which it does nothing.
 */
const spare: [controller: AbortController, uses: number][] = [];

/**
 * Sends one method's request: openapi-fetch gets this call's signal, so it builds the one Request the first attempt
 * sends, and leaves the body to the transport (`parseAs: "stream"`), which reads it within the attempt's timeout, or
 * leaves it to the caller to stream. Promise callbacks rather than async functions: fewer frames per call.
 */
export function call(
  { transport }: Context,
  request: Call,
  options: SendOptions,
  headers: Readonly<Record<string, string>> = {},
): Promise<Sent> {
  const entry = spare.pop() ?? [new AbortController(), 0];
  const [controller] = entry;
  let sent: Sent | undefined;
  // `options` is this call's own object (from checkRequestOptions or the export): no copy needed.
  options.controller = controller;
  options.throwOnError = true;
  return request({
    headers,
    parseAs: "stream",
    signal: controller.signal,
    fetch: (input) =>
      send(transport, input, options).then((result) => {
        sent = result;
        // Once `send` is done, only a streamed body's read (no `text`) still answers to the controller. A failed
        // send's controller is not reused: failures are rare, and that keeps this path short.
        if (result.text !== undefined && !controller.signal.aborted && ++entry[1] < 16 && spare.length < 16) {
          spare.push(entry);
        }
        return result.response;
      }),
  }).then(() => sent as Sent);
}

const JSON_ONLY: Readonly<Record<string, string>> = { Accept: "application/json" };

/**
 * The payload of Zuora's `{ success, response }` envelope, which must have the spec's `shape`, passed through `read`
 * (if given). Some failures come back as 200 with `success: false`. The answer is left in `answer` (see apiPromise).
 */
export function payload<T>(
  context: Context,
  requestOptions: RequestOptions | undefined,
  shape: Shape,
  request: Call,
  answer: Answer = {},
  read?: (value: T) => T,
): Promise<T> {
  // A bad option throws here: every caller is an async function or apiPromise, which turn it into a rejection.
  return call(context, request, checkRequestOptions(requestOptions), JSON_ONLY).then(({ response, text = "", at }) => {
    answer.response = response;
    answer.at = at;
    const body = parseJson(text) as { success?: unknown; response?: unknown } | undefined;
    if (body?.success === false) {
      throw errorOf(context, response, text, "Zuora answered success: false");
    }
    const problem =
      body?.response === undefined
        ? `not the expected JSON envelope { success, response }${text ? "" : " (empty body)"}`
        : shapeProblem(body.response, shape);
    if (problem) {
      throw errorOf(context, response, "", `Zuora's answer is ${problem}.`);
    }
    return read ? read(body?.response as T) : (body?.response as T);
  });
}
