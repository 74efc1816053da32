// The document as a model: operations with their parameters, bodies, responses, examples, headers, security and
// `x-` extensions, every `$ref` followed. Built once from the JSON document; nothing here knows about report runs.
import {
  asObject,
  escapePointer,
  isObject,
  type Json,
  type JsonObject,
  type OpenApiDocument,
  resolve,
} from "./document.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** A node's `x-` extensions, by their full name (`x-mock-scenarios`). */
export type Extensions = Readonly<JsonObject>;

/** A parameter of an operation, its schema addressed by a JSON pointer into the document. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** JSON pointer of the (resolved) schema, for {@link SchemaValidators.at}. */
  schemaPointer: string;
  schema: JsonObject;
  extensions: Extensions;
}

/** A named example of a media type (or of a request body), with its `x-` extensions. */
export interface Example {
  name: string;
  summary?: string;
  value: Json;
  extensions: Extensions;
}

/** One media type of a body: its schema's pointer, its named examples and its extensions (e.g. `x-charset`). */
export interface MediaType {
  schemaPointer: string;
  /** Whether it declares a schema at all. */
  hasSchema: boolean;
  examples: Example[];
  extensions: Extensions;
}

/** A declared response header. */
export interface ResponseHeader {
  /** The name as the document writes it, e.g. `RateLimit-Limit`. */
  name: string;
  required: boolean;
  schemaPointer: string;
  schema: JsonObject;
  /** How its text is read for its schema: as a number, a boolean, or as it is; `none` without a schema. */
  parse: "number" | "boolean" | "text" | "none";
  example: Json;
}

/** One response of an operation. */
export interface ResponseModel {
  /** The key in `responses`: `"200"`, `"4XX"`, `"default"`. */
  key: string;
  /** JSON pointer of the resolved response object. */
  pointer: string;
  /** The `$ref` the operation wrote for it, e.g. `#/components/responses/ReportRun`; absent when inline. */
  ref?: string;
  description: string;
  /** Keyed by media type as declared, e.g. `application/json`. */
  content: ReadonlyMap<string, MediaType>;
  /** Keyed by lower-case header name. */
  headers: ReadonlyMap<string, ResponseHeader>;
  extensions: Extensions;
}

/** One operation of the document. */
export interface Operation {
  operationId: string;
  /** Upper case, e.g. `GET`. */
  method: string;
  /** The path template, e.g. `/reportruns/{reportRunId}`. */
  path: string;
  /** JSON pointer of the operation object, e.g. `/paths/~1reportruns~1{reportRunId}/get`. */
  pointer: string;
  summary: string;
  /** The operation's Markdown description ("" when it has none). */
  description: string;
  tags: readonly string[];
  parameters: readonly Parameter[];
  requestBody?: { required: boolean; content: ReadonlyMap<string, MediaType> };
  /** The security requirements that apply (the operation's, else the document's); empty means none needed. */
  security: readonly Readonly<Record<string, readonly string[]>>[];
  /** Whether the operation needs credentials. */
  secured: boolean;
  /** Keyed by the document's keys (`"200"`); see {@link responseFor} for a status. */
  responses: ReadonlyMap<string, ResponseModel>;
  extensions: Extensions;
}

/** A security scheme of `components.securitySchemes`, resolved. */
export interface SecurityScheme {
  name: string;
  type: string;
  /** For `apiKey` schemes: where the key goes and its name there (e.g. header `apiAccessKeyId`). */
  in?: string;
  parameterName?: string;
  /** For `http` schemes, e.g. `bearer`. */
  scheme?: string;
  extensions: Extensions;
}

/** The `x-` extensions of a node. */
export const extensionsOf = (node: JsonObject): Extensions =>
  Object.fromEntries(Object.entries(node).filter(([key]) => key.startsWith("x-")));

/** The response that applies to `status`: its own key, then `4XX`, then `default`. */
export function responseFor(operation: Operation, status: number): ResponseModel | undefined {
  const { responses } = operation;
  return responses.get(String(status)) ?? responses.get(`${Math.floor(status / 100)}XX`) ?? responses.get("default");
}

