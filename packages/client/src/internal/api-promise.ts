// A method's promise, as in the Stainless SDKs: awaiting it gives the data, as it always did; `.withResponse()` also
// gives what the call did (the answer, its request id, the rate limit). Nothing is read for `withResponse` unless it
// is called, so a plain `await` costs nothing more.
import type { RateLimitInfo } from "../errors.js";
import { rateLimitOf } from "./response-error.js";

/** What `.withResponse()` resolves with. */
export interface WithResponse<T> {
  /** What awaiting the promise gives. */
  data: T;
  /** The answer (its body already read, or, for an export, the file's stream). */
  response: Response;
  /** The `Zuora-Request-Id` header, to quote to Zuora support. */
  requestId?: string;
  /** The answer's `RateLimit-*` headers, parsed. */
  rateLimit?: RateLimitInfo;
}

/** A method's promise: it resolves with the data; {@link APIPromise.withResponse} adds the answer. */
export interface APIPromise<T> extends Promise<T> {
  /** The data with the answer it came in, its `Zuora-Request-Id` and its rate-limit headers. */
  withResponse(): Promise<WithResponse<T>>;
}

/** Where a method's request leaves its answer (the last one, for a wait), for {@link APIPromise.withResponse}. */
export interface Answer {
  response?: Response;
  /** When it arrived (epoch ms). */
  at?: number;
}

/**
 * A method's promise: `run` does the call, leaving its answer in the holder it is given, and resolves with the data
 * (or throws, which rejects it).
 * Nothing more happens per call unless `withResponse()` is called.
 */
export function apiPromise<T>(run: (answer: Answer) => Promise<T>): APIPromise<T> {
  const answer: Answer = {};
  let data: APIPromise<T>;
  try {
    data = run(answer) as APIPromise<T>;
  } catch (error) {
    // `run` need not be async (one frame less per call): a bad argument it throws rejects the promise all the same.
    data = Promise.reject(error) as APIPromise<T>;
  }
  data.withResponse = async () => {
    // Awaiting `data` here also handles its failure: the caller gets it from this promise.
    const value = await data;
    const { response, at } = answer as Required<Answer>;
    return {
      data: value,
      response,
      requestId: response.headers.get("Zuora-Request-Id") ?? undefined,
      rateLimit: rateLimitOf(response.headers, at),
    };
  };
  return data;
}
