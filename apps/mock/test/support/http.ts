// One request to a mock, its answer read whole: status, headers, text and (when it is JSON) the parsed body.
import type { MockServer } from "../../src/index.js";

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are read loosely here; the assertions check their shape.
  json: any;
}

export const AUTH = { Authorization: "Bearer test-token" };

export async function call(
  mock: MockServer,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const response = await fetch(mock.url + path, {
    method,
    headers: options.headers ?? AUTH,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  if (response.headers.get("content-type")?.startsWith("application/json")) {
    json = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, text, bytes, json };
}

/** The decoded `response` string of Zuora's error envelope. */
export function errorDetail(reply: Reply): { errorId: string; message: string; errorCode: string } {
  return JSON.parse(reply.json.response);
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
