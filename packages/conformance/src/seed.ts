// The seed: Zuora's published example run (the `completed` example of Get Report Run), read from the document, not
// restated. Every test suite starts from it.
import { bundledDocument, type JsonObject, type OpenApiDocument } from "./document.js";
import { exampleOf, operationsOf } from "./model.js";

/** Zuora's published example run and its ids. */
export interface Seed {
  /** The report the run belongs to (`ff80…0070` in the bundled document). */
  readonly reportId: string;
  /** The run's id (`ff80…0074` in the bundled document). */
  readonly reportRunId: string;
  /** The run (the example's `response`), value for value; a fresh copy on every call of `seedRun()`. */
  readonly run: JsonObject;
  /** The run in `status`, every other field as published (a fresh object on every call). */
  runIn(status: string): JsonObject;
}

function readSeedRun(document: OpenApiDocument): JsonObject {
  const operation = operationsOf(document).find((candidate) => candidate.operationId === "getReportRun");
  if (!operation) {
    throw new Error("The OpenAPI document has no operation getReportRun.");
  }
  const run = (exampleOf(operation, 200, "completed").value as JsonObject).response as JsonObject | undefined;
  if (typeof run?.id !== "string" || typeof run.reportId !== "string") {
    throw new Error("The completed example of getReportRun has no response with an id and a reportId.");
  }
  return run;
}

let bundledRun: JsonObject | undefined;

/** The seed, read from the `completed` example of `getReportRun` in `document` (by default the bundled one). */
export function seedRun(document?: OpenApiDocument): Seed {
  if (document === undefined) {
    bundledRun ??= readSeedRun(bundledDocument());
  }
  const run = document === undefined ? (bundledRun as JsonObject) : readSeedRun(document);
  return {
    reportId: run.reportId as string,
    reportRunId: run.id as string,
    run: structuredClone(run),
    runIn: (status) => ({ ...structuredClone(run), status }),
  };
}
