// `spec:diff` as a function: read the released and the working contract, classify, and (with `gate`) check the
// pending changesets and info.version. Returns the lines to print and the exit status; the CLI only prints them.
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { readPendingBumps } from "./changesets.js";
import { classifyChanges, highestLevel, type OpenApiDocument, type SpecChange } from "./classify.js";
import { checkGate, requiredBump } from "./gate.js";
import type { BumpLevel } from "./semver.js";
import { covers } from "./semver.js";
import { checkReleasedUsage } from "./usage.js";
import { reachedBySpec, readWorkspace, type WorkspacePackage } from "./workspace.js";

export interface SpecDiffOptions {
  /** The repository root (pnpm-workspace.yaml, .changeset/). */
  root: string;
  /** The released contract; default `<root>/spec/released/openapi.json`. */
  released?: string;
  /** The working contract, bundled; default `<root>/spec/dist/openapi.json`. */
  working?: string;
  /** The usage the last release shipped; default `<root>/spec/released/usage`. */
  usage?: string;
  /** The client's built declarations; default `<root>/packages/client/dist/index.d.mts`. */
  clientTypes?: string;
  gate?: boolean;
}

export interface SpecDiffOutcome {
  changes: SpecChange[];
  /** 0: nothing to report (or, with `gate`, every change covered); 1: changes (or the gate failed). */
  exitCode: 0 | 1;
  lines: string[];
}

async function readDocument(path: string, root: string, what: string): Promise<OpenApiDocument> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the ${what} (${relative(root, path)}): ${error.code ?? error.message}`);
  });
  try {
    return JSON.parse(text) as OpenApiDocument;
  } catch {
    throw new Error(`the ${what} (${relative(root, path)}) is not JSON.`);
  }
}

function versionOf(document: OpenApiDocument): string {
  const info = document.info as { version?: unknown } | undefined;
  return typeof info?.version === "string" ? info.version : "0.0.0";
}

const COUNT_NAMES = { breaking: "breaking", "non-breaking": "non-breaking", docs: "docs-only" } as const;

function summary(changes: readonly SpecChange[], version: string): string {
  if (changes.length === 0) {
    return `No changes since the released contract (${version}).`;
  }
  const counts = (Object.keys(COUNT_NAMES) as (keyof typeof COUNT_NAMES)[])
    .map((level) => [level, changes.filter((change) => change.level === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${count} ${COUNT_NAMES[level]}`);
  return `${changes.length} change${changes.length === 1 ? "" : "s"} since the released contract (${version}): ${counts.join(", ")}.`;
}

const CLIENT = "@zuora-reports/client";

/** The released usage must type-check against the client, unless the client's next release is declared major. */
async function usageGate(
  options: SpecDiffOptions,
  workspace: readonly WorkspacePackage[],
  bumps: ReadonlyMap<string, BumpLevel>,
): Promise<{ ok: boolean; lines: string[] }> {
  const { root } = options;
  const usage = await checkReleasedUsage(
    root,
    options.usage ?? join(root, "spec/released/usage"),
    options.clientTypes ?? join(root, "packages/client/dist/index.d.mts"),
  );
  if (usage.files.length === 0) {
    return { ok: true, lines: [] };
  }
  if (usage.errors.length === 0) {
    return {
      ok: true,
      lines: [
        `Released usage: ${usage.files.length} file${usage.files.length === 1 ? "" : "s"} still type-check against ${CLIENT}.`,
      ],
    };
  }
  const client = workspace.find((pkg) => pkg.name === CLIENT);
  const needed: BumpLevel = client?.version.startsWith("0.") ? "minor" : "major";
  const errors = usage.errors.map((line) => `  ${line}`);
  if (covers(bumps.get(CLIENT), needed)) {
    const accepted = `Released usage: ${usage.errors.length} type error${usage.errors.length === 1 ? "" : "s"} against ${CLIENT}, accepted: its pending release is ${bumps.get(CLIENT)}.`;
    return { ok: true, lines: [accepted, ...errors] };
  }
  return {
    ok: false,
    lines: [
      `Gate: FAILED. The last release's usage no longer type-checks against ${CLIENT} (${usage.errors.length} error${usage.errors.length === 1 ? "" : "s"}):`,
      ...errors,
      `Keep the old API working (deprecate, don't break), or declare a ${needed} release of ${CLIENT} in a changeset.`,
    ],
  };
}

/** Runs `spec:diff` (and its gate) on the repository at `options.root`. */
export async function runSpecDiff(options: SpecDiffOptions): Promise<SpecDiffOutcome> {
  const { root } = options;
  const released = await readDocument(
    options.released ?? join(root, "spec/released/openapi.json"),
    root,
    "released contract",
  );
  const working = await readDocument(options.working ?? join(root, "spec/dist/openapi.json"), root, "bundled spec");
  const changes = classifyChanges(released, working);
  const lines = changes.map((change) => `${change.level.padEnd(12)}  ${change.sentence}  ${change.path}`);
  lines.push(summary(changes, versionOf(released)));
  if (!options.gate) {
    return { changes, exitCode: changes.length === 0 ? 0 : 1, lines };
  }
  const level = highestLevel(changes);
  const workspace = await readWorkspace(root);
  const reachedNames = new Set(reachedBySpec(workspace));
  const reached = workspace.filter((pkg) => reachedNames.has(pkg.name));
  const bumps = await readPendingBumps(join(root, ".changeset"));
  const result = checkGate({
    level,
    releasedVersion: versionOf(released),
    workingVersion: versionOf(working),
    bumps,
    reached,
  });
  const usage = await usageGate(options, workspace, bumps);
  lines.push(...usage.lines);
  if (result.ok) {
    if (level && level !== "docs") {
      lines.push(`Gate: passed (a ${level} change, covered by info.version ${versionOf(working)} and the changesets).`);
    }
    return { changes, exitCode: usage.ok ? 0 : 1, lines };
  }
  const needs =
    level === "breaking" ? "a major release (a minor for packages below 1.0.0)" : "at least a minor release";
  lines.push(`Gate: FAILED. A ${level} change needs ${needs}; missing:`);
  lines.push(...result.missing.map((line) => `  - ${line}`));
  const packages = reached
    .filter((pkg) => !bumps.has(pkg.name) || result.missing.some((line) => line.includes(` ${pkg.name} `)))
    .map((pkg) => `"${pkg.name}": ${level === undefined ? "minor" : requiredBump(level, pkg.version)}`);
  if (packages.length > 0) {
    lines.push(
      "Add a changeset: run `pnpm changeset` (or write .changeset/<name>.md with these lines between --- fences, " +
        `then a sentence for the changelog): ${packages.join(", ")}.`,
    );
  }
  if (result.missing.some((line) => line.startsWith("info.version"))) {
    lines.push("Set info.version in spec/openapi.yaml to the new version of @zuora-reports/spec.");
  }
  return { changes, exitCode: 1, lines };
}
