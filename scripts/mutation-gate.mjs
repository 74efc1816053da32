#!/usr/bin/env node
// Reads Stryker's JSON report, prints the mutation score per file (uncovered mutants counted, as Stryker does) and
// fails when the total is below --break (default 85) or a file is below --file-break (default 80).
//   node ../../scripts/mutation-gate.mjs [--report reports/mutation/mutation.json] [--break 85] [--file-break 80]
// (from a package folder; `--break 0 --file-break 0` only reports, for packages with no threshold yet).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    report: { type: "string", default: "reports/mutation/mutation.json" },
    break: { type: "string", default: "85" },
    "file-break": { type: "string", default: "80" },
  },
});
const out = (line = "") => process.stdout.write(`${line}\n`);
const err = (line) => process.stderr.write(`${line}\n`);
const minTotal = Number(values.break);
const minFile = Number(values["file-break"]);

let report;
try {
  report = JSON.parse(readFileSync(values.report, "utf8"));
} catch (error) {
  err(`mutation gate: no readable Stryker report at ${values.report} (${error.message}).`);
  process.exit(1);
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const count = (mutants) => {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const { status } of mutants) {
    const key = { Killed: "killed", Timeout: "timeout", Survived: "survived", NoCoverage: "noCoverage" }[status];
    if (key) {
      c[key] += 1;
    }
  }
  const valid = mutants.filter((m) => DETECTED.has(m.status) || UNDETECTED.has(m.status)).length;
  return { ...c, valid, score: valid ? (100 * (c.killed + c.timeout)) / valid : 100 };
};

const rows = Object.entries(report.files)
  .map(([file, { mutants }]) => ({ file, ...count(mutants) }))
  .sort((a, b) => a.file.localeCompare(b.file));
const total = count(Object.values(report.files).flatMap((f) => f.mutants));

const pad = (text, width) => String(text).padStart(width);
const line = (name, r) =>
  `${name.padEnd(24)}${pad(r.score.toFixed(2), 8)}${pad(r.killed, 8)}${pad(r.timeout, 8)}${pad(r.survived, 9)}${pad(r.noCoverage, 10)}`;
out(
  `${"file".padEnd(24)}${pad("score %", 8)}${pad("killed", 8)}${pad("timeout", 8)}${pad("survived", 9)}${pad("no cover", 10)}`,
);
// A file with a handful of mutants swings by tens of points per mutant (one equivalent mutant of 3 is 67 %): the
// per-file floor applies from MIN_MUTANTS valid mutants on; smaller files still count in the total.
const MIN_MUTANTS = 10;
const low = [];
for (const r of rows) {
  const flag =
    r.score >= minFile ? "" : r.valid < MIN_MUTANTS ? `  (${r.valid} mutants: no floor)` : `  < ${minFile} %`;
  if (flag.startsWith("  <")) {
    low.push(r.file);
  }
  out(line(r.file, r) + flag);
}
out(line("all files", total));

let failed = false;
if (total.score < minTotal) {
  err(`\nmutation gate: score ${total.score.toFixed(2)} % is below the break threshold ${minTotal} %.`);
  failed = true;
}
if (low.length) {
  err(`mutation gate: below ${minFile} %: ${low.join(", ")}.`);
  failed = true;
}
if (!failed) {
  out(
    `\nmutation gate: ${total.score.toFixed(2)} % ≥ ${minTotal} %, every file of ${MIN_MUTANTS} or more mutants ≥ ${minFile} %.`,
  );
}
process.exit(failed ? 1 : 0);
