// The seed: Zuora's published example run (the `completed` example of Get Report Run), read from the document, not
// restated. Every test suite starts from it.
import { bundledDocument, type JsonObject, type OpenApiDocument } from "./document.js";
import { exampleOf, operationsOf } from "./model.js";

/** A report run as the example publishes it (the `response` of Get Report Run). */
export type SeedRun = JsonObject & {
  id: string;
  reportId: string;
  reportType: string;
  status: string;
  startedOn: number | string;
  updatedOn: number | string;
};

/** Zuora's published example run and its ids. */
export interface Seed {
  /** The report the run belongs to (`ff80…0070` in the bundled document). */
  readonly reportId: string;
  /** The run's id (`ff80…0074` in the bundled document). */
  readonly reportRunId: string;
  /** The run (the example's `response`), value for value; a fresh copy on every call of `seedRun()`. */
  readonly run: SeedRun;
  /** The run in `status`, every other field as published (a fresh object on every call). */
  runIn(status: string): SeedRun;
}

function readSeedRun(document: OpenApiDocument): SeedRun {
  const operation = operationsOf(document).find((candidate) => candidate.operationId === "getReportRun");
  if (!operation) {
    throw new Error("The OpenAPI document has no operation getReportRun.");
  }
  const run = (exampleOf(operation, 200, "completed").value as JsonObject).response as JsonObject | undefined;
  const missing = ["id", "reportId", "reportType", "status", "startedOn", "updatedOn"].filter(
    (key) => run?.[key] === undefined,
  );
  if (!run || missing.length > 0) {
    throw new Error(`The completed example of getReportRun has no response.${missing.join(", response.")}.`);
  }
  return run as SeedRun;
}

let bundledRun: SeedRun | undefined;

/** The seed, read from the `completed` example of `getReportRun` in `document` (by default the bundled one). */
export function seedRun(document?: OpenApiDocument): Seed {
  if (document === undefined) {
    bundledRun ??= readSeedRun(bundledDocument());
  }
  const run = document === undefined ? (bundledRun as SeedRun) : readSeedRun(document);
  return {
    reportId: run.reportId,
    reportRunId: run.id,
    run: structuredClone(run),
    runIn: (status) => ({ ...structuredClone(run), status }),
  };
}
