// Turns a walk into the verify report: each exchange checked against the spec, identical neighbours (polls)
// folded into one line, findings, and the outcome.
import type { Conformance, Violation } from "@zuora-reports/conformance";
import { type Finding, findingsOf } from "./findings.js";
import { pathBelow, type RecordedExchange, toExchange } from "./recorder.js";
import type { StopKind } from "./stop.js";
import type { WalkResult, WalkRun } from "./walk.js";

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

/** What a walk showed (the CLI's `--json` document adds its exit code and where fixtures went). */
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
  run?: WalkRun;
  exchanges: ReportLine[];
  findings: Finding[];
}

/**
 * How a verification ended: `conforms` (every answer checked conforms and the walk completed), `drift` (an answer
 * differs from the spec), `interrupted` (the signal aborted it), or the {@link StopKind} that stopped it early.
 */
export type OutcomeKind = "conforms" | "drift" | "interrupted" | Exclude<StopKind, "drift">;

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

/** One line per exchange checked, identical neighbours folded. */
function reportLines(result: WalkResult, exchanges: readonly RecordedExchange[], conformance: Conformance) {
  const basePath = new URL(result.baseUrl).pathname;
  const lines: ReportLine[] = [];
  for (const { exchange } of checkedExchanges(result, exchanges)) {
    const checked = toExchange(exchange, basePath);
    const operation = conformance.findOperation(checked.method, checked.path);
    const verdict = conformance.check(checked, { mask: (path) => isRowValue(operation?.operationId, path) });
    const line: ReportLine = {
      operation: operation?.operationId ?? "(unknown)",
      request: `${exchange.method} ${operation?.path ?? pathBelow(exchange.url, basePath)}${exchange.url.search}`,
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
  return lines;
}

/** The report of a walk; `interrupted` names the stop when the walk was interrupted. */
export function buildReport(
  result: WalkResult,
  exchanges: readonly RecordedExchange[],
  conformance: Conformance,
): VerifyReport {
  const lines = reportLines(result, exchanges, conformance);
  const stopped = result.interrupted ? "Interrupted." : result.stop?.reason;
  return {
    target: result.baseUrl,
    spec: { title: conformance.title, version: conformance.version },
    conforms: lines.every((line) => line.verdict === "conforms"),
    complete: stopped === undefined,
    ...(stopped === undefined ? {} : { stopped }),
    ...(result.run ? { run: result.run } : {}),
    exchanges: lines,
    findings: findingsOf(result, exchanges),
  };
}

/** How the walk ended; a walk stopped by an answer the spec does not declare is drift, not a refusal. */
export function outcomeKind(result: WalkResult, conforms: boolean): OutcomeKind {
  if (result.interrupted) {
    return "interrupted";
  }
  const kind = result.stop?.kind;
  if (kind === undefined) {
    return conforms ? "conforms" : "drift";
  }
  return kind === "refused" && !conforms ? "drift" : kind;
}

function sameOutcome(a: ReportLine, b: ReportLine): boolean {
  return (
    a.operation === b.operation &&
    a.request === b.request &&
    a.status === b.status &&
    JSON.stringify(a.violations) === JSON.stringify(b.violations)
  );
}
