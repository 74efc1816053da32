export {
  type BodyPath,
  type CheckOptions,
  type Conformance,
  createConformance,
  type Exchange,
  jsonPath,
  type Verdict,
  type Violation,
  type ViolationKind,
} from "./check.js";
export { bundledDocument, type Json, type OpenApiDocument, type Operation } from "./document.js";
export { type Fixture, fixtureExchange, isFixture, readFixtures } from "./fixtures.js";
