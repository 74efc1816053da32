// The bundled OpenAPI document as the mock reads it: operations with their parameters, responses, examples and
// headers, every `$ref` followed. Nothing here knows about report runs: the simulation asks for what it needs.
import { readFileSync } from "node:fs";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** A parameter of an operation, its schema addressed by a JSON pointer into the document. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schemaPointer: string;
  schema: JsonObject;
  /** The parameter's `x-` extensions. */
  extensions: JsonObject;
}

const extensionsOf = (node: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(node).filter(([key]) => key.startsWith("x-")));

/** A named example of a response's media type, with its `x-` extensions. */
export interface Example {
  name: string;
  value: Json;
  extensions: JsonObject;
}

export interface MediaType {
  schemaPointer: string;
  examples: Example[];
}

export interface ResponseHeader {
  schemaPointer: string;
  schema: JsonObject;
  example: Json;
}

export interface ResponseSpec {
  status: number;
  /** Keyed by media type, e.g. `application/json`. */
  content: Map<string, MediaType>;
  /** Keyed by lower-case header name. */
  headers: Map<string, ResponseHeader>;
}

export interface Operation {
  operationId: string;
  /** Upper case, e.g. `GET`. */
  method: string;
  path: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Map<string, { schemaPointer: string }> };
  /** Whether the operation needs credentials (its `security`, or the document's, is not empty). */
  secured: boolean;
  responses: Map<number, ResponseSpec>;
}

export interface SpecDocument {
  readonly path: string;
  readonly raw: JsonObject;
  readonly operations: Operation[];
  operation(operationId: string): Operation;
  /** The node at a JSON pointer (`#/components/...` or `/components/...`), `$ref`s followed. */
  at(pointer: string): Json;
}

const escapePointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");
const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads and indexes the bundled document; throws a readable error when it cannot. */
export function loadSpec(path: string): SpecDocument {
  let raw: JsonObject;
  try {
    raw = JSON.parse(readFileSync(path, "utf8")) as JsonObject;
  } catch (error) {
    throw new Error(`Cannot read the OpenAPI document ${path}: ${(error as Error).message}`);
  }
  if (!isObject(raw.paths)) {
    throw new Error(`${path} is not an OpenAPI document: it has no "paths".`);
  }
  const document = raw;

  function node(pointer: string): Json {
    let current: Json = document;
    for (const part of pointer.replace(/^#/, "").split("/").slice(1)) {
      const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
      current = isObject(current)
        ? (current[key] ?? null)
        : Array.isArray(current)
          ? (current[Number(key)] ?? null)
          : null;
    }
    return current;
  }

  /** Follows `$ref`s from `pointer`; returns the final node and where it lives. */
  function follow(pointer: string): { pointer: string; node: JsonObject } {
    let target = node(pointer);
    let at = pointer;
    for (let hops = 0; isObject(target) && typeof target.$ref === "string"; hops++) {
      if (hops > 20) {
        throw new Error(`$ref loop at ${pointer}`);
      }
      at = target.$ref.replace(/^#/, "");
      target = node(at);
    }
    return { pointer: at, node: isObject(target) ? target : {} };
  }

  const securityOf = (op: JsonObject) =>
    (Array.isArray(op.security) ? op.security : raw.security) as Json[] | undefined;

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(raw.paths as JsonObject)) {
    const itemPointer = `/paths/${escapePointer(path)}`;
    for (const method of METHODS) {
      if (!isObject((item as JsonObject)[method])) {
        continue;
      }
      const opPointer = `${itemPointer}/${method}`;
      const op = follow(opPointer).node;
      const parameters = new Map<string, Parameter>();
      for (const [list, base] of [
        [(item as JsonObject).parameters, `${itemPointer}/parameters`],
        [op.parameters, `${opPointer}/parameters`],
      ] as const) {
        (Array.isArray(list) ? list : []).forEach((_, index) => {
          const { pointer, node: parameter } = follow(`${base}/${index}`);
          const schema = follow(`${pointer}/schema`);
          parameters.set(`${parameter.in}:${parameter.name}`, {
            name: String(parameter.name),
            in: parameter.in as Parameter["in"],
            required: parameter.required === true,
            schemaPointer: schema.pointer,
            schema: schema.node,
            extensions: extensionsOf(parameter),
          });
        });
      }
      let requestBody: Operation["requestBody"];
      if (isObject(op.requestBody)) {
        const body = follow(`${opPointer}/requestBody`);
        const content = new Map<string, { schemaPointer: string }>();
        for (const mediaType of Object.keys(isObject(body.node.content) ? body.node.content : {})) {
          content.set(mediaType, { schemaPointer: `${body.pointer}/content/${escapePointer(mediaType)}/schema` });
        }
        requestBody = { required: body.node.required === true, content };
      }
      const responses = new Map<number, ResponseSpec>();
      for (const status of Object.keys(isObject(op.responses) ? op.responses : {})) {
        const response = follow(`${opPointer}/responses/${status}`);
        const content = new Map<string, MediaType>();
        for (const [mediaType, media] of Object.entries(isObject(response.node.content) ? response.node.content : {})) {
          const mediaPointer = `${response.pointer}/content/${escapePointer(mediaType)}`;
          const examples: Example[] = Object.keys(
            isObject(media) && isObject(media.examples) ? media.examples : {},
          ).map((name) => {
            const example = follow(`${mediaPointer}/examples/${escapePointer(name)}`).node;
            return { name, value: example.value ?? null, extensions: extensionsOf(example) };
          });
          content.set(mediaType, { schemaPointer: follow(`${mediaPointer}/schema`).pointer, examples });
        }
        const headers = new Map<string, ResponseHeader>();
        for (const name of Object.keys(isObject(response.node.headers) ? response.node.headers : {})) {
          const header = follow(`${response.pointer}/headers/${escapePointer(name)}`);
          const schema = follow(`${header.pointer}/schema`);
          headers.set(name.toLowerCase(), {
            schemaPointer: schema.pointer,
            schema: schema.node,
            example: header.node.example ?? null,
          });
        }
        responses.set(Number(status), { status: Number(status), content, headers });
      }
      operations.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        parameters: [...parameters.values()],
        ...(requestBody ? { requestBody } : {}),
        secured: (securityOf(op) ?? []).length > 0,
        responses,
      });
    }
  }

  return {
    path,
    raw,
    operations,
    operation(operationId) {
      const found = operations.find((op) => op.operationId === operationId);
      if (!found) {
        throw new Error(`The OpenAPI document has no operation ${operationId}.`);
      }
      return found;
    },
    at: (pointer) => {
      const target = follow(pointer.replace(/^#/, ""));
      return target.node;
    },
  };
}

/** The named example of an operation's response, or a readable error naming what is missing. */
export function exampleOf(spec: SpecDocument, operationId: string, status: number, name?: string): Example {
  const response = spec.operation(operationId).responses.get(status);
  const examples = [...(response?.content.values() ?? [])].flatMap((media) => media.examples);
  const example = name === undefined ? examples[0] : examples.find((e) => e.name === name);
  if (!example) {
    throw new Error(`The OpenAPI document has no ${status} example ${name ?? ""} for ${operationId}.`);
  }
  return example;
}
