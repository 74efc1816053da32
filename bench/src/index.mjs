// @ts-check
// `pnpm bench [-- --quick]`: runs every benchmark, prints one table, and on a full run writes
// bench/results.json and BENCHMARKS.md. Exits non-zero if any benchmark errors.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { benchBuild } from "./build-time.mjs";
import { measureBundleSizes } from "./bundle-size.mjs";
import { benchCliStartup } from "./cli-startup.mjs";
import { benchCostParts } from "./cost-parts.mjs";
import { benchEndToEnd } from "./end-to-end.mjs";
import { benchExportMemory } from "./export-memory.mjs";
import { benchMockThroughput } from "./mock-throughput.mjs";
import { benchOverheadOnNode24 } from "./node24.mjs";
import { benchOverhead } from "./overhead.mjs";
import { benchPolling } from "./polling.mjs";
import { consoleTable, renderMarkdown } from "./report.mjs";
import { judgeTargets } from "./targets.mjs";

const SECTIONS = ["sizes", "overhead", "node24", "e2e", "startup", "export", "mock", "polling", "build"];

const USAGE = `Usage: pnpm bench [-- --quick | --only=${SECTIONS.join(",")} | --render]
  --quick      few iterations, tiny sizes, no build timing, no Node 24 run; writes nothing (CI smoke run)
  --only=LIST  run only these sections; writes nothing
  --render     measure nothing: rewrite BENCHMARKS.md from bench/results.json (after editing bench/findings.md)
  --emit-json  print the results as JSON on stdout instead of the table (how the node24 section reads its child)
`;

const RESULTS_FILE = new URL("../results.json", import.meta.url);
const MARKDOWN_FILE = new URL("../../BENCHMARKS.md", import.meta.url);
const BIOME = new URL("../../node_modules/@biomejs/biome/bin/biome", import.meta.url);

/**
 * Writes the report files, then formats them with the repo's Biome so `pnpm lint` stays clean (Biome aligns
 * Markdown tables).
 * @param {Array<[URL, string]>} files
 */
function writeFormatted(files) {
  for (const [file, text] of files) {
    writeFileSync(file, text);
  }
  const paths = files.map(([file]) => fileURLToPath(file));
  const result = spawnSync(process.execPath, [fileURLToPath(BIOME), "format", "--write", ...paths], {
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stderr.write(`bench: could not format ${paths.join(", ")} with Biome:\n${result.stderr || result.error}\n`);
  }
}

/** @param {string[]} argv */
function parseArgs(argv) {
  let quick = false;
  let render = false;
  let emitJson = false;
  let only = SECTIONS;
  for (const arg of argv) {
    if (arg === "--quick") {
      quick = true;
    } else if (arg === "--render") {
      render = true;
    } else if (arg === "--emit-json") {
      emitJson = true;
    } else if (arg.startsWith("--only=")) {
      only = arg.slice("--only=".length).split(",").filter(Boolean);
      const unknown = only.filter((s) => !SECTIONS.includes(s));
      if (unknown.length > 0 || only.length === 0) {
        throw new UsageError(`Unknown section in --only: ${unknown.join(", ") || "(none)"}`);
      }
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg !== "--") {
      throw new UsageError(`Unknown argument: ${arg}`);
    }
  }
  return { quick, render, emitJson, only, write: !quick && !emitJson && only === SECTIONS };
}

class UsageError extends Error {}

/** @param {boolean} quick */
function settingsFor(quick) {
  return quick
    ? {
        overheadRounds: 1,
        overheadTimeMs: 100,
        e2eRounds: 1,
        e2eTimeMs: 100,
        warmupTimeMs: 30,
        iterations: 20,
        pollingCasesMs: [300, 1200],
        pollingRepeats: 1,
        mockRounds: 1,
        mockDurationMs: 500,
        mockWarmupMs: 200,
        buildRounds: 0,
        startupRounds: 1,
        startupRunsPerRound: 2,
        exportRounds: 1,
        exportMegabytes: 2,
      }
    : {
        // Many short rounds rather than a few long ones: on a shared machine the load shifts within seconds,
        // and contenders measured close together in time see the same load.
        overheadRounds: 10,
        overheadTimeMs: 300,
        e2eRounds: 10,
        e2eTimeMs: 300,
        warmupTimeMs: 100,
        iterations: 100,
        pollingCasesMs: [2000, 7000, 20000, 35000],
        pollingRepeats: 3,
        mockRounds: 6,
        mockDurationMs: 2000,
        mockWarmupMs: 500,
        buildRounds: 3,
        startupRounds: 5,
        startupRunsPerRound: 6,
        exportRounds: 3,
        exportMegabytes: 100,
      };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    "load average at start (1 min)": os.loadavg()[0]?.toFixed(2) ?? "n/a",
    node: process.version,
  };
}

