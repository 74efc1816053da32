// The verify report for people: the conformance table, each violation under its line, then the findings.
import type { VerifyReport } from "@zuora-reports/verify";

/** The `--json` document of `verify` (documented in the README): the library's report, the exit code, the fixtures. */
export interface VerifyDocument extends VerifyReport {
  exitCode: number;
  /** With `--record`: where the fixtures went. */
  recorded?: { folder: string; files: string[] };
}

/** The report for people: the conformance table, each violation under its line, the findings, the result. */
export function formatReport(report: VerifyDocument): string {
  const out: string[] = [];
  const responses = report.exchanges.reduce((n, line) => n + line.count, 0);
  out.push(
    `Checked ${responses} responses from ${report.target} against ${report.spec.title} ${report.spec.version}.`,
    "",
  );

  const rows = report.exchanges.map((line) => [
    line.count > 1 ? `${line.operation} ×${line.count}` : line.operation,
    line.request,
    String(line.status),
    line.verdict === "conforms" ? "conforms" : `drift (${line.violations.length})`,
  ]);
  const header = ["OPERATION", "REQUEST", "STATUS", "VERDICT"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  out.push(render(header));
  report.exchanges.forEach((line, index) => {
    out.push(render(rows[index] ?? []));
    for (const violation of line.violations) {
      out.push(`    ${violation.path}: the spec says ${violation.expected}; seen ${violation.seen}`);
    }
  });

  if (report.findings.length > 0) {
    out.push("", "Findings (what the spec leaves open, measured; they do not change the exit code):");
    const width = Math.max(...report.findings.map((finding) => finding.topic.length));
    for (const finding of report.findings) {
      const note = finding.documented && finding.differs ? `  [documented: ${finding.documented}]` : "";
      out.push(`  ${finding.topic.padEnd(width)}  ${finding.seen}${note}`);
    }
  }

  out.push("");
  const violations = report.exchanges.reduce(
    (n, line) => n + line.violations.length * (line.verdict === "drift" ? 1 : 0),
    0,
  );
  const drifting = report.exchanges.filter((line) => line.verdict === "drift").length;
  out.push(
    report.conforms
      ? "Result: every response checked conforms to the spec."
      : `Result: drift: ${violations} violation${violations === 1 ? "" : "s"} in ${drifting} line${drifting === 1 ? "" : "s"} of the table.`,
  );
  if (report.stopped) {
    out.push(`Stopped early: ${report.stopped}`);
  }
  if (report.recorded) {
    out.push(`Recorded ${report.recorded.files.length} fixtures in ${report.recorded.folder}`);
  }
  return `${out.join("\n")}\n`;
}
