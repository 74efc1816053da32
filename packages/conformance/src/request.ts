// Checks a request against its operation in the document: path, query and header parameters (coerced from text
// to their schema's type), and the body by its media type. Problems come back as phrases naming the parameter
// and the reason, for Zuora's 400 envelope.
import type { JsonObject } from "./document.js";
import type { Operation, Parameter } from "./model.js";
import { describeProblems, type SchemaValidators } from "./schemas.js";

/** Header values by lower-case name, as node's `IncomingHttpHeaders` holds them. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A request, as far as the document can judge it. */
export interface RequestParts {
  /** Decoded path parameters, as {@link Router.match} gives them. */
  pathParams: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: RequestHeaders;
  /** The raw body; empty for none. */
  body: Uint8Array;
}

/** A request that conforms, its values typed by their schemas. */
export interface CheckedRequest {
  /** Parameter values by name, coerced to their schema's type (absent optional ones are left out). */
  params: Record<string, unknown>;
  /** The parsed body: JSON, or the fields of a form; `undefined` when none was sent. */
  body: unknown;
}

/** The outcome of {@link checkRequest}: the checked values, or phrases naming each problem. */
export type RequestCheck = { ok: true; request: CheckedRequest } | { ok: false; problems: string[] };

const LOCATION: Record<Parameter["in"], string> = {
  path: "path parameter",
  query: "query parameter",
  header: "header",
  cookie: "cookie",
};

/** Text → the schema's type; a string that cannot be converted stays a string, so the schema reports it. */
function coerce(text: string, schema: JsonObject): unknown {
  switch (schema.type) {
    case "integer":
    case "number":
      return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    default:
      return text;
  }
}

function rawValue(parameter: Parameter, parts: RequestParts): string | undefined {
  switch (parameter.in) {
    case "path":
      return parts.pathParams[parameter.name];
    case "query":
      return parts.query.get(parameter.name) ?? undefined;
    case "header": {
      const value = parts.headers[parameter.name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : value;
    }
    default:
      return undefined;
  }
}

const essence = (contentType: string | string[] | undefined) =>
  (Array.isArray(contentType) ? contentType[0] : contentType)?.split(";")[0]?.trim().toLowerCase() ?? "";

/** Checks parameters (coerced from text to their schema's type) and the body (by its media type). */
export function checkRequest(validators: SchemaValidators, operation: Operation, parts: RequestParts): RequestCheck {
  const problems: string[] = [];
  const params = checkParameters(validators, operation, parts, problems);
  const body = checkBody(validators, operation, parts, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, request: { params, body } };
}

function checkParameters(
  validators: SchemaValidators,
  operation: Operation,
  parts: RequestParts,
  problems: string[],
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    const subject = `${LOCATION[parameter.in]} ${parameter.name}`;
    const text = rawValue(parameter, parts);
    if (text === undefined) {
      if (parameter.required) {
        problems.push(`${subject} is required`);
      }
      continue;
    }
    const value = coerce(text, parameter.schema);
    const validate = validators.at(parameter.schemaPointer);
    if (validate(value)) {
      params[parameter.name] = value;
    } else {
      problems.push(...describeProblems(validate, value, subject));
    }
  }
  return params;
}

function checkBody(
  validators: SchemaValidators,
  operation: Operation,
  parts: RequestParts,
  problems: string[],
): unknown {
  const declared = operation.requestBody;
  if (parts.body.length === 0) {
    if (declared?.required) {
      problems.push(`the request body is required (${[...declared.content.keys()].join(" or ")})`);
    }
    return undefined;
  }
  const mediaType = essence(parts.headers["content-type"]);
  const media = declared?.content.get(mediaType);
  if (!declared) {
    problems.push("this operation takes no request body");
    return undefined;
  }
  if (!media) {
    const allowed = [...declared.content.keys()].join(" or ");
    problems.push(`the request body must be sent as ${allowed} (got ${mediaType || "no Content-Type"})`);
    return undefined;
  }
  const text = new TextDecoder().decode(parts.body);
  const form = mediaType === "application/x-www-form-urlencoded";
  let body: unknown;
  try {
    body = form ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
  } catch (error) {
    problems.push(`the request body is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const validate = validators.at(media.schemaPointer);
  if (!validate(body)) {
    const subject = (path: string) =>
      !path ? "the request body" : form ? `form field ${path.slice(1)}` : `the request body at ${path}`;
    problems.push(...describeProblems(validate, body, subject));
  }
  return body;
}
