// The bundled OpenAPI document, read as JSON and navigated by JSON pointer (every `$ref` in it is local).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** An OpenAPI 3.1 document, as JSON. */
export type OpenApiDocument = JsonObject;

/** Path of `@zuora-reports/spec/openapi.json`, the document the spec package bundles. */
export function bundledDocumentPath(): string {
  return createRequire(import.meta.url).resolve("@zuora-reports/spec/openapi.json");
}

/** Reads an OpenAPI document (JSON); throws a readable error when it cannot, or when it has no `paths`. */
export function readDocument(path: string): OpenApiDocument {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the OpenAPI document ${path}: ${(error as Error).message}`);
  }
  if (!isObject(document) || !isObject(document.paths)) {
    throw new Error(`${path} is not an OpenAPI document: it has no "paths".`);
  }
  return document;
}

/** Reads `@zuora-reports/spec/openapi.json`, the document the spec package bundles. */
export function bundledDocument(): OpenApiDocument {
  return readDocument(bundledDocumentPath());
}

/** A JSON pointer segment, escaped (`/` → `~1`, `~` → `~0`). */
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

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` if it is a JSON object, else `{}`. */
export function asObject(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}
