// Checks one HTTP exchange against the document: is the status declared, do the declared headers and the body
// match their schemas, is the Content-Type one the response declares.
import { describeSchema, describeType, describeValue } from "./describe.js";
import { at, isObject, type Json, type OpenApiDocument, resolve } from "./document.js";
import { type Operation, type ResponseHeader, type ResponseModel, responseFor } from "./model.js";
import type { ErrorObject, SchemaValidators } from "./schemas.js";

/** One request and the answer it got. Only what the response side of the document can judge. */
export interface Exchange {
  /** The request method, e.g. `GET`. */
  method: string;
  /**
   * The request path below the server's base URL: concrete (`/reportruns/ff80…`) or the template itself
   * (`/reportruns/{reportRunId}`). A query string is ignored.
   */
  path: string;
  /** The operation, when the caller knows it; otherwise it is found by method and path. */
  operationId?: string;
  status: number;
  /** The response headers, names in any case. */
  headers: Readonly<Record<string, string>>;
  /** The response body, decoded to text; empty or absent for none. */
  body?: string;
}

/** Where a violation is. */
export type ViolationKind = "operation" | "status" | "header" | "content-type" | "body";

/** One way an exchange differs from the document. */
export interface Violation {
  kind: ViolationKind;
  /** `$.response.status` (a JSON path into the body), `headers.RateLimit-Remaining`, `status`, `Content-Type`. */
  path: string;
  /** What the document says, e.g. `one of "STARTED", "QUERYDATA", …`. */
  expected: string;
  /** What came back, e.g. `"completed"`, or only its type where {@link CheckOptions.mask} says so. */
  seen: string;
}

/** The outcome of {@link Conformance.check} and {@link checkResponse}. */
export interface Verdict {
  /** The operation the exchange belongs to; undefined when the document has none for its method and path. */
  operation?: Operation;
  /** The key of the response object that applies: `"200"`, `"4XX"`, `"default"`; undefined when none does. */
  response?: string;
  violations: Violation[];
}

/** A body location: property names and array indexes from the root. */
export type BodyPath = readonly (string | number)[];

/** How to check. */
export interface CheckOptions {
  /**
   * Also hold the Content-Type's charset to the one the document declares (`x-charset` on the media type). Off by
   * default: a reader that decodes by the charset it is sent (as `verify` does, reporting the charset as a finding)
   * is not misled by another one.
   */
  charset?: boolean;
  /** Body locations whose values must not be shown in `seen` (only their type is), e.g. report rows. */
  mask?: (path: BodyPath) => boolean;
}

/** A response as {@link checkResponse} takes it. */
export interface ResponseParts {
  status: number;
  /** The response headers, names in any case. */
  headers: Readonly<Record<string, string>>;
  /** The body as text; empty or absent for none. */
  body?: string;
  /** The body already parsed (a JSON body the caller built): it is not parsed again from `body`. */
  json?: Json;
}

/** Checks one response of `operation`: the status is declared, declared headers and the body match their schemas. */
export function checkResponse(
  document: OpenApiDocument,
  validators: SchemaValidators,
  operation: Operation,
  response: ResponseParts,
  options: CheckOptions = {},
): Verdict {
  const declared = responseFor(operation, response.status);
  if (!declared) {
    const expected = `one of ${[...operation.responses.keys()].join(", ")}`;
    return { operation, violations: [{ kind: "status", path: "status", expected, seen: String(response.status) }] };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    headers[name.toLowerCase()] = value;
  }
  const violations = [
    ...checkHeaders(document, validators, declared, headers),
    ...checkContent(document, validators, declared, headers, response, options),
  ];
  return { operation, response: declared.key, violations };
}

