// A method's promise, as in the Stainless SDKs: awaiting it gives the data, as it always did; `.withResponse()` also
// gives what the call did (the answer, its request id, the rate limit). Nothing is read for `withResponse` unless it
// is called, so a plain `await` costs one `then` more.
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

/** What a method's request resolves with inside the client: its data, the answer, and when the answer arrived. */
export interface Answered<T> {
  data: T;
  response: Response;
  at: number;
}

const pick = <T>({ data }: Answered<T>): T => data;
const ignore = () => undefined;

/** Turns a method's inner promise into the {@link APIPromise} it returns. */
export function apiPromise<T>(answered: Promise<Answered<T>>): APIPromise<T> {
  const data = answered.then(pick) as APIPromise<T>;
  data.withResponse = () => {
    // A caller who asks for the answer handles a failure there: the data promise must not report it as unhandled.
    data.catch(ignore);
    return answered.then(({ data, response, at }) => ({
      data,
      response,
      requestId: response.headers.get("Zuora-Request-Id") ?? undefined,
      rateLimit: rateLimitOf(response.headers, at),
    }));
  };
  return data;
}
