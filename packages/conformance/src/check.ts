// Checks one HTTP exchange against the document: is the status declared, do the declared headers and the body
// match their schemas, is the Content-Type one the response declares.
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describeSchema, describeType, describeValue } from "./describe.js";
import {
  asObject,
  bundledDocument,
  escapePointer,
  isObject,
  type Json,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  resolve,
} from "./document.js";

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

/** The outcome of {@link Conformance.check}. */
export interface Verdict {
  /** The operation the exchange belongs to; undefined when the document has none for its method and path. */
  operation?: Operation;
  /** The key of the response object that applies: `"200"`, `"4XX"`, `"default"`; undefined when none does. */
  response?: string;
  violations: Violation[];
}

/** A body location: property names and array indexes from the root. */
export type BodyPath = readonly (string | number)[];

export interface CheckOptions {
  /** Body locations whose values must not be shown in `seen` (only their type is), e.g. report rows. */
  mask?: (path: BodyPath) => boolean;
}

export interface Conformance {
  /** The document's `info.title` and `info.version`. */
  readonly title: string;
  readonly version: string;
  /** Every operation of the document. */
  readonly operations: readonly Operation[];
  /** The operation for a method and a path (concrete or template), or undefined. */
  findOperation(method: string, path: string): Operation | undefined;
  /** Checks `exchange`; an empty `violations` list means it conforms. */
  check(exchange: Exchange, options?: CheckOptions): Verdict;
}

const DOCUMENT_ID = "https://conformance.invalid/openapi.json";

/** Creates a checker for `document` (by default the bundled report-runs document). */
export function createConformance(document: OpenApiDocument = bundledDocument()): Conformance {
  // OpenAPI's extra keywords (example, x-*) are annotations; `verbose` gives each error its data and schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  ajv.addSchema(document, DOCUMENT_ID);
  const validators = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    let validate = validators.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      validators.set(pointer, validate);
    }
    return validate;
  };
  const operations = operationsOf(document);
  const matchers = operations.map((operation) => ({ operation, pattern: templatePattern(operation.path) }));
  const info = asObject(document.info);

  const findOperation = (method: string, path: string) => {
    const bare = path.split("?")[0] ?? "";
    const upper = method.toUpperCase();
    const candidates = matchers.filter((m) => m.operation.method === upper && m.pattern.test(bare));
    // A literal match (`/reportruns/{reportRunId}` itself) wins over a parameter matching a literal segment.
    return (candidates.find((m) => m.operation.path === bare) ?? candidates[0])?.operation;
  };

  return {
    title: typeof info.title === "string" ? info.title : "",
    version: typeof info.version === "string" ? info.version : "",
    operations,
    findOperation,
    check(exchange, options = {}) {
      const operation =
        (exchange.operationId && operations.find((op) => op.operationId === exchange.operationId)) ||
        findOperation(exchange.method, exchange.path);
      if (!operation) {
        return {
          violations: [
            {
              kind: "operation",
              path: "request",
              expected: "an operation of the document",
              seen: `${exchange.method.toUpperCase()} ${exchange.path}`,
            },
          ],
        };
      }
      const responses = asObject(resolve(document, `${operation.pointer}/responses`).node);
      const status = exchange.status;
      const key = [String(status), `${Math.floor(status / 100)}XX`, "default"].find((k) => k in responses);
      if (key === undefined) {
        return {
          operation,
          violations: [
            {
              kind: "status",
              path: "status",
              expected: `one of ${Object.keys(responses).join(", ")}`,
              seen: String(status),
            },
          ],
        };
      }
      const response = resolve(document, `${operation.pointer}/responses/${escapePointer(key)}`);
      const headers = lowerCaseKeys(exchange.headers);
      const violations = [
        ...checkHeaders(document, response.pointer, headers, validator),
        ...checkContent(document, response.pointer, headers, exchange.body ?? "", validator, options),
      ];
      return { operation, response: key, violations };
    },
  };
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

type Validator = (pointer: string) => ValidateFunction;

