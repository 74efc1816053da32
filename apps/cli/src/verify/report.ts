// Turns a walk into the verify report: each exchange checked against the spec, identical neighbours (polls)
// folded into one line, findings, and the exit code.
import type { Conformance, Violation } from "@zuora-reports/conformance";
import { ExitCode } from "../exit-codes.js";
import { type Finding, findingsOf } from "./findings.js";
import { pathBelow, type RecordedExchange, toExchange } from "./recorder.js";
import type { WalkResult } from "./walk.js";

/** One line of the conformance table: one exchange, or several identical ones in a row (polls). */
export interface ReportLine {
  operation: string;
  /** Method, path template and query, e.g. `GET /reportruns/reportdata/{reportRunId}?offset=1&pageSize=100`. */
  request: string;
  status: number;
  verdict: "conforms" | "drift";
  /** How many exchanges in a row had this outcome. */
  count: number;
  violations: Violation[];
}

/** The `--json` document of `verify` (documented in the README). */
export interface VerifyReport {
  /** The base URL checked (after a base-path correction, the corrected one). */
  target: string;
  spec: { title: string; version: string };
  /** No violation in any response checked. */
  conforms: boolean;
  /** The walk reached its last step. */
  complete: boolean;
  /** Why it did not, when it did not. */
  stopped?: string;
  run?: { id: string; started: boolean; reportType?: string; statuses: string[] };
  exchanges: ReportLine[];
  findings: Finding[];
  exitCode: number;
  /** With `--record`: where the fixtures went. */
  recorded?: { folder: string; files: string[] };
}

/** Row cells of report data are the tenant's: violations show only their type. */
export function isRowValue(operationId: string | undefined, path: readonly (string | number)[]): boolean {
  return operationId === "getReportData" && (path.length === 0 || path.some((segment) => typeof segment === "number"));
}

/** The exchanges of a walk that were sent where the API is (the ones that are checked and recorded). */
export function checkedExchanges(
  result: WalkResult,
  exchanges: readonly RecordedExchange[],
): { index: number; exchange: RecordedExchange }[] {
  return exchanges
    .map((exchange, index) => ({ index, exchange }))
    .filter(({ index }) => !result.misdirected.includes(index));
}

export function buildReport(
  result: WalkResult,
  exchanges: readonly RecordedExchange[],
  conformance: Conformance,
): VerifyReport {
  const basePath = new URL(result.baseUrl).pathname;
  const lines: ReportLine[] = [];
  for (const { exchange } of checkedExchanges(result, exchanges)) {
    const checked = toExchange(exchange, basePath);
    const operation = conformance.findOperation(checked.method, checked.path);
    const verdict = conformance.check(checked, { mask: (path) => isRowValue(operation?.operationId, path) });
    const query = exchange.url.search;
    const line: ReportLine = {
      operation: operation?.operationId ?? "(unknown)",
      request: `${exchange.method} ${operation?.path ?? pathBelow(exchange.url, basePath)}${query}`,
      status: exchange.status,
      verdict: verdict.violations.length === 0 ? "conforms" : "drift",
      count: 1,
      violations: verdict.violations,
    };
    const previous = lines.at(-1);
    if (previous && sameOutcome(previous, line)) {
      previous.count += 1;
    } else {
      lines.push(line);
    }
  }
  const conforms = lines.every((line) => line.verdict === "conforms");
  const stop = result.stop;
  // A walk stopped by an answer the spec does not declare is drift, not an ordinary API error.
  const exitCode = stop
    ? stop.exitCode === ExitCode.ApiError && !conforms
      ? ExitCode.Drift
      : stop.exitCode
    : conforms
      ? ExitCode.Success
      : ExitCode.Drift;
  return {
    target: result.baseUrl,
    spec: { title: conformance.title, version: conformance.version },
    conforms,
    complete: stop === undefined,
    ...(stop ? { stopped: stop.reason } : {}),
    ...(result.run ? { run: result.run } : {}),
    exchanges: lines,
    findings: findingsOf(result, exchanges),
    exitCode,
  };
}

function sameOutcome(a: ReportLine, b: ReportLine): boolean {
  return (
    a.operation === b.operation &&
    a.request === b.request &&
    a.status === b.status &&
    JSON.stringify(a.violations) === JSON.stringify(b.violations)
  );
}
