// A fetch for the client that checks every answer against the spec (through @zuora-reports/conformance, the one
// checker) before handing it on: the status is declared, the headers and the body match their schemas, and the
// JSON text inside Zuora's error envelope is an ErrorDetail. What it saw is kept, so a test can assert on the
// exchanges and on the absence of problems.
import { createConformance } from "@zuora-reports/conformance";

/** The spec's model, shared by the contract tests. */
export const conformance = createConformance();

/** One request and what the spec says of its answer. */
export interface Exchange {
  method: string;
  path: string;
  operationId: string;
  status: number;
  /** What does not match the spec; empty when the answer conforms. */
  problems: string[];
}

const ERROR_DETAIL = "/components/schemas/ErrorDetail";

/** The body as text, decoded by its Content-Type's charset (`utf-16` is little-endian, a BOM wins). */
async function textOf(response: Response): Promise<string> {
  const charset = /charset=([^;\s]+)/i.exec(response.headers.get("Content-Type") ?? "")?.[1]?.toLowerCase();
  return new TextDecoder(charset ?? "utf-8").decode(await response.arrayBuffer());
}

/** Problems of `response` to `request`, by the spec. */
export async function problemsOf(request: Request, response: Response): Promise<Exchange> {
  const path = new URL(request.url).pathname;
  const body = await textOf(response);
  const exchange = {
    method: request.method,
    path,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body,
  };
  const verdict = conformance.check(exchange, { charset: true });
  const problems = verdict.violations.map((v) => `${v.path}: expected ${v.expected}, got ${v.seen}`);
  const envelope = (response.headers.get("Content-Type")?.includes("json") ? JSON.parse(body || "null") : null) as {
    success?: unknown;
    response?: unknown;
  } | null;
  if (envelope?.success === false && typeof envelope.response === "string") {
    problems.push(...conformance.validate(ERROR_DETAIL, JSON.parse(envelope.response), "the envelope's response"));
  }
  const operationId = verdict.operation?.operationId ?? "?";
  return { method: request.method, path, operationId, status: response.status, problems };
}

/** A `fetch` (as the client calls it, with a Request) that records and checks every exchange in `log`. */
export function checkedFetch(log: Exchange[], onResponse?: (exchange: Exchange) => void) {
  return async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    const exchange = await problemsOf(request, response.clone());
    log.push(exchange);
    onResponse?.(exchange);
    return response;
  };
}
