// The public surface of a package, as its built declarations state it, kept in `<package>/api/<name>.api.md` and
// reviewed like code (API Extractor's report, by plain means: tsdown already bundles one declaration file).
//   node scripts/api-report.mjs <package folder>…            fails, showing the difference, when a report is stale
//   node scripts/api-report.mjs --update <package folder>…   writes the reports
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";

const FENCE = "```";

function report(folder) {
  const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const declarations = join(folder, "dist/index.d.mts");
  if (!existsSync(declarations)) {
    throw new Error(`${relative(process.cwd(), declarations)} is missing: build ${manifest.name} first.`);
  }
  const surface = readFileSync(declarations, "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("//# sourceMappingURL="))
    .join("\n")
    .trim();
  const text = [
    `# API report: ${manifest.name}`,
    "",
    "The public surface of the package as its built declarations (`dist/index.d.mts`) state it. A change here is a",
    "change for every user: review it, and give it the changeset it needs (CONTRIBUTING.md). Regenerate with",
    "`pnpm api:report`.",
    "",
    `${FENCE}ts`,
    surface,
    FENCE,
    "",
  ].join("\n");
  return { file: join(folder, "api", `${basename(manifest.name)}.api.md`), text };
}

/** A unified diff of the committed report against the built one (git's, which any clone has), at most 80 lines. */
function changedLines(file, text) {
  const folder = mkdtempSync(join(tmpdir(), "api-report-"));
  const built = join(folder, basename(file));
  writeFileSync(built, text);
  const diff = spawnSync("git", ["diff", "--no-index", "--no-color", "-U2", file, built], { encoding: "utf8" });
  rmSync(folder, { recursive: true, force: true });
  const lines = diff.stdout.split("\n").slice(4);
  const shown = lines.slice(0, 80).join("\n");
  return lines.length > 80 ? `${shown}\n… (${lines.length - 80} more lines)\n` : `${shown}\n`;
}

const args = process.argv.slice(2);
const update = args.includes("--update");
let stale = 0;
for (const folder of args.filter((arg) => arg !== "--update").map((arg) => resolve(arg))) {
  const { file, text } = report(folder);
  const shown = relative(process.cwd(), file);
  const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (current === text) {
    continue;
  }
  if (update) {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, text);
    process.stdout.write(`wrote ${shown}\n`);
    continue;
  }
  stale++;
  process.stderr.write(
    current === undefined
      ? `${shown} is missing.\n`
      : `${shown} is out of date: the public surface changed.\n${changedLines(file, text)}`,
  );
}
if (stale > 0) {
  process.stderr.write("Review the difference, then run `pnpm api:report` and commit the report with a changeset.\n");
  process.exitCode = 1;
}
