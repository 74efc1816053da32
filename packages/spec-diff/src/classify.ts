// Every change between two bundled OpenAPI documents, classified for the people who consume the contract.
// api-smart-diff finds and first classifies the changes; this module reads them as a consumer of the API would:
// a response field that disappears (or stops being guaranteed) breaks every reader of it, even where the library,
// reasoning about schemas, calls the looser schema "non-breaking".
import { apiCompare, type Diff } from "api-smart-diff";
import { describeChange, type Location, locate } from "./describe.js";

/** How a change affects consumers: `docs` changes only text, examples or `x-` extensions. */
export type ChangeLevel = "breaking" | "non-breaking" | "docs";

/** One change of the contract, as `spec:diff` prints it. */
export interface SpecChange {
  level: ChangeLevel;
  /** Where in the document, as a JSONPath (`$.paths['/reportruns/{reportRunId}'].get…`). */
  path: string;
  /** A plain-English sentence: "response field `response.updatedOn` of Get Report Run removed". */
  sentence: string;
}

/** A bundled OpenAPI document, parsed. */
export type OpenApiDocument = Record<string, unknown>;

const LEVEL_ORDER: readonly ChangeLevel[] = ["docs", "non-breaking", "breaking"];

/** The most severe level among the changes, or `undefined` when there are none. */
export function highestLevel(changes: readonly SpecChange[]): ChangeLevel | undefined {
  let highest: ChangeLevel | undefined;
  for (const { level } of changes) {
    if (highest === undefined || LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(highest)) {
      highest = level;
    }
  }
  return highest;
}

/** Every change from `before` to `after`, most severe first, then in document order. */
export function classifyChanges(before: OpenApiDocument, after: OpenApiDocument): SpecChange[] {
  // api-smart-diff resolves references in place: give it copies, so the caller's documents stay as they were.
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after));
  const changes: SpecChange[] = [];
  const seen = new Set<string>();
  for (const diff of diffs) {
    const location = locate(diff.path);
    // Components are reported where operations use them (the linter refuses unused ones); the component itself
    // would repeat each change. Security schemes are referenced by name, not inlined: they are reported as such.
    if (
      location.kind === "component-schema" ||
      (location.kind === "component" && location.segments[1] !== "securitySchemes")
    ) {
      continue;
    }
    const change = {
      level: levelOf(diff, location),
      path: location.jsonPath,
      sentence: describeChange(diff, location, { before, after }),
    };
    const key = `${change.level}\u0000${change.path}\u0000${change.sentence}`;
    if (!seen.has(key)) {
      seen.add(key);
      changes.push(change);
    }
  }
  return withoutEchoes(changes).sort((a, b) => LEVEL_ORDER.indexOf(b.level) - LEVEL_ORDER.indexOf(a.level));
}

const NO_LONGER_PRESENT = " no longer always present";

/** A removed field is also dropped from `required`: the removal says it all. */
function withoutEchoes(changes: SpecChange[]): SpecChange[] {
  const sentences = new Set(changes.map((change) => change.sentence));
  return changes.filter(
    ({ sentence }) =>
      !sentence.endsWith(NO_LONGER_PRESENT) ||
      !sentences.has(`${sentence.slice(0, -NO_LONGER_PRESENT.length)} removed`),
  );
}

/** Keys whose values are prose or metadata for readers, wherever they are. */
const PROSE = new Set(["description", "summary", "title", "externalDocs"]);

function levelOf(diff: Diff, location: Location): ChangeLevel {
  const last = location.segments.at(-1);
  const prose = typeof last === "string" && PROSE.has(last);
  // Tags group operations for readers (the guides are tags); info is the document's own metadata.
  const aboutTheDocument = location.segments[0] === "tags" || location.segments[0] === "info";
  if (location.extension || location.example || prose || aboutTheDocument || diff.type === "annotation") {
    return "docs";
  }
  if (location.kind === "response-body" && diff.action === "remove") {
    // A field gone from an answer, or no longer required in it: code that reads it breaks.
    const parent = location.schemaPath.at(-2);
    if (parent === "properties" || parent === "required") {
      return "breaking";
    }
  }
  if (diff.type === "breaking") {
    return "breaking";
  }
  // "unclassified" and "deprecated" changes still change the contract: they need at least a minor release.
  return "non-breaking";
}
