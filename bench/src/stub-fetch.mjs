// @ts-check
// A fetch that never touches a socket, as openapi-fetch's own benchmark does: every call resolves a fresh
// Response, so what is measured is the contender's own work per call (URL, headers, Request, parsing).
import { RESPONSE_HEADERS, RUN_ID, reportRunBody } from "./fixtures.mjs";

const BODY = reportRunBody(RUN_ID);

/**
 * The stub shared by every contender in the overhead benchmark.
 * @param {RequestInfo | URL} _input
 * @param {RequestInit} [_init]
 * @returns {Promise<Response>}
 */
export function stubFetch(_input, _init) {
  return Promise.resolve(new Response(BODY, { status: 200, headers: RESPONSE_HEADERS }));
}