function checkHeaders(
  document: OpenApiDocument,
  validators: SchemaValidators,
  response: ResponseModel,
  headers: Record<string, string>,
): Violation[] {
  const violations: Violation[] = [];
  for (const [lower, header] of response.headers) {
    const raw = headers[lower];
    const path = `headers.${header.name}`;
    if (raw === undefined) {
      if (header.required) {
        violations.push({ kind: "header", path, expected: "a required header", seen: "absent" });
      }
      continue;
    }
    if (header.parse !== "none" && !validators.at(header.schemaPointer)(headerValue(raw, header.parse))) {
      violations.push({
        kind: "header",
        path,
        expected: describeSchema(document, header.schema),
        seen: describeValue(raw),
      });
    }
  }
  return violations;
}

/** A header's text as the value its schema describes: a number for an integer or number schema, and so on. */
function headerValue(raw: string, parse: ResponseHeader["parse"]): Json {
  if (parse === "number") {
    const text = raw.trim();
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : raw;
  }
  if (parse === "boolean") {
    const text = raw.trim();
    return text === "true" ? true : text === "false" ? false : raw;
  }
  return raw;
}

/** The media type of a Content-Type, lower case, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0]?.trim().toLowerCase() || undefined;
}

/** The `charset` parameter of a Content-Type, lower case, or undefined. */
export function charsetParameter(contentType: string | undefined): string | undefined {
  return /;\s*charset="?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
}

function mediaMatches(declared: string, actual: string): boolean {
  const [type, subtype] = declared.toLowerCase().split("/");
  const [actualType, actualSubtype] = actual.split("/");
  return (type === "*" || type === actualType) && (subtype === "*" || subtype === actualSubtype);
}

const isJsonMedia = (mediaType: string) => /^application\/(.+\+)?json$/.test(mediaType.toLowerCase());

/** The declared media type `contentType` is one of, falling back to the only one declared; and any problem. */
function declaredMedia(
  response: ResponseModel,
  contentType: string | undefined,
  strictCharset: boolean,
): [string | undefined, Violation[]] {
  const actual = mediaTypeOf(contentType);
  const declared = [...response.content.keys()];
  const found =
    actual === undefined
      ? undefined
      : response.content.has(actual)
        ? actual
        : declared.find((type) => mediaMatches(type, actual));
  if (found !== undefined) {
    const charset = response.content.get(found)?.extensions["x-charset"];
    const seen = charsetParameter(contentType);
    if (strictCharset && typeof charset === "string" && seen !== charset.toLowerCase()) {
      const expected = `${found};charset=${charset}`;
      return [found, [{ kind: "content-type", path: "Content-Type", expected, seen: describeValue(contentType) }]];
    }
    return [found, []];
  }
  const violation: Violation = {
    kind: "content-type",
    path: "Content-Type",
    expected: `one of ${declared.join(", ")}`,
    seen: contentType === undefined ? "absent" : describeValue(contentType),
  };
  // With a single declared media type, the body is still worth checking against it.
  return [declared.length === 1 ? declared[0] : undefined, [violation]];
}

function checkContent(
  document: OpenApiDocument,
  validators: SchemaValidators,
  response: ResponseModel,
  headers: Record<string, string>,
  parts: ResponseParts,
  options: CheckOptions,
): Violation[] {
  if (response.content.size === 0) {
    return [];
  }
  const [mediaType, violations] = declaredMedia(response, headers["content-type"], options.charset === true);
  const media = mediaType === undefined ? undefined : response.content.get(mediaType);
  if (mediaType === undefined || !media?.hasSchema) {
    return violations;
  }
  const body = parts.body ?? "";
  let value: unknown = "json" in parts ? parts.json : body;
  if (!("json" in parts) && isJsonMedia(mediaType)) {
    try {
      value = JSON.parse(body);
    } catch {
      const shown = options.mask?.([]) ? describeType(body) : describeValue(body.trim());
      const seen = body.trim() === "" ? "an empty body" : `not JSON: ${shown}`;
      const expected = `JSON: ${describeSchema(document, at(document, media.schemaPointer))}`;
      return [...violations, { kind: "body", path: "$", expected, seen }];
    }
  }
  const validate = validators.at(media.schemaPointer);
  if (!validate(value)) {
    violations.push(...bodyViolations(document, validate.errors ?? [], options));
  }
  return violations;
}

