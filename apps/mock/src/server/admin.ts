// The control API over HTTP (`/__admin/…`): each request routed and checked by the control API's own OpenAPI
// document (admin/openapi.json, through @zuora-reports/conformance), carried out by the control (control.ts), and
// each answer checked against that document before it goes out, as the mock does for Zuora's operations.
import { createRequire } from "node:module";
import type { Conformance, Json, Operation } from "@zuora-reports/conformance";
import { type MockControl, MockControlError } from "../control.js";
import { BodyTooLargeError, type Headers, type MockRequest, type MockResponse } from "./pipeline.js";
import type { Violation } from "./steps.js";

/** Path of the control API's OpenAPI document, shipped with the package. */
export const adminDocumentPath = (): string =>
  createRequire(import.meta.url).resolve("@zuora-reports/mock/admin/openapi.json");

/** What the control API needs. */
export interface AdminOptions {
  control: MockControl;
  /** The model of admin/openapi.json. */
  conformance: Conformance;
  onViolation?: (violation: Violation) => void;
  logError: (line: string) => void;
}

type Handler = (control: MockControl, params: Record<string, unknown>, body: unknown) => Json;

const HANDLERS: Readonly<Record<string, Handler>> = {
  resetMock(control) {
    control.reset();
    return { message: "The mock forgot every run, token, idempotency key, rate-limit count and fault count." };
  },
  listRuns: (control) => ({ runs: control.runs() as unknown as Json }),
  setRunStatus: (control, params, body) =>
    control.setStatus(String(params.reportRunId), String((body as { status: string }).status)) as unknown as Json,
  getSettings: (control) => control.settings() as Json,
  updateSettings: (control, _, body) => control.configure(body as Record<string, unknown>) as Json,
};

// The control API is called from browsers' test pages too: any origin, no credentials.
const CORS: Headers = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };

/** A JSON answer; its line ends, so that curl's output in a terminal does too. */
function answer(status: number, body: Json, note?: string): MockResponse {
  const headers = { ...CORS, "Content-Type": "application/json" };
  return { kind: "send", status, headers, body: `${JSON.stringify(body)}\n`, ...(note ? { note } : {}) };
}

/** `respond` for the paths under `/__admin/`. */
export function createAdmin(options: AdminOptions): (request: MockRequest) => Promise<MockResponse> {
  const { conformance, control } = options;
  const methods = [...new Set([...conformance.operations.map((op) => op.method), "OPTIONS"])].join(", ");

  const checked = (operation: Operation, status: number, body: Json): MockResponse => {
    const headers = { "Content-Type": "application/json" };
    const { violations } = conformance.checkResponse(operation, { status, headers, json: body });
    if (violations.length === 0) {
      return answer(status, body);
    }
    const problems = violations.map((v) => `${v.path}: expected ${v.expected}, got ${v.seen}`);
    options.logError(`mock bug: ${operation.operationId} ${status} breaks the control API's document: ${problems}`);
    options.onViolation?.({ operationId: operation.operationId, status, problems });
    return answer(
      500,
      { message: `The mock's answer breaks its control API's document (a bug of the mock): ${problems.join("; ")}` },
      "mock bug",
    );
  };

  return async (request) => {
    const { method, url } = request;
    if (method === "OPTIONS") {
      const asked = request.headers["access-control-request-headers"];
      const headers = {
        ...CORS,
        "Access-Control-Allow-Methods": methods,
        "Access-Control-Allow-Headers": String(asked ?? "Content-Type"),
        "Access-Control-Max-Age": "600",
      };
      return { kind: "send", status: 204, headers, body: "" };
    }
    const found = conformance.match(method, url.pathname);
    if (found.kind === "not-found") {
      const paths = [...new Set(conformance.operations.map((op) => `${op.method} ${op.path}`))].join(", ");
      return answer(404, { message: `No route of the control API at ${method} ${url.pathname}; it has ${paths}.` });
    }
    if (found.kind === "method-not-allowed") {
      const allowed = found.allowed.join(", ");
      const refused = answer(405, { message: `${method} is not allowed on ${url.pathname}; use ${allowed}.` });
      return { ...refused, headers: { ...(refused as { headers: Headers }).headers, Allow: allowed } } as MockResponse;
    }
    const { operation } = found;
    let body: Uint8Array;
    try {
      body = await request.body();
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return {
          ...answer(413, { message: error.message }),
          headers: { ...CORS, "Content-Type": "application/json", Connection: "close" },
        };
      }
      throw error;
    }
    const parts = { pathParams: found.pathParams, query: url.searchParams, headers: request.headers, body };
    const check = conformance.checkRequest(operation, parts);
    if (!check.ok) {
      return checked(operation, 400, { message: `The request is invalid: ${check.problems.join("; ")}.` });
    }
    const handle = HANDLERS[operation.operationId];
    if (!handle) {
      throw new Error(`The control API has no handler for ${operation.operationId}.`);
    }
    try {
      return checked(operation, 200, handle(control, check.request.params, check.request.body));
    } catch (error) {
      if (error instanceof MockControlError) {
        return checked(operation, error.status, { message: error.message });
      }
      throw error;
    }
  };
}