/** Every operation of `document`, in document order. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const path of Object.keys(asObject(document.paths))) {
    const item = resolve(document, `/paths/${escapePointer(path)}`);
    for (const method of METHODS) {
      if (isObject(asObject(item.node)[method])) {
        operations.push(operationAt(document, path, method, item.pointer));
      }
    }
  }
  return operations;
}

function operationAt(document: OpenApiDocument, path: string, method: string, itemPointer: string): Operation {
  const pointer = `${itemPointer}/${method}`;
  const op = asObject(resolve(document, pointer).node);
  const security = (Array.isArray(op.security) ? op.security : document.security) ?? [];
  const responses = new Map<string, ResponseModel>();
  for (const key of Object.keys(asObject(op.responses))) {
    const written = asObject(op.responses)[key];
    responses.set(key, responseAt(document, `${pointer}/responses/${escapePointer(key)}`, key, written));
  }
  const body = isObject(op.requestBody) ? resolve(document, `${pointer}/requestBody`) : undefined;
  return {
    operationId: typeof op.operationId === "string" ? op.operationId : `${method} ${path}`,
    method: method.toUpperCase(),
    path,
    pointer,
    summary: typeof op.summary === "string" ? op.summary : "",
    description: typeof op.description === "string" ? op.description : "",
    tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
    parameters: parametersOf(document, itemPointer, pointer),
    ...(body
      ? {
          requestBody: {
            required: asObject(body.node).required === true,
            content: contentAt(document, `${body.pointer}/content`),
          },
        }
      : {}),
    security: (Array.isArray(security) ? security : []).map(
      (requirement) => asObject(requirement) as Record<string, string[]>,
    ),
    secured: Array.isArray(security) && security.length > 0,
    responses,
    extensions: extensionsOf(op),
  };
}

/** The path item's parameters, then the operation's (an operation's parameter overrides one of the same name). */
function parametersOf(document: OpenApiDocument, itemPointer: string, opPointer: string): Parameter[] {
  const parameters = new Map<string, Parameter>();
  for (const base of [`${itemPointer}/parameters`, `${opPointer}/parameters`]) {
    const list = resolve(document, base).node;
    (Array.isArray(list) ? list : []).forEach((_, index) => {
      const { pointer, node } = resolve(document, `${base}/${index}`);
      const parameter = asObject(node);
      const schema = resolve(document, `${pointer}/schema`);
      parameters.set(`${parameter.in}:${parameter.name}`, {
        name: String(parameter.name),
        in: parameter.in as Parameter["in"],
        required: parameter.required === true,
        schemaPointer: schema.pointer,
        schema: asObject(schema.node),
        extensions: extensionsOf(parameter),
      });
    });
  }
  return [...parameters.values()];
}

function contentAt(document: OpenApiDocument, contentPointer: string): Map<string, MediaType> {
  const content = new Map<string, MediaType>();
  for (const mediaType of Object.keys(asObject(resolve(document, contentPointer).node))) {
    const media = resolve(document, `${contentPointer}/${escapePointer(mediaType)}`);
    const examples = Object.keys(asObject(asObject(media.node).examples)).map((name) => {
      const example = asObject(resolve(document, `${media.pointer}/examples/${escapePointer(name)}`).node);
      return {
        name,
        ...(typeof example.summary === "string" ? { summary: example.summary } : {}),
        value: example.value ?? null,
        extensions: extensionsOf(example),
      };
    });
    const schema = resolve(document, `${media.pointer}/schema`);
    const extensions = extensionsOf(asObject(media.node));
    content.set(mediaType, {
      schemaPointer: schema.pointer,
      hasSchema: schema.node !== undefined,
      examples,
      extensions,
    });
  }
  return content;
}

function responseAt(document: OpenApiDocument, pointer: string, key: string, written: Json | undefined): ResponseModel {
  const response = resolve(document, pointer);
  const node = asObject(response.node);
  const headers = new Map<string, ResponseHeader>();
  for (const name of Object.keys(asObject(node.headers))) {
    const header = resolve(document, `${response.pointer}/headers/${escapePointer(name)}`);
    const schema = resolve(document, `${header.pointer}/schema`);
    headers.set(name.toLowerCase(), {
      name,
      required: asObject(header.node).required === true,
      schemaPointer: schema.pointer,
      schema: asObject(schema.node),
      parse: schema.node === undefined ? "none" : parseOf(asObject(schema.node)),
      example: asObject(header.node).example ?? null,
    });
  }
  const ref = isObject(written) && typeof written.$ref === "string" ? written.$ref : undefined;
  return {
    key,
    pointer: response.pointer,
    ...(ref ? { ref } : {}),
    description: typeof node.description === "string" ? node.description : "",
    content: contentAt(document, `${response.pointer}/content`),
    headers,
    extensions: extensionsOf(node),
  };
}

function parseOf(schema: JsonObject): ResponseHeader["parse"] {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("integer") || types.includes("number")
    ? "number"
    : types.includes("boolean")
      ? "boolean"
      : "text";
}

/** The document's security schemes, by name. */
export function securitySchemesOf(document: OpenApiDocument): Map<string, SecurityScheme> {
  const schemes = new Map<string, SecurityScheme>();
  const declared = asObject(asObject(document.components).securitySchemes);
  for (const name of Object.keys(declared)) {
    const node = asObject(resolve(document, `/components/securitySchemes/${escapePointer(name)}`).node);
    schemes.set(name, {
      name,
      type: String(node.type ?? ""),
      ...(typeof node.in === "string" ? { in: node.in } : {}),
      ...(typeof node.name === "string" ? { parameterName: node.name } : {}),
      ...(typeof node.scheme === "string" ? { scheme: node.scheme } : {}),
      extensions: extensionsOf(node),
    });
  }
  return schemes;
}

/** The named example (or the first) of `operation`'s `status` response; throws naming what is missing. */
export function exampleOf(operation: Operation, status: number, name?: string): Example {
  const response = responseFor(operation, status);
  const examples = [...(response?.content.values() ?? [])].flatMap((media) => media.examples);
  const example = name === undefined ? examples[0] : examples.find((e) => e.name === name);
  if (!example) {
    throw new Error(`The OpenAPI document has no ${status} example ${name ?? ""} for ${operation.operationId}.`);
  }
  return example;
}
