// @ts-check
// Export memory: `zuora-reports export <id> --output <file>` of a large UTF-16LE export, against a bare
// fetch + TextDecoder script writing the same file; each a whole process whose peak RSS and CPU time it reports
// itself on exit (`process.resourceUsage()`, preloaded with --require: /usr/bin/time is not everywhere).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLI_BIN } from "./cli-startup.mjs";
import { BASE_PATH, RUN_ID, TOKEN } from "./fixtures.mjs";
import { startServerProcess } from "./server-process.mjs";
import { rotate, spread } from "./stats.mjs";

const PRELOAD = fileURLToPath(new URL("./report-rss.cjs", import.meta.url));
const BARE_SCRIPT = fileURLToPath(new URL("./bare-export.mjs", import.meta.url));

export const CLI_EXPORT = "zuora-reports export --output";
export const BARE_EXPORT = "bare fetch + TextDecoder";
export const NODE_FLOOR = "node -e 0";

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ name: string, maxRssMiB: Spread, cpuMs: Spread, wallMs: Spread }} ExportMemoryRow
 * @typedef {{ megabytes: number, bytes: number, rows: ExportMemoryRow[], cliCpuVsBare: Spread, sameOutput: boolean }} ExportMemoryResult
 */

/**
 * Runs `node --require report-rss.cjs ...args` to its end: its peak RSS, CPU and wall time.
 * @param {string[]} args
 * @param {string} usageFile
 * @returns {Promise<{ maxRssBytes: number, cpuUs: number, wallMs: number }>}
 */
function measure(args, usageFile) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ZUORA_TOKEN: TOKEN, BENCH_USAGE_FILE: usageFile };
    const child = spawn(process.execPath, ["--require", PRELOAD, ...args], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text) => {
      stderr += text;
    });
    child.once("error", reject);
    child.once("close", async (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) {
        reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr.slice(0, 300)}`));
        return;
      }
      try {
        resolve({ ...JSON.parse(await readFile(usageFile, "utf8")), wallMs });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** @param {string} path */
async function sha256(path) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
  }
  return hash.digest("hex");
}

/**
 * @param {{ rounds: number, megabytes: number }} options
 * @returns {Promise<ExportMemoryResult>}
 */
export async function benchExportMemory({ rounds, megabytes }) {
  const server = await startServerProcess(new URL("./export-server.mjs", import.meta.url), [
    `--megabytes=${megabytes}`,
  ]);
  const dir = await mkdtemp(join(os.tmpdir(), "bench-export-"));
  try {
    const baseUrl = `http://127.0.0.1:${server.info.port}${BASE_PATH}`;
    const cliFile = join(dir, "cli.csv");
    const bareFile = join(dir, "bare.csv");
    const contenders = [
      { name: CLI_EXPORT, args: [CLI_BIN, "export", RUN_ID, "--output", cliFile, "--base-url", baseUrl] },
      { name: BARE_EXPORT, args: [BARE_SCRIPT, `${baseUrl}/reportruns/export/${RUN_ID}`, bareFile] },
      { name: NODE_FLOOR, args: ["-e", "0"] },
    ];
    /** @type {Map<string, { maxRssBytes: number, cpuUs: number, wallMs: number }[]>} */
    const figures = new Map(contenders.map((c) => [c.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const c of rotate(contenders, round)) {
        figures.get(c.name)?.push(await measure(c.args, join(dir, "usage.json")));
      }
    }
    const sameOutput = (await sha256(cliFile)) === (await sha256(bareFile));
    const of = (/** @type {string} */ name) => figures.get(name) ?? [];
    return {
      megabytes,
      bytes: Number(server.info.bytes),
      rows: contenders.map((c) => ({
        name: c.name,
        maxRssMiB: spread(of(c.name).map((f) => f.maxRssBytes / 2 ** 20)),
        cpuMs: spread(of(c.name).map((f) => f.cpuUs / 1000)),
        wallMs: spread(of(c.name).map((f) => f.wallMs)),
      })),
      cliCpuVsBare: spread(of(CLI_EXPORT).map((f, i) => f.cpuUs / Number(of(BARE_EXPORT)[i]?.cpuUs))),
      sameOutput,
    };
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
