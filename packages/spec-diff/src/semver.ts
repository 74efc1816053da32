// The three release levels and how two versions compare: all the gate needs of semver.

/** A release level, as changesets names it. */
export type BumpLevel = "patch" | "minor" | "major";

const ORDER: readonly BumpLevel[] = ["patch", "minor", "major"];

/** True when `level` is at least `required`. */
export function covers(level: BumpLevel | undefined, required: BumpLevel): boolean {
  return level !== undefined && ORDER.indexOf(level) >= ORDER.indexOf(required);
}

/** The higher of two levels. */
export function higher(a: BumpLevel | undefined, b: BumpLevel): BumpLevel {
  return covers(a, b) ? (a as BumpLevel) : b;
}

function parts(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) {
    throw new Error(`"${version}" is not a semantic version (major.minor.patch).`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The level by which `to` moves on from `from`, or undefined when it does not move forward. Below 1.0.0 the minor
 * plays the major's role (a 0.3.0 → 0.4.0 move is "major"), as oasdiff and Cargo read it.
 */
export function bumpBetween(from: string, to: string): BumpLevel | undefined {
  const [a, b, c] = parts(from);
  const [x, y, z] = parts(to);
  if (x !== a) {
    return x > a ? "major" : undefined;
  }
  if (y !== b) {
    return y > b ? (a === 0 ? "major" : "minor") : undefined;
  }
  return z > c ? (a === 0 ? "minor" : "patch") : undefined;
}
