// @ts-check
// CLI start-up: `zuora-reports status <id>` against a bare Node fetch script doing the same GET, as whole processes
// (wall time from spawn to exit), against the same local server, alternating within each round.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RUN_ID, TOKEN } from "./fixtures.mjs";
import { startHttpServer } from "./server-process.mjs";
import { rotate, spread } from "./stats.mjs";

/** The CLI's built binary (built by `pnpm bench` through turbo). */
export const CLI_BIN = fileURLToPath(new URL("../../apps/cli/dist/cli.mjs", import.meta.url));
const BARE_SCRIPT = fileURLToPath(new URL("./bare-status.mjs", import.meta.url));

export const CLI_STATUS = "zuora-reports status";
export const BARE_STATUS = "bare fetch script";

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ rows: { name: string, wallMs: Spread }[], cliVsBare: Spread, runsPerRound: number }} StartupResult
 */

/**
 * Runs `node ...args` to its end; resolves with its wall time in ms. Fails on a non-zero exit.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
export function timeProcess(args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text) => {
      stderr += text;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      code === 0 ? resolve(ms) : reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr.slice(0, 300)}`));
    });
  });
}

/**
 * @param {{ rounds: number, runsPerRound: number }} options
 * @returns {Promise<StartupResult>}
 */
export async function benchCliStartup({ rounds, runsPerRound }) {
  const server = await startHttpServer();
  try {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ZUORA_TOKEN: TOKEN, NO_COLOR: "1" };
    const contenders = [
      { name: BARE_STATUS, args: [BARE_SCRIPT, server.baseUrl, RUN_ID] },
      { name: CLI_STATUS, args: [CLI_BIN, "status", RUN_ID, "--base-url", server.baseUrl] },
    ];
    // One untimed run each: the file system cache is warm for both.
    for (const c of contenders) {
      await timeProcess(c.args, env);
    }
    /** @type {Map<string, number[]>} */
    const medians = new Map(contenders.map((c) => [c.name, []]));
    /** @type {number[]} */
    const ratios = [];
    for (let round = 0; round < rounds; round++) {
      /** @type {Map<string, number[]>} */
      const times = new Map(contenders.map((c) => [c.name, []]));
      // Alternating: bare, CLI, bare, CLI…, so both see the same load.
      for (let i = 0; i < runsPerRound; i++) {
        for (const c of rotate(contenders, round + i)) {
          times.get(c.name)?.push(await timeProcess(c.args, env));
        }
      }
      const cli = spread(times.get(CLI_STATUS) ?? []).median;
      const bare = spread(times.get(BARE_STATUS) ?? []).median;
      medians.get(CLI_STATUS)?.push(cli);
      medians.get(BARE_STATUS)?.push(bare);
      ratios.push(cli / bare);
    }
    return {
      rows: contenders.map((c) => ({ name: c.name, wallMs: spread(medians.get(c.name) ?? []) })),
      cliVsBare: spread(ratios),
      runsPerRound,
    };
  } finally {
    await server.stop();
  }
}
