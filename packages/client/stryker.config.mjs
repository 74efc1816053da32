// Mutation testing of the client's src/ (see TESTING.md at the repo root): `pnpm mutation` at the root, or
// `pnpm --filter @zuora-reports/client mutation`. Equivalent mutants left alive, with reasons: stryker-equivalent.md.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** @type {import("@stryker-mutator/core").PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  testRunner: "vitest",
  // Under pnpm Stryker finds no runner plugin by itself: hand it the runner's entry file.
  plugins: [require.resolve("@stryker-mutator/vitest-runner")],
  vitest: { configFile: "vitest.config.ts" },
  coverageAnalysis: "perTest",
  mutate: ["src/**/*.ts"],
  // The machine has 2 cores and is shared: 2 test processes at most (override with --concurrency).
  concurrency: 2,
  // Only mutants whose code or covering tests changed since the last run are tested again; `--force` tests all.
  // The file is committed, so CI on a clean clone starts from the last recorded run.
  incremental: true,
  incrementalFile: "stryker-incremental.json",
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // high/low color the report; below `break` the run fails (CI: scripts/mutation-gate.mjs prints the per-file table).
  thresholds: { high: 90, low: 85, break: 85 },
  timeoutMS: 10_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
