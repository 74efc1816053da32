// The workspace's packages, which of them are published, and which depend on the spec.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** One workspace package, as the gate sees it. */
export interface WorkspacePackage {
  name: string;
  version: string;
  published: boolean;
  /** Run-time dependencies (and peer dependencies). */
  dependsOn: string[];
  /** Build-time dependencies: a package generated from the spec (the types) lists it here. */
  buildsWith: string[];
}

const SPEC = "@zuora-reports/spec";

/** The folders of `pnpm-workspace.yaml`'s `packages:` list (`spec`, `packages/*`, …). */
async function workspaceFolders(root: string): Promise<string[]> {
  const yaml = await readFile(join(root, "pnpm-workspace.yaml"), "utf8");
  const list = /^packages:\s*\n((?:\s+-\s+.+\n?)+)/m.exec(yaml)?.[1] ?? "";
  const folders: string[] = [];
  for (const pattern of list.split("\n").map((line) => line.replace(/^\s+-\s+/, "").trim())) {
    if (pattern.endsWith("/*")) {
      const parent = pattern.slice(0, -2);
      const entries = await readdir(join(root, parent), { withFileTypes: true }).catch(() => []);
      folders.push(...entries.filter((entry) => entry.isDirectory()).map((entry) => join(parent, entry.name)));
    } else if (pattern) {
      folders.push(pattern);
    }
  }
  return folders;
}

/** Every package of the workspace at `root`. */
export async function readWorkspace(root: string): Promise<WorkspacePackage[]> {
  const packages: WorkspacePackage[] = [];
  for (const folder of await workspaceFolders(root)) {
    const text = await readFile(join(root, folder, "package.json"), "utf8").catch(() => undefined);
    if (text === undefined) {
      continue;
    }
    const manifest = JSON.parse(text) as {
      name: string;
      version?: string;
      private?: boolean;
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    packages.push({
      name: manifest.name,
      version: manifest.version ?? "0.0.0",
      published: manifest.private !== true,
      dependsOn: Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }),
      buildsWith: Object.keys(manifest.devDependencies ?? {}),
    });
  }
  return packages;
}

/**
 * The published packages whose public surface a spec change reaches: the spec itself, the packages built from it
 * (the types are generated from it at build time), and every published package that depends on one of those at run
 * time, directly or through another package (types → client → cli, …).
 */
export function reachedBySpec(packages: readonly WorkspacePackage[]): string[] {
  const reached = new Set([SPEC]);
  for (const pkg of packages) {
    if (pkg.buildsWith.includes(SPEC)) {
      reached.add(pkg.name);
    }
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const pkg of packages) {
      if (!reached.has(pkg.name) && pkg.dependsOn.some((name) => reached.has(name))) {
        reached.add(pkg.name);
        grew = true;
      }
    }
  }
  const published = new Set(packages.filter((pkg) => pkg.published).map((pkg) => pkg.name));
  return [...reached].filter((name) => published.has(name)).sort();
}