function checkHeaders(
  document: OpenApiDocument,
  responsePointer: string,
  headers: Record<string, string>,
  validator: Validator,
): Violation[] {
  const violations: Violation[] = [];
  const declared = asObject(resolve(document, `${responsePointer}/headers`).node);
  for (const name of Object.keys(declared)) {
    const header = resolve(document, `${responsePointer}/headers/${escapePointer(name)}`);
    const definition = asObject(header.node);
    const raw = headers[name.toLowerCase()];
    const path = `headers.${name}`;
    if (raw === undefined) {
      if (definition.required === true) {
        violations.push({ kind: "header", path, expected: "a required header", seen: "absent" });
      }
      continue;
    }
    if (!isObject(definition.schema)) {
      continue;
    }
    const schema = resolve(document, `${header.pointer}/schema`);
    const validate = validator(schema.pointer);
    if (!validate(headerValue(raw, asObject(schema.node)))) {
      violations.push({
        kind: "header",
        path,
        expected: describeSchema(document, schema.node),
        seen: describeValue(raw),
      });
    }
  }
  return violations;
}

/** A header's text as the value its schema describes: a number for an integer or number schema, and so on. */
function headerValue(raw: string, schema: Record<string, Json>): Json {
  const text = raw.trim();
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  if (types.includes("boolean") && (text === "true" || text === "false")) {
    return text === "true";
  }
  return raw;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0]?.trim().toLowerCase() || undefined;
}

function mediaMatches(declared: string, actual: string): boolean {
  const [type, subtype] = declared.toLowerCase().split("/");
  const [actualType, actualSubtype] = actual.split("/");
  return (type === "*" || type === actualType) && (subtype === "*" || subtype === actualSubtype);
}

const isJsonMedia = (mediaType: string) => /^application\/(.+\+)?json$/.test(mediaType.toLowerCase());

function checkContent(
  document: OpenApiDocument,
  responsePointer: string,
  headers: Record<string, string>,
  body: string,
  validator: Validator,
  options: CheckOptions,
): Violation[] {
  const content = asObject(resolve(document, `${responsePointer}/content`).node);
  const declared = Object.keys(content);
  if (declared.length === 0) {
    return [];
  }
  const violations: Violation[] = [];
  const actual = mediaTypeOf(headers["content-type"]);
  let mediaType = actual === undefined ? undefined : declared.find((type) => mediaMatches(type, actual));
  if (mediaType === undefined) {
    violations.push({
      kind: "content-type",
      path: "Content-Type",
      expected: `one of ${declared.join(", ")}`,
      seen: headers["content-type"] === undefined ? "absent" : describeValue(headers["content-type"]),
    });
    // With a single declared media type, the body is still worth checking against it.
    if (declared.length !== 1) {
      return violations;
    }
    mediaType = declared[0] as string;
  }
  const schema = resolve(document, `${responsePointer}/content/${escapePointer(mediaType)}/schema`);
  if (schema.node === undefined) {
    return violations;
  }
  let value: unknown = body;
  if (isJsonMedia(mediaType)) {
    try {
      value = JSON.parse(body);
    } catch {
      violations.push({
        kind: "body",
        path: "$",
        expected: `JSON: ${describeSchema(document, schema.node)}`,
        seen:
          body.trim() === ""
            ? "an empty body"
            : `not JSON: ${options.mask?.([]) ? describeType(body) : describeValue(body.trim())}`,
      });
      return violations;
    }
  }
  const validate = validator(schema.pointer);
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
  return kept.map((error) => {
    const segments = pointerSegments(error.instancePath);
    const seenOf = (path: BodyPath, value: unknown) =>
      options.mask?.(path) ? describeType(value) : describeValue(value);
    switch (error.keyword) {
      case "required": {
        const missing = String(error.params.missingProperty);
        const path = [...segments, missing];
        const near = isObject(error.data)
          ? Object.keys(error.data).filter((k) => k.toLowerCase() === missing.toLowerCase())
          : [];
        const hint = near.length > 0 ? ` (the object has ${near.map((k) => JSON.stringify(k)).join(", ")})` : "";
        return { kind: "body", path: jsonPath(path), expected: "a required property", seen: `absent${hint}` };
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
        const seen = seenOf(segments, error.data);
        const said = DESCRIBED_KEYWORDS.has(error.keyword) ? "" : ` (${error.message ?? error.keyword})`;
        return { kind: "body", path: jsonPath(segments), expected: `${expected}${said}`, seen };
      }
    }
  });
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
