// @zuora-reports/conformance: the spec's only run-time model. The document and its operations, the route matcher,
// the schemas' validators (the project's one Ajv), the checks of a request and of a response, and fixtures.
export {
  type BodyPath,
  type CheckOptions,
  charsetParameter,
  type Exchange,
  jsonPath,
  mediaTypeOf,
  type ResponseParts,
  type Verdict,
  type Violation,
  type ViolationKind,
} from "./check.js";
export { type Conformance, createConformance, type ExampleCase, loadConformance } from "./conformance.js";
export {
  bundledDocument,
  bundledDocumentPath,
  type Json,
  type JsonObject,
  type OpenApiDocument,
  readDocument,
} from "./document.js";
export {
  type Fixture,
  fixtureExchange,
  fixtureText,
  isFixture,
  readFixtures,
  writeFixture,
} from "./fixtures.js";
export {
  type Example,
  type Extensions,
  exampleOf,
  type MediaType,
  type Operation,
  type Parameter,
  type ResponseHeader,
  type ResponseModel,
  responseFor,
  type SecurityScheme,
} from "./model.js";
export type { CheckedRequest, RequestCheck, RequestHeaders, RequestParts } from "./request.js";
export type { RouteMatch, Router } from "./routes.js";
export type { SchemaValidators } from "./schemas.js";
export { type Seed, type SeedRun, seedRun } from "./seed.js";
