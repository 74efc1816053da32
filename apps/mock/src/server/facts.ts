// What the mock's front needs to know about the API, read from the document (through conformance), never
// restated: the security schemes' header names, the methods for CORS, the export's media type, the 401 answer.
import {
  type Conformance,
  exampleOf,
  type Json,
  type Operation,
  type ResponseModel,
  responseFor,
} from "@zuora-reports/conformance";

/** How a request may prove who it is, as the document's security schemes say. */
export interface AuthFacts {
  /** Lower-case header of a bearer token (OAuth 2 / http bearer schemes), e.g. `authorization`. */
  bearerHeader?: string;
  /** Lower-case headers of the API-key schemes that go together (the legacy user name first, then its secret). */
  keyHeaders: readonly string[];
}

/** Facts of the document the front uses. */
export interface Facts {
  auth: AuthFacts;
  /** Every method of the document, and OPTIONS: what a preflight may ask for. */
  corsMethods: string;
  /** The export's `Content-Type`, its charset included (`text/csv;charset=utf-16`). */
  exportContentType: string;
  /** The answer to a request without valid credentials: body and challenge. */
  unauthorized: { operation: Operation; status: number; body: Json; challenge?: string };
  /** The status of "too many requests": the response that declares `Retry-After`. */
  rateLimitedStatus: number;
  /** The status of a server error: the first 5xx the document declares. */
  serverErrorStatus: number;
  /** The schema pointer of the `Zuora-Track-Id` header parameter, if the document has one. */
  trackIdSchema?: string;
}

function authFacts(conformance: Conformance): AuthFacts {
  const requirements = conformance.operations.flatMap((op) => op.security);
  let bearerHeader: string | undefined;
  let keyHeaders: string[] = [];
  for (const requirement of requirements) {
    const schemes = Object.keys(requirement).map((name) => conformance.securitySchemes.get(name));
    if (schemes.some((s) => s?.type === "oauth2" || (s?.type === "http" && s.scheme === "bearer"))) {
      bearerHeader = "authorization";
    }
    const keys = schemes.filter((s) => s?.type === "apiKey" && s.in === "header" && s.parameterName);
    if (keys.length > 0 && keyHeaders.length === 0) {
      keyHeaders = keys.map((s) => String(s?.parameterName).toLowerCase());
    }
  }
  return { ...(bearerHeader ? { bearerHeader } : {}), keyHeaders };
}

function exportContentType(conformance: Conformance, operationId: string): string {
  const response = responseFor(conformance.operation(operationId), 200);
  const [mediaType, media] = [...(response?.content ?? [])][0] ?? ["application/octet-stream", undefined];
  const charset = media?.extensions["x-charset"];
  return typeof charset === "string" ? `${mediaType};charset=${charset}` : mediaType;
}

/** The first declared status whose response passes `test`; throws naming `what` when there is none. */
function statusWhere(conformance: Conformance, what: string, test: (key: string, r: ResponseModel) => boolean): number {
  for (const operation of conformance.operations) {
    for (const [key, response] of operation.responses) {
      if (/^\d{3}$/.test(key) && test(key, response)) {
        return Number(key);
      }
    }
  }
  throw new Error(`The OpenAPI document declares no ${what} response.`);
}

/**
 * The challenges of the document's `WWW-Authenticate` example that the mock accepts: only `Bearer` (the mock refuses
 * `Basic` and takes no `ZSession` cookie; the legacy key headers are no HTTP scheme), its realm quoted as RFC 9110
 * requires (`Bearer realm="Zuora API"`).
 */
export function acceptedChallenges(example: unknown, auth: AuthFacts): string | undefined {
  if (typeof example !== "string" || !auth.bearerHeader) {
    return undefined;
  }
  const accepted = example
    .split(/,\s*(?=[A-Za-z][\w-]*\s+realm=)/)
    .map((challenge) => /^([A-Za-z][\w-]*)\s+realm="?([^"]*?)"?\s*$/.exec(challenge.trim()))
    .filter((match): match is RegExpExecArray => match !== null && match[1]?.toLowerCase() === "bearer")
    .map((match) => `${match[1]} realm="${match[2]}"`);
  return accepted.length > 0 ? accepted.join(", ") : undefined;
}

/** Reads the facts from the document; `exportOperationId` names the operation whose 200 is a file. */
export function readFacts(conformance: Conformance, exportOperationId: string): Facts {
  // The answer to missing credentials: the response that declares the WWW-Authenticate challenge.
  const status = statusWhere(conformance, "WWW-Authenticate", (_, r) => r.headers.has("www-authenticate"));
  const operation = conformance.operations.find((op) => op.secured && responseFor(op, status));
  if (!operation) {
    throw new Error(`The OpenAPI document declares no ${status} response for a secured operation.`);
  }
  const response = responseFor(operation, status);
  const auth = authFacts(conformance);
  const challenge = acceptedChallenges(response?.headers.get("www-authenticate")?.example, auth);
  const trackId = conformance.operations
    .flatMap((op) => op.parameters)
    .find((p) => p.in === "header" && p.name.toLowerCase() === "zuora-track-id");
  const methods = new Set([...conformance.operations.map((op) => op.method), "OPTIONS"]);
  return {
    auth,
    corsMethods: [...methods].join(", "),
    exportContentType: exportContentType(conformance, exportOperationId),
    unauthorized: {
      operation,
      status,
      body: exampleOf(operation, status).value,
      ...(typeof challenge === "string" ? { challenge } : {}),
    },
    rateLimitedStatus: statusWhere(conformance, "Retry-After", (_, r) => r.headers.has("retry-after")),
    serverErrorStatus: statusWhere(conformance, "5xx", (key) => key.startsWith("5")),
    ...(trackId ? { trackIdSchema: trackId.schemaPointer } : {}),
  };
}
