// Releases of the published packages (those not marked private): `pack` writes their tarballs to dist/;
// `release` turns the pending changesets into versions and changelogs, checks that the spec package and
// info.version agree, builds, records the released contract (spec/released: the bundled spec and the usage it ships)
// and publishes.
// `release --dry-run` does all of that in a throwaway copy of the working tree and publishes nothing: it prints
// what would be published at which version.
//   node scripts/release.mjs pack
//   node scripts/release.mjs release [--dry-run]
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";

const repo = join(import.meta.dirname, "..");
const say = (line) => process.stdout.write(`${line}\n`);

function run(cwd, command, args, { quiet = false } = {}) {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "pipe", "inherit"],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", npm_config_update_notifier: "false" },
  });
}

/** The workspace's packages that are published (not private), with their folders and versions. */
function publishedPackages(root) {
  const all = JSON.parse(run(root, "pnpm", ["ls", "-r", "--depth", "-1", "--json"], { quiet: true }));
  return all
    .filter((pkg) => pkg.private !== true && pkg.name && pkg.path !== root)
    .map((pkg) => ({ name: pkg.name, version: pkg.version, path: pkg.path }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function build(root, packages) {
  const filters = packages.flatMap((pkg) => ["--filter", pkg.name]);
  run(root, "pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only", "--log-prefix=none"]);
}

function pack(root, destination) {
  const packages = publishedPackages(root);
  build(root, packages);
  mkdirSync(destination, { recursive: true });
  for (const pkg of packages) {
    // pnpm pack turns `workspace:^` ranges into the versions being packed.
    const out = run(pkg.path, "pnpm", ["pack", "--pack-destination", destination], { quiet: true });
    say(relative(process.cwd(), join(destination, basename(out.trim().split("\n").at(-1) ?? ""))));
  }
}

function infoVersion(root) {
  const yaml = readFileSync(join(root, "spec/openapi.yaml"), "utf8");
  return /^info:\n(?:[ ].*\n)*?[ ]+version:\s*["']?([^"'\s]+)/m.exec(yaml)?.[1];
}

function firstChangelogEntry(folder) {
  const file = join(folder, "CHANGELOG.md");
  if (!existsSync(file)) {
    return [];
  }
  const entries = readFileSync(file, "utf8").split(/^## /m);
  return (entries[1] ?? "").trim().split("\n").slice(1).filter(Boolean).slice(0, 6);
}

/**
 * The next baseline: the bundled spec (for `spec:diff`) and the usage this release ships (its TypeScript samples and
 * the client's examples), which the next release must still type-check against unless it is major.
 */
function recordReleasedContract(root) {
  const released = join(root, "spec/released");
  copyFileSync(join(root, "spec/dist/openapi.json"), join(released, "openapi.json"));
  rmSync(join(released, "usage"), { recursive: true, force: true });
  cpSync(join(root, "spec/code_samples/TypeScript"), join(released, "usage/code_samples/TypeScript"), {
    recursive: true,
  });
  cpSync(join(root, "packages/client/examples"), join(released, "usage/examples"), { recursive: true });
}

/** A copy of the working tree (tracked and untracked files, not ignored ones) in a temp folder. */
function copyWorkingTree() {
  const copy = mkdtempSync(join(tmpdir(), "release-dry-run-"));
  const files = run(repo, "git", ["ls-files", "-co", "--exclude-standard", "-z"], { quiet: true }).split("\0");
  for (const file of files.filter(Boolean)) {
    if (existsSync(join(repo, file))) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(repo, file), join(copy, file));
    }
  }
  return copy;
}

function release(root, dryRun) {
  const before = new Map(publishedPackages(root).map((pkg) => [pkg.name, pkg.version]));
  if (dryRun) {
    run(root, "pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"]);
  }
  run(root, "pnpm", ["exec", "changeset", "version"], { quiet: true });
  const packages = publishedPackages(root);
  const spec = packages.find((pkg) => pkg.name === "@zuora-reports/spec");
  const documented = infoVersion(root);
  if (spec && documented !== spec.version) {
    throw new Error(
      `the spec package is versioned ${spec.version} but spec/openapi.yaml says info.version ${documented}: ` +
        "bump both by the same level (pnpm spec:diff --gate says which).",
    );
  }
  build(root, packages);
  recordReleasedContract(root);
  const publish = ["publish", "-r", "--no-git-checks", ...(dryRun ? ["--dry-run"] : [])];
  const published = run(root, "pnpm", [...publish, ...packages.flatMap((pkg) => ["--filter", pkg.name])], {
    quiet: true,
  });
  say(dryRun ? "Would publish (pnpm publish -r --dry-run):" : "Published:");
  for (const pkg of packages) {
    const was = before.get(pkg.name);
    say(`  ${pkg.name}@${pkg.version}${was === pkg.version ? " (unchanged)" : ` (from ${was})`}`);
    for (const line of firstChangelogEntry(pkg.path)) {
      say(`      ${line}`);
    }
  }
  // pnpm prints "📦 <name>@<version> → <registry>" for each package it publishes (or would).
  const seen = [...published.matchAll(/^📦 (\S+) → (\S+)$/gmu)].map((match) => `${match[1]} → ${match[2]}`);
  say(`pnpm publish -r${dryRun ? " --dry-run" : ""}: ${seen.length} of ${packages.length} packages`);
  for (const line of seen) {
    say(`  ${line}`);
  }
  if (seen.length !== packages.length) {
    throw new Error(`pnpm publish went through ${seen.length} of ${packages.length} packages:\n${published}`);
  }
  if (!dryRun) {
    say("Commit the versions, changelogs and spec/released/openapi.json.");
  }
}

const [command, ...flags] = process.argv.slice(2);
try {
  if (command === "pack") {
    pack(repo, join(repo, "dist"));
  } else if (command === "release") {
    const dryRun = flags.includes("--dry-run");
    const root = dryRun ? copyWorkingTree() : repo;
    try {
      release(root, dryRun);
    } finally {
      if (dryRun) {
        rmSync(root, { recursive: true, force: true });
      }
    }
  } else {
    process.stderr.write("usage: node scripts/release.mjs pack | release [--dry-run]\n");
    process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`release: ${error.message.split("\n")[0]}\n`);
  process.exitCode = 1;
}