function versions() {
  /** @param {string} name */
  const version = (name) =>
    JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
  return Object.fromEntries(
    ["@zuora-reports/client", "@zuora-reports/mock", "openapi-fetch", "axios", "tinybench", "esbuild"].map((n) => [
      n,
      version(n),
    ]),
  );
}

async function main() {
  const { quick, render, emitJson, only, write } = parseArgs(process.argv.slice(2));
  if (render) {
    writeFormatted([[MARKDOWN_FILE, renderMarkdown(JSON.parse(readFileSync(RESULTS_FILE, "utf8")))]]);
    process.stdout.write("Rewrote BENCHMARKS.md from bench/results.json\n");
    return;
  }
  const s = settingsFor(quick);
  const bench = { time: 0, warmupTime: s.warmupTimeMs, iterations: s.iterations };
  /** @type {import("./report.mjs").Results} */
  const results = {
    generatedAt: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    machine: machine(),
    versions: versions(),
    settings: s,
    targets: [],
    errors: [],
  };
  /** @type {Record<string, () => Promise<void>>} */
  const run = {
    sizes: async () => {
      results.sizes = await measureBundleSizes();
    },
    overhead: async () => {
      const settings = { ...bench, time: s.overheadTimeMs };
      results.overhead = await benchOverhead({ rounds: s.overheadRounds, settings });
      results.costParts = await benchCostParts({ rounds: s.overheadRounds, settings });
    },
    node24: async () => {
      // The npm install and a second run take a minute: not part of the CI smoke run.
      if (!quick) {
        results.node24 = await benchOverheadOnNode24({ quick });
      }
    },
    startup: async () => {
      results.startup = await benchCliStartup({ rounds: s.startupRounds, runsPerRound: s.startupRunsPerRound });
    },
    export: async () => {
      results.exportMemory = await benchExportMemory({ rounds: s.exportRounds, megabytes: s.exportMegabytes });
    },
    e2e: async () => {
      results.e2e = await benchEndToEnd({ rounds: s.e2eRounds, settings: { ...bench, time: s.e2eTimeMs } });
    },
    mock: async () => {
      results.mock = await benchMockThroughput({
        rounds: s.mockRounds,
        durationMs: s.mockDurationMs,
        warmupMs: s.mockWarmupMs,
      });
    },
    polling: async () => {
      results.polling = await benchPolling({ casesMs: s.pollingCasesMs, repeats: s.pollingRepeats });
    },
    build: async () => {
      if (s.buildRounds > 0) {
        results.build = await benchBuild({ rounds: s.buildRounds });
      }
    },
  };
  for (const section of SECTIONS.filter((x) => only.includes(x))) {
    process.stderr.write(`bench: ${section}…\n`);
    try {
      await run[section]?.();
    } catch (err) {
      results.errors.push({ section, message: err instanceof Error ? err.message : String(err) });
    }
  }
  results.machine["load average at end (1 min)"] = os.loadavg()[0]?.toFixed(2) ?? "n/a";
  results.targets = judgeTargets(results);
  if (emitJson) {
    process.stdout.write(`${JSON.stringify(results)}\n`);
    process.exitCode = results.errors.length > 0 ? 1 : 0;
    return;
  }

  process.stdout.write(`\n${consoleTable(results)}\n`);
  for (const e of results.errors) {
    process.stderr.write(`\nbench: ${e.section} failed: ${e.message}\n`);
  }
  // The bundle target is reported, not enforced here: CI's size gate is the client's own size-limit budget.
  if (write && results.errors.length === 0) {
    writeFormatted([
      [RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`],
      [MARKDOWN_FILE, renderMarkdown(results)],
    ]);
    process.stdout.write("\nWrote bench/results.json and BENCHMARKS.md\n");
  } else if (write) {
    process.stdout.write("\nNot writing bench/results.json or BENCHMARKS.md: a benchmark failed.\n");
  }
  process.exitCode = results.errors.length > 0 ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(
    `bench: ${err instanceof Error ? err.message : String(err)}\n${err instanceof UsageError ? USAGE : ""}`,
  );
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
