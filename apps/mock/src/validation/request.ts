// Checks a request against its operation in the document: path, query and header parameters (coerced from text
// to their schema's type), and the body by its media type. Problems come back as phrases naming the parameter
// and the reason, for Zuora's 400 envelope.
import type { IncomingHttpHeaders } from "node:http";
import type { JsonObject, Operation, Parameter } from "../spec/document.js";
import { describeProblems, type SchemaValidators } from "./schemas.js";

export interface RequestParts {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CheckedRequest {
  /** Parameter values by name, coerced to their schema's type (absent optional ones are left out). */
  params: Record<string, unknown>;
  /** The parsed body: JSON, or the fields of a form; `undefined` when none was sent. */
  body: unknown;
}

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

const essence = (contentType: string | undefined) => (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

export function checkRequest(validators: SchemaValidators, operation: Operation, parts: RequestParts): RequestCheck {
  const problems: string[] = [];
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

  let body: unknown;
  const declared = operation.requestBody;
  if (parts.body.length > 0) {
    const mediaType = essence(parts.headers["content-type"]);
    const media = declared?.content.get(mediaType);
    if (!declared) {
      problems.push("this operation takes no request body");
    } else if (!media) {
      problems.push(
        `the request body must be sent as ${[...declared.content.keys()].join(" or ")} (got ${mediaType || "no Content-Type"})`,
      );
    } else {
      const text = parts.body.toString("utf8");
      const form = mediaType === "application/x-www-form-urlencoded";
      if (form) {
        body = Object.fromEntries(new URLSearchParams(text));
      } else {
        try {
          body = JSON.parse(text);
        } catch (error) {
          problems.push(`the request body is not valid JSON (${(error as Error).message})`);
        }
      }
      if (body !== undefined) {
        const validate = validators.at(media.schemaPointer);
        if (!validate(body)) {
          const subject = (path: string) =>
            !path ? "the request body" : form ? `form field ${path.slice(1)}` : `the request body at ${path}`;
          problems.push(...describeProblems(validate, body, subject));
        }
      }
    }
  } else if (declared?.required) {
    problems.push(`the request body is required (${[...declared.content.keys()].join(" or ")})`);
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, request: { params, body } };
}
