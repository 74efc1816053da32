// `--record`: the exchanges of a verification as redacted fixture files.
import { type Conformance, createConformance } from "@zuora-reports/conformance";
import { createRedactor, writeFixtures } from "./fixtures.js";
import { checkedExchanges } from "./report.js";
import type { VerifyOutcome } from "./verify.js";

export interface RecordOptions {
  /** A new or empty folder (see {@link checkRecordFolder}). */
  folder: string;
  /** Everything the fixtures must not contain, besides what the redactor recognises by its shape. */
  secrets: readonly string[];
  /** The `source` of each fixture, e.g. `zuora-reports verify 0.1.0`. */
  source: string;
  conformance?: Conformance;
}

/** Writes one fixture per answer checked (repeats in a row folded); resolves with the file names, in order. */
export async function recordFixtures(outcome: VerifyOutcome, options: RecordOptions): Promise<string[]> {
  const redactor = createRedactor(options.conformance ?? createConformance(), options.secrets, options.source);
  const basePath = new URL(outcome.walk.baseUrl).pathname;
  const fixtures = checkedExchanges(outcome.walk, outcome.exchanges).map(({ exchange }) =>
    redactor.fixture(exchange, basePath),
  );
  return writeFixtures(options.folder, fixtures);
}
