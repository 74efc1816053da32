// The release gate: a spec change passes only when the pending changesets and info.version promise the release it
// needs. A breaking change needs a major release of every published package it reaches (a minor while a package is
// below 1.0.0), and info.version moved on by a major; a non-breaking change needs at least a minor of each.
import type { ChangeLevel } from "./classify.js";
import { type BumpLevel, bumpBetween, covers } from "./semver.js";
import type { WorkspacePackage } from "./workspace.js";

/** What the gate was given. */
export interface GateInput {
  level: ChangeLevel | undefined;
  /** info.version of the released contract and of the working document. */
  releasedVersion: string;
  workingVersion: string;
  /** The highest bump per package among the pending changesets. */
  bumps: ReadonlyMap<string, BumpLevel>;
  /** The published packages the spec reaches, with their current versions. */
  reached: readonly WorkspacePackage[];
}

/** The gate's verdict: what is missing, one line each, with what to add. */
export interface GateResult {
  ok: boolean;
  missing: string[];
}

/** The changeset level a package needs for a change of `level`, given its current version. */
export function requiredBump(level: ChangeLevel, version: string): BumpLevel | undefined {
  if (level === "docs") {
    return undefined;
  }
  if (level === "breaking") {
    return version.startsWith("0.") ? "minor" : "major";
  }
  return "minor";
}

export function checkGate(input: GateInput): GateResult {
  const { level } = input;
  if (level === undefined || level === "docs") {
    return { ok: true, missing: [] };
  }
  const missing: string[] = [];
  const versionLevel: BumpLevel = level === "breaking" ? "major" : "minor";
  const moved = bumpBetween(input.releasedVersion, input.workingVersion);
  if (!covers(moved, versionLevel)) {
    missing.push(
      `info.version in spec/openapi.yaml: ${input.releasedVersion} → at least a ${versionLevel} bump ` +
        `(now ${input.workingVersion})`,
    );
  }
  for (const pkg of input.reached) {
    const needed = requiredBump(level, pkg.version);
    const pending = input.bumps.get(pkg.name);
    if (needed && !covers(pending, needed)) {
      missing.push(
        `a changeset bumping ${pkg.name} (${pkg.version}) by ${needed}${pending ? ` (pending: ${pending})` : ""}`,
      );
    }
  }
  return { ok: missing.length === 0, missing };
}
