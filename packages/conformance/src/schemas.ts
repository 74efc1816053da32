// Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) over the bundled document: a validator per schema
// pointer, compiled once, and Ajv's errors turned into one English phrase a user can act on.
// This is the project's only Ajv: every other package validates through the model built here.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { OpenApiDocument } from "./document.js";

const DOCUMENT_ID = "https://conformance.invalid/openapi.json";

export type { ErrorObject, ValidateFunction };

/** Compiled validators of the document's schemas, by JSON pointer. */
export interface SchemaValidators {
  /** The validator of the schema at `pointer` (e.g. `/components/schemas/ReportRun`), compiled once. */
  at(pointer: string): ValidateFunction;
}

/** Validators over `document` (JSON Schema 2020-12, the dialect of OpenAPI 3.1). */
export function createSchemaValidators(document: OpenApiDocument): SchemaValidators {
  // OpenAPI keywords (`example`, `x-*`) are annotations here, not schema errors; `verbose` gives each error its
  // data and schema (for the checker's words), at no cost while values are valid.
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  ajv.addSchema(document, DOCUMENT_ID);
  const cache = new Map<string, ValidateFunction>();
  return {
    at(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer.replace(/^#/, "")}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}

const show = (value: unknown) => (typeof value === "string" ? `"${value}"` : JSON.stringify(value));

/** One Ajv error as "must …" (the subject is added by the caller). */
function reason(error: ErrorObject, value: unknown): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map(String).join(", ")} (got ${show(value)})`;
    case "const":
      return `must be ${show(params.allowedValue)} (got ${show(value)})`;
    case "required":
      return `needs the property ${params.missingProperty}`;
    case "minLength":
    case "maxLength":
      return `must be ${error.keyword === "minLength" ? "at least" : "at most"} ${params.limit} characters long (got ${String(value).length})`;
    case "pattern":
      return `must match ${params.pattern} (got ${show(value)})`;
    case "minimum":
    case "maximum":
      return `must be ${params.comparison} ${params.limit} (got ${show(value)})`;
    case "type":
      return `must be ${params.type === "integer" ? "an integer" : `of type ${params.type}`} (got ${show(value)})`;
    default:
      return `${error.message ?? "is invalid"}`;
  }
}

/** The value at a JSON pointer inside `data`, for quoting it in a message. */
function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split("/").slice(1)) {
    current = (current as Record<string, unknown> | undefined)?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return current;
}

/**
 * The problems of the last validation of `data`, each as "<subject> must …". `subject` names what was validated
 * (e.g. `query parameter viewType`), a nested path appended to it; or it is a function of that path. `oneOf`/`anyOf` summaries are dropped when
 * a more precise error says the same.
 */
export function describeProblems(
  validate: ValidateFunction,
  data: unknown,
  subject: string | ((instancePath: string) => string),
): string[] {
  const subjectAt =
    typeof subject === "function" ? subject : (path: string) => (path ? `${subject} at ${path}` : subject);
  const errors = (validate.errors ?? []).filter(
    (error, _, all) => !(["oneOf", "anyOf"].includes(error.keyword) && all.length > 1),
  );
  const seen = new Set<string>();
  for (const error of errors) {
    seen.add(`${subjectAt(error.instancePath)} ${reason(error, valueAt(data, error.instancePath))}`);
  }
  return [...seen].slice(0, 3);
}
