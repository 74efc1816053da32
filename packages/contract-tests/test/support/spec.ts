// Reads the bundled spec (never a copy of it) and validates bodies against its schemas with Ajv (JSON Schema 2020-12).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const require = createRequire(import.meta.url);
export const spec = JSON.parse(readFileSync(require.resolve("@zuora-reports/spec/openapi.json"), "utf8")) as JsonObject;

const SPEC_ID = "https://spec.invalid/openapi.json";
// OpenAPI's extra keywords (example, x-*) are annotations, not schema errors.
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(spec, SPEC_ID);

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function at(pointer: string): Json {
  let node: Json = spec;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = (node as JsonObject)[key] ?? null;
  }
  return node;
}

/** Follows `$ref`s (within the bundled document) and returns the target with its JSON pointer. */
function resolve(pointer: string): { pointer: string; node: JsonObject } {
  let node = at(pointer) as JsonObject;
  while (node && typeof node.$ref === "string") {
    pointer = node.$ref.slice(1);
    node = at(pointer) as JsonObject;
  }
  return { pointer, node };
}

export interface ExampleCase {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operationId: string;
  status: number;
  mediaType: string;
  name: string;
  value: Json;
  validate: ValidateFunction;
}

export interface OperationInfo {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operationId: string;
  secured: boolean;
  statuses: number[];
}

export function operations(): OperationInfo[] {
  const result: OperationInfo[] = [];
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    for (const method of HTTP_METHODS) {
      const op = (item as JsonObject)[method] as JsonObject | undefined;
      if (!op) {
        continue;
      }
      const security = (op.security ?? spec.security) as Json[];
      result.push({
        path,
        method,
        operationId: op.operationId as string,
        secured: security.length > 0,
        statuses: Object.keys(op.responses as JsonObject).map(Number),
      });
    }
  }
  return result;
}

/** Every named example of every response of every operation, with a validator for its schema. */
export function exampleCases(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const op of operations()) {
    const opPointer = `/paths/${escapePointer(op.path)}/${op.method}`;
    for (const status of op.statuses) {
      const response = resolve(`${opPointer}/responses/${status}`);
      for (const [mediaType, media] of Object.entries((response.node.content ?? {}) as JsonObject)) {
        const mediaPointer = `${response.pointer}/content/${escapePointer(mediaType)}`;
        const validate = ajv.compile({ $ref: `${SPEC_ID}#${mediaPointer}/schema` });
        for (const name of Object.keys(((media as JsonObject).examples ?? {}) as JsonObject)) {
          const value = resolve(`${mediaPointer}/examples/${escapePointer(name)}`).node.value as Json;
          cases.push({ ...op, status, mediaType, name, value, validate });
        }
      }
    }
  }
  return cases;
}

/** A validator for a named component schema, e.g. `ErrorDetail`. */
export function schemaValidator(name: string): ValidateFunction {
  return ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
}

/** Ajv's errors as one readable line, for assertion messages. */
export function describeErrors(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors);
}

/** The operation a request went to: its method and path matched against the spec's path templates. */
export function operationAt(method: string, pathname: string): OperationInfo | undefined {
  return operations().find((op) => {
    const literal = op.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
    return op.method === method.toLowerCase() && new RegExp(`^${literal.join("[^/]+")}$`).test(pathname);
  });
}

const responseValidators = new Map<string, ValidateFunction | undefined>();

/** The validator of `op`'s `status` response body in `mediaType` (parameters ignored); undefined if not declared. */
export function responseValidator(op: OperationInfo, status: number, mediaType: string): ValidateFunction | undefined {
  const essence = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  const key = `${op.operationId} ${status} ${essence}`;
  if (!responseValidators.has(key)) {
    const response = resolve(`/paths/${escapePointer(op.path)}/${op.method}/responses/${status}`);
    const declared = (response.node.content as JsonObject | undefined)?.[essence] !== undefined;
    const pointer = `${response.pointer}/content/${escapePointer(essence)}/schema`;
    responseValidators.set(key, declared ? ajv.compile({ $ref: `${SPEC_ID}#${pointer}` }) : undefined);
  }
  return responseValidators.get(key);
}
