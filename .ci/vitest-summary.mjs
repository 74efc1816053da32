// Sums the vitest JSON reports that `pnpm test` leaves in each package's test-results/ (written by the run or
// restored by turbo's cache) into one line, and fails when a suite failed or left no report.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const folders = ["packages", "apps"].flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(dir, name)));
folders.push("spec", "bench");

const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];
const problems = [];
const failures = [];
for (const folder of folders) {
  const manifest = join(root, folder, "package.json");
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, "utf8")).scripts?.test) {
    continue;
  }
  const name = folder.split("/").pop();
  const reportPath = join(root, folder, "test-results", "vitest.json");
  if (!existsSync(reportPath)) {
    problems.push(`${name}: no report (the suite did not run, or crashed before reporting)`);
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const skipped = report.numPendingTests + report.numTodoTests;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += skipped;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === "failed") {
        const reason = (test.failureMessages?.[0] ?? "").split("\n")[0].slice(0, 300);
        failures.push(`${name}: ${file.name.slice(root.length + 1)} > ${test.fullName}: ${reason}`);
      }
    }
    // A file that fails to load has no tests, only its own message.
    if (file.status === "failed" && !(file.assertionResults ?? []).length) {
      failures.push(
        `${name}: ${file.name.slice(root.length + 1)}: ${(file.message ?? "").split("\n")[0].slice(0, 300)}`,
      );
    }
  }
  suites.push(`${name} ${report.numPassedTests}${report.numFailedTests ? ` (${report.numFailedTests} failed)` : ""}`);
  // A suite that fails to load reports no failed test but success: false.
  if (!report.success && !report.numFailedTests) {
    problems.push(`${name}: the suite failed outside any test (a file that does not load, or a failing hook)`);
  }
}

process.stdout.write(
  `vitest: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${suites.join(", ")})\n`,
);
// Which tests failed, so that the last lines of a CI log name them.
for (const failure of failures) {
  process.stdout.write(`vitest failed: ${failure}\n`);
}
for (const problem of problems) {
  process.stdout.write(`vitest: ${problem}\n`);
}
process.exit(totals.failed || problems.length ? 1 : 0);
