#!/usr/bin/env node
// spec-diff [--gate] [--released <file>] [--working <file>]: run from the repository root (`pnpm spec:diff`).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { runSpecDiff } from "./run.js";

const USAGE = "usage: spec-diff [--gate] [--released <openapi.json>] [--working <openapi.json>]";

/** The repository root: the nearest folder upwards that holds pnpm-workspace.yaml. */
function findRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "pnpm-workspace.yaml"))) {
      return folder;
    }
    if (dirname(folder) === folder) {
      return start;
    }
  }
}

async function main(): Promise<number> {
  let values: { gate?: boolean; released?: string; working?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        gate: { type: "boolean" },
        released: { type: "string" },
        working: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    process.stderr.write(`spec-diff: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const outcome = await runSpecDiff({ root: findRoot(process.cwd()), ...values });
    process.stdout.write(`${outcome.lines.join("\n")}\n`);
    return outcome.exitCode;
  } catch (error) {
    process.stderr.write(`spec-diff: ${(error as Error).message}\n`);
    return 2;
  }
}

process.exitCode = await main();
