// A fetch for the client that checks every answer against the spec before handing it on: the status is declared,
// the body matches its schema (Ajv), and the JSON text inside Zuora's error envelope is an ErrorDetail. What it
// saw is kept, so a test can assert on the exchanges and on the absence of problems.
import { describeErrors, operationAt, responseValidator, schemaValidator } from "./spec.js";

export interface Exchange {
  method: string;
  path: string;
  operationId: string;
  status: number;
  /** What does not match the spec; empty when the answer conforms. */
  problems: string[];
}

const errorDetail = schemaValidator("ErrorDetail");

async function bodyOf(response: Response, contentType: string): Promise<unknown> {
  if (contentType.startsWith("application/json")) {
    return response.json();
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const charset = /charset=([^;\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? "utf-8";
  return new TextDecoder(charset === "utf-16" ? "utf-16le" : charset).decode(bytes);
}

async function problemsOf(request: Request, response: Response): Promise<{ operationId: string; problems: string[] }> {
  const path = new URL(request.url).pathname;
  const op = operationAt(request.method, path);
  if (!op) {
    return { operationId: "?", problems: [`${request.method} ${path} is no operation of the spec`] };
  }
  if (!op.statuses.includes(response.status)) {
    return { operationId: op.operationId, problems: [`status ${response.status} is not declared`] };
  }
  const contentType = response.headers.get("Content-Type") ?? "";
  const validate = responseValidator(op, response.status, contentType);
  if (!validate) {
    return { operationId: op.operationId, problems: [`${contentType} is not declared for ${response.status}`] };
  }
  const body = await bodyOf(response, contentType);
  const problems = validate(body) ? [] : [describeErrors(validate)];
  const envelope = body as { success?: unknown; response?: unknown };
  if (
    envelope?.success === false &&
    typeof envelope.response === "string" &&
    !errorDetail(JSON.parse(envelope.response))
  ) {
    problems.push(`response is not an ErrorDetail: ${describeErrors(errorDetail)}`);
  }
  return { operationId: op.operationId, problems };
}

/** A `fetch` (as the client calls it, with a Request) that records and checks every exchange in `log`. */
export function checkedFetch(log: Exchange[], onResponse?: (exchange: Exchange) => void) {
  return async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    const { operationId, problems } = await problemsOf(request, response.clone());
    const exchange = {
      method: request.method,
      path: new URL(request.url).pathname,
      operationId,
      status: response.status,
      problems,
    };
    log.push(exchange);
    onResponse?.(exchange);
    return response;
  };
}
