// The bundled OpenAPI document, read as JSON and navigated by JSON pointer (every `$ref` in it is local).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An OpenAPI 3.1 document, as JSON. */
export type OpenApiDocument = JsonObject;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One operation of the document. */
export interface Operation {
  operationId: string;
  /** Upper case, e.g. `GET`. */
  method: string;
  /** The path template, e.g. `/reportruns/{reportRunId}`. */
  path: string;
  /** JSON pointer of the operation object, e.g. `/paths/~1reportruns~1{reportRunId}/get`. */
  pointer: string;
}

/** Reads `@zuora-reports/spec/openapi.json`, the document the spec package bundles. */
export function bundledDocument(): OpenApiDocument {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve("@zuora-reports/spec/openapi.json"), "utf8")) as OpenApiDocument;
}

export const escapePointer = (segment: string): string => segment.replaceAll("~", "~0").replaceAll("/", "~1");

/** The node at `pointer`, or undefined. */
export function at(document: OpenApiDocument, pointer: string): Json | undefined {
  let node: Json | undefined = document;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

/** Follows `$ref`s from `pointer`; returns the target and its own pointer. */
export function resolve(document: OpenApiDocument, pointer: string): { pointer: string; node: Json | undefined } {
  let node = at(document, pointer);
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#") && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    pointer = node.$ref.slice(1);
    node = at(document, pointer);
  }
  return { pointer, node };
}

/** Every operation of the document. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const path of Object.keys(asObject(document.paths))) {
    const item = resolve(document, `/paths/${escapePointer(path)}`);
    for (const method of METHODS) {
      const operation = asObject(item.node)[method];
      if (isObject(operation)) {
        operations.push({
          operationId: typeof operation.operationId === "string" ? operation.operationId : `${method} ${path}`,
          method: method.toUpperCase(),
          path,
          pointer: `${item.pointer}/${method}`,
        });
      }
    }
  }
  return operations;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObject(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}
