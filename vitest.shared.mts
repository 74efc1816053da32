// The one vitest configuration of the workspace. Each package's vitest.config.ts is a thin call of this function
// with its few differences; turbo runs each package's `vitest run` on its own and caches it per package (turbo.json
// lists this file in the test task's inputs, so a change here re-runs every suite). It imports nothing from vitest:
// the package's own `defineConfig` checks the result.
import { availableParallelism } from "node:os";

/** What a package's suite needs beyond the shared defaults. */
export interface SuiteOptions {
  /** Start one mock for the run (`@zuora-reports/mock/vitest`), its URL given to the tests as `inject("mockUrl")`. */
  mock?: boolean;
  /** The test and hook timeout in milliseconds (default 120 s). */
  timeoutMs?: number;
  /** Module aliases (`resolve.alias`), e.g. for files outside the package that import a workspace package. */
  alias?: Record<string, string>;
}

/** The configuration object `defineConfig` takes. */
export interface SuiteConfig {
  resolve?: { alias: Record<string, string> };
  test: {
    globalSetup?: string[];
    include: string[];
    reporters: ("default" | "json")[];
    outputFile: { json: string };
    maxWorkers: number;
    testTimeout: number;
    hookTimeout: number;
  };
}

/** A package's vitest configuration: its tests under test/, with the JSON results CI reads. */
export function suiteConfig({ mock = false, timeoutMs = 120_000, alias }: SuiteOptions = {}): SuiteConfig {
  return {
    ...(alias === undefined ? {} : { resolve: { alias } }),
    test: {
      ...(mock ? { globalSetup: ["@zuora-reports/mock/vitest"] } : {}),
      include: ["test/**/*.test.ts"],
      // CI sums these up (.ci/vitest-summary.mjs); turbo caches them with the task.
      reporters: ["default", "json"],
      outputFile: { json: "test-results/vitest.json" },
      // The type tests (test/*.test-d.ts) are checked by `pnpm lint` (tsc over test/), not here: vitest's typecheck
      // prints an "experimental feature" warning on every run.
      // turbo runs the nine suites at once: with vitest's default of a worker per core in each, a many-core machine
      // ran about nine test files per core, each starting servers, Prism or a browser. A quarter of the cores each
      // keeps the machine busy but not swamped (VITEST_MAX_WORKERS still overrides it).
      maxWorkers: Math.max(1, Math.floor(availableParallelism() / 4)),
      // Only a bound on a hung test, never what decides a pass: vitest's 5 s failed sound tests that start servers,
      // a browser or 20 MB bodies on a loaded machine. Timing is driven by events and fake timers instead.
      testTimeout: timeoutMs,
      hookTimeout: timeoutMs,
    },
  };
}
