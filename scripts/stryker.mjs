#!/usr/bin/env node
// Runs the Stryker CLI of the package in the working directory on a Node ≥ 22 (Stryker 10 refuses older ones):
// the running node when it is new enough, else Node 24 as scripts/node24.mjs installs it (once, from the npm registry).
//   node ../../scripts/stryker.mjs run [stryker options…] [--then <script> [--gate-args "<its arguments>"]]
// `--then <script>` runs that Node script after Stryker (a gate reading its report), whatever Stryker's exit status;
// the run fails if either fails. Options after it still go to Stryker, so `pnpm mutation -- --force` works.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { node24Binary } from "./node24.mjs";

function node22() {
  if (Number(process.versions.node.split(".")[0]) >= 22) {
    return process.execPath;
  }
  try {
    return node24Binary({ log: (line) => process.stderr.write(`Stryker needs Node ≥ 22: ${line}\n`) });
  } catch (error) {
    throw new Error(
      `Stryker needs Node ≥ 22; this is ${process.version}, and Node 24 is not at hand: ${error.message}`,
    );
  }
}

// pnpm hands on a `--` separator too (`pnpm mutation -- --force`): Stryker would take it for a config file name.
const args = process.argv.slice(2).filter((arg) => arg !== "--");
const then = args.indexOf("--then");
const after = then >= 0 ? args.splice(then, 2)[1] : undefined;
// `--gate-args "<args>"`: arguments for the `--then` script (e.g. "--break 0" where no threshold applies yet).
const gateArgsAt = args.indexOf("--gate-args");
const gateArgs = gateArgsAt >= 0 ? (args.splice(gateArgsAt, 2)[1] ?? "").split(" ").filter(Boolean) : [];

// The package exports only its API: find the CLI next to its package.json.
const core = createRequire(join(process.cwd(), "package.json")).resolve("@stryker-mutator/core/package.json");
const cli = join(dirname(core), "bin", "stryker.js");
// A crashed run must not leave the last run's report for the gate to read.
if (args[0] === "run") {
  rmSync(join(process.cwd(), "reports", "mutation"), { recursive: true, force: true });
}
const stryker = spawnSync(node22(), [cli, ...args], { stdio: "inherit" });
const status = stryker.status ?? 1;
const gate = after ? (spawnSync(process.execPath, [after, ...gateArgs], { stdio: "inherit" }).status ?? 1) : 0;
process.exit(status || gate);
