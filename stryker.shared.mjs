// The one Stryker set-up of the repo (mutation testing, TESTING.md): each package's stryker.config.mjs is a call of
// strykerConfig with what differs (which files to mutate, the thresholds).
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @param {string} packageUrl the calling config's `import.meta.url` (the runner plugin is resolved from its package)
 * @param {{ mutate: string[], thresholds: { high: number, low: number, break: number | null }, html?: boolean,
 *   timeoutMS?: number }} options
 * @returns {import("@stryker-mutator/core").PartialStrykerOptions}
 */
export function strykerConfig(packageUrl, { mutate, thresholds, html = false, timeoutMS = 10_000 }) {
  return {
    packageManager: "pnpm",
    testRunner: "vitest",
    // Under pnpm Stryker finds no runner plugin by itself: hand it the runner's entry file.
    plugins: [createRequire(packageUrl).resolve("@stryker-mutator/vitest-runner")],
    vitest: { configFile: "vitest.config.ts" },
    coverageAnalysis: "perTest",
    mutate,
    // The machine has 2 cores and is shared: 2 test processes at most (override with --concurrency).
    concurrency: 2,
    // Only mutants whose code or covering tests changed since the last run are tested again; `--force` tests all.
    // The file is committed, so CI on a clean clone starts from the last recorded run.
    incremental: true,
    incrementalFile: "stryker-incremental.json",
    reporters: ["clear-text", "progress", "json", ...(html ? ["html"] : [])],
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    htmlReporter: { fileName: "reports/mutation/mutation.html" },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    // high/low colour the report; below `break` the run fails (scripts/mutation-gate.mjs prints the per-file table).
    thresholds,
    timeoutMS,
    // The sandbox (a copy of the package) sits two folders below the repo root, as the package does, so that the
    // package's vitest.config.ts finds ../../vitest.shared.mts there too.
    tempDirName: `../../.stryker-tmp-${basename(dirname(fileURLToPath(packageUrl)))}`,
    // At that depth the package's tsconfig.json ("extends": "../../tsconfig.base.json") is right as it is: Stryker
    // rewrites only the file named here, and there is none by that name.
    tsconfigFile: "tsconfig.stryker-sandbox.json",
    cleanTempDir: "always",
  };
}
