// The spec's run-time model: the document, its operations, the route matcher, the schemas' validators, and the
// checks of a request and of a response. One instance per document; every package that reads the spec uses it.
import { type CheckOptions, checkResponse, type Exchange, type ResponseParts, type Verdict } from "./check.js";
import { bundledDocument, type Json, type OpenApiDocument, readDocument, resolve } from "./document.js";
import { type Example, type Operation, operationsOf, type SecurityScheme, securitySchemesOf } from "./model.js";
import { checkRequest, type RequestCheck, type RequestParts } from "./request.js";
import { createRouter, type RouteMatch } from "./routes.js";
import { createSchemaValidators, describeProblems, type SchemaValidators } from "./schemas.js";

/** One named example of a response, where it is declared, and the pointer of the schema it should match. */
export interface ExampleCase {
  operation: Operation;
  status: string;
  mediaType: string;
  example: Example;
  schemaPointer: string;
}

/** The model of one OpenAPI document. */
export interface Conformance {
  /** The document, as JSON. */
  readonly document: OpenApiDocument;
  /** The document's `info.title` and `info.version`. */
  readonly title: string;
  readonly version: string;
  /** Every operation of the document, in document order. */
  readonly operations: readonly Operation[];
  /** `components.securitySchemes`, by name. */
  readonly securitySchemes: ReadonlyMap<string, SecurityScheme>;
  /** The schemas' validators (the one Ajv). */
  readonly validators: SchemaValidators;
  /** The operation named `operationId`; throws naming it when the document has none. */
  operation(operationId: string): Operation;
  /** The operation for a method and a path (concrete or template), or undefined. */
  findOperation(method: string, path: string): Operation | undefined;
  /** The operation, its path parameters, or why there is none (the methods the path takes). */
  match(method: string, path: string): RouteMatch;
  /** The node at a JSON pointer (`#/components/…` or `/components/…`), `$ref`s followed. */
  at(pointer: string): Json | undefined;
  /** Problems of `value` against the schema at `pointer`, as phrases ("<subject> must …"); empty when it conforms. */
  validate(pointer: string, value: unknown, subject?: string): string[];
  /** Every named example of every response of every operation. */
  examples(): ExampleCase[];
  /** Checks a request's parameters and body against `operation`. */
  checkRequest(operation: Operation, parts: RequestParts): RequestCheck;
  /** Checks a response of `operation`; an empty `violations` list means it conforms. */
  checkResponse(operation: Operation, response: ResponseParts, options?: CheckOptions): Verdict;
  /** Checks `exchange` (its operation found by id, or by method and path). */
  check(exchange: Exchange, options?: CheckOptions): Verdict;
}

/** The model of `document` (by default the bundled report-runs document). */
export function createConformance(document: OpenApiDocument = bundledDocument()): Conformance {
  const validators = createSchemaValidators(document);
  const operations = operationsOf(document);
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  const router = createRouter(operations);
  const info = (document.info ?? {}) as Record<string, Json>;
  const findOperation = (method: string, path: string) => {
    const found = router.match(method, path);
    return found.kind === "operation" ? found.operation : undefined;
  };
  return {
    document,
    title: typeof info.title === "string" ? info.title : "",
    version: typeof info.version === "string" ? info.version : "",
    operations,
    securitySchemes: securitySchemesOf(document),
    validators,
    operation(operationId) {
      const found = byId.get(operationId);
      if (!found) {
        throw new Error(`The OpenAPI document has no operation ${operationId}.`);
      }
      return found;
    },
    findOperation,
    match: (method, path) => router.match(method, path),
    at: (pointer) => resolve(document, pointer.replace(/^#/, "")).node,
    validate(pointer, value, subject = "the value") {
      const validate = validators.at(pointer);
      return validate(value) ? [] : describeProblems(validate, value, subject);
    },
    examples: () => examplesOf(operations),
    checkRequest: (operation, parts) => checkRequest(validators, operation, parts),
    checkResponse: (operation, response, options) => checkResponse(document, validators, operation, response, options),
    check(exchange, options) {
      const operation =
        (exchange.operationId ? byId.get(exchange.operationId) : undefined) ??
        findOperation(exchange.method, exchange.path);
      if (!operation) {
        const seen = `${exchange.method.toUpperCase()} ${exchange.path}`;
        return { violations: [{ kind: "operation", path: "request", expected: "an operation of the document", seen }] };
      }
      return checkResponse(document, validators, operation, exchange, options);
    },
  };
}

/** The model of the OpenAPI document (JSON) at `path`. */
export function loadConformance(path: string): Conformance {
  return createConformance(readDocument(path));
}

function examplesOf(operations: readonly Operation[]): ExampleCase[] {
  return operations.flatMap((operation) =>
    [...operation.responses.values()].flatMap((response) =>
      [...response.content].flatMap(([mediaType, media]) =>
        media.examples.map((example) => ({
          operation,
          status: response.key,
          mediaType,
          example,
          schemaPointer: media.schemaPointer,
        })),
      ),
    ),
  );
}