/** Ajv's errors as violations: one per failed `oneOf`/`anyOf` (not one per branch), paths as JSON paths. */
function bodyViolations(document: OpenApiDocument, errors: ErrorObject[], options: CheckOptions): Violation[] {
  // A branch's errors come from schemas the branch holds or refers to (Ajv's paths do not say so across a $ref,
  // but `parentSchema` is the document's own node).
  const alternatives = errors
    .filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf")
    .map((error) => ({ error, inside: schemasWithin(document, error.schema as Json) }));
  const kept = errors.filter(
    (e) =>
      !alternatives.some(
        ({ error, inside }) =>
          error !== e && e.instancePath.startsWith(error.instancePath) && inside.has(e.parentSchema as object),
      ),
  );
  return kept.map((error) => violationOf(document, error, options));
}

function violationOf(document: OpenApiDocument, error: ErrorObject, options: CheckOptions): Violation {
  const segments = pointerSegments(error.instancePath);
  const seenOf = (path: BodyPath, value: unknown) =>
    options.mask?.(path) ? describeType(value) : describeValue(value);
  switch (error.keyword) {
    case "required": {
      const missing = String(error.params.missingProperty);
      const near = isObject(error.data)
        ? Object.keys(error.data).filter((k) => k.toLowerCase() === missing.toLowerCase())
        : [];
      const hint = near.length > 0 ? ` (the object has ${near.map((k) => JSON.stringify(k)).join(", ")})` : "";
      const path = jsonPath([...segments, missing]);
      return { kind: "body", path, expected: "a required property", seen: `absent${hint}` };
    }
    case "additionalProperties": {
      const extra = String(error.params.additionalProperty);
      const path = [...segments, extra];
      const value = isObject(error.data) ? error.data[extra] : undefined;
      return { kind: "body", path: jsonPath(path), expected: "no such property", seen: seenOf(path, value) };
    }
    case "oneOf":
    case "anyOf": {
      const branches = Array.isArray(error.schema) ? (error.schema as Json[]) : [];
      const expected = branches.map((branch) => describeSchema(document, branch)).join(", or ");
      return { kind: "body", path: jsonPath(segments), expected, seen: seenOf(segments, error.data) };
    }
    default: {
      const expected = describeSchema(document, error.parentSchema as Json);
      const said = DESCRIBED_KEYWORDS.has(error.keyword) ? "" : ` (${error.message ?? error.keyword})`;
      return {
        kind: "body",
        path: jsonPath(segments),
        expected: `${expected}${said}`,
        seen: seenOf(segments, error.data),
      };
    }
  }
}

/** Every schema object within `schema`, following local `$ref`s into the document. */
function schemasWithin(document: OpenApiDocument, schema: Json, found = new Set<object>()): Set<object> {
  if (Array.isArray(schema)) {
    for (const item of schema) {
      schemasWithin(document, item, found);
    }
  } else if (isObject(schema) && !found.has(schema)) {
    found.add(schema);
    if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) {
      const target = resolve(document, schema.$ref.slice(1)).node;
      if (target !== undefined) {
        schemasWithin(document, target, found);
      }
    }
    for (const value of Object.values(schema)) {
      schemasWithin(document, value, found);
    }
  }
  return found;
}

/** Keywords that {@link describeSchema} already puts into words. */
const DESCRIBED_KEYWORDS = new Set(["type", "enum", "const", "minimum", "pattern", "minLength", "maxLength"]);

function pointerSegments(pointer: string): (string | number)[] {
  return pointer
    .split("/")
    .slice(1)
    .map((raw) => raw.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** `["response", "page", 0, "Invoice.Amount"]` → `$.response.page[0]["Invoice.Amount"]`. */
export function jsonPath(segments: BodyPath): string {
  return `$${segments
    .map((segment) =>
      typeof segment === "number"
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `.${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join("")}`;
}
