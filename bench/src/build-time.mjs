// @ts-check
// Build and test wall times of the whole repo: cold (`turbo run build --force`, no cache) against fully
// cached (`turbo run build`), and the contract suite (`pnpm --filter @zuora-reports/contract-tests test`).
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { spread } from "./stats.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ coldMs: Spread, cachedMs: Spread, ratio: Spread, cachedWasFullTurbo: boolean, cachedSummary: string[],
 *   contractSuiteMs: Spread }} BuildResult
 */

/**
 * Runs a command in the repo root and returns its wall time; throws with its output tail if it fails.
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<{ ms: number, output: string }>}
 */
async function timed(command, args) {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  const ms = performance.now() - started;
  if (code !== 0) {
    throw new Error(`\`${command} ${args.join(" ")}\` failed (exit ${code}):\n${output.slice(-2000)}`);
  }
  return { ms, output };
}

/**
 * Alternates cold and cached builds so both see the same machine load, then times the contract suite.
 * @param {{ rounds: number }} options
 * @returns {Promise<BuildResult>}
 */
export async function benchBuild({ rounds }) {
  /** @type {number[]} */
  const cold = [];
  /** @type {number[]} */
  const cached = [];
  let allFullTurbo = true;
  /** @type {string[]} */
  const cachedSummary = [];
  for (let round = 0; round < rounds; round++) {
    cold.push((await timed("pnpm", ["exec", "turbo", "run", "build", "--force", "--output-logs=errors-only"])).ms);
    const warm = await timed("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]);
    cached.push(warm.ms);
    allFullTurbo &&= warm.output.includes("FULL TURBO");
    // Turbo's summary line, e.g. "Cached:    7 cached, 7 total": a miss means a file changed between rounds.
    cachedSummary.push(/Cached:\s+(\d+ cached, \d+ total)/.exec(warm.output)?.[1] ?? "no summary");
  }
  /** @type {number[]} */
  const contract = [];
  for (let round = 0; round < rounds; round++) {
    contract.push((await timed("pnpm", ["--filter", "@zuora-reports/contract-tests", "test"])).ms);
  }
  return {
    coldMs: spread(cold),
    cachedMs: spread(cached),
    ratio: spread(cold.map((c, i) => c / Number(cached[i]))),
    cachedWasFullTurbo: allFullTurbo,
    cachedSummary,
    contractSuiteMs: spread(contract),
  };
}
