// The bumps that pending changesets (`.changeset/*.md`) ask for, read the way `changeset version` reads them.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type BumpLevel, higher } from "./semver.js";

const LEVELS = new Set<string>(["patch", "minor", "major"]);

/** The frontmatter of one changeset: `"@zuora-reports/client": major` lines between `---` fences. */
export function parseChangeset(text: string, file: string): Map<string, BumpLevel> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match?.[1] && !/^---\r?\n---/.test(text)) {
    throw new Error(`${file}: a changeset starts with a frontmatter block between --- lines.`);
  }
  const bumps = new Map<string, BumpLevel>();
  for (const line of (match?.[1] ?? "").split(/\r?\n/)) {
    if (line.trim() === "") {
      continue;
    }
    const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(\w+)\s*$/.exec(line);
    if (!entry?.[1] || !entry[2] || !LEVELS.has(entry[2])) {
      throw new Error(`${file}: "${line.trim()}" is not a "package": patch | minor | major line.`);
    }
    bumps.set(entry[1].trim(), entry[2] as BumpLevel);
  }
  return bumps;
}

/** The highest bump each package gets from every pending changeset in `folder`. */
export async function readPendingBumps(folder: string): Promise<Map<string, BumpLevel>> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const total = new Map<string, BumpLevel>();
  for (const name of names.sort()) {
    if (!name.endsWith(".md") || name.toLowerCase() === "readme.md") {
      continue;
    }
    const bumps = parseChangeset(await readFile(join(folder, name), "utf8"), name);
    for (const [pkg, level] of bumps) {
      total.set(pkg, higher(total.get(pkg), level));
    }
  }
  return total;
}
