// One verification: a recording client, the walk, the report and its outcome.
import {
  createReportingClient,
  environments,
  InvalidArgumentError,
  type ReportingClient,
  type ReportingClientOptions,
  redactSecrets,
} from "@zuora-reports/client";
import { type Conformance, createConformance } from "@zuora-reports/conformance";
import { createRecorder, type RecordedExchange } from "./recorder.js";
import { buildReport, type OutcomeKind, outcomeKind, type VerifyReport } from "./report.js";
import { type WalkOptions, type WalkResult, walk } from "./walk.js";

/** What {@link verify} walks, and how. */
export interface VerifyOptions extends Omit<WalkOptions, "last" | "pageSize" | "pages"> {
  /**
   * The client's options (base URL or environment, credentials, retries, timeouts…); its `fetch` is wrapped to
   * record every exchange.
   */
  client: ReportingClientOptions;
  /** With `reportId`: use its last completed run; start nothing (default false). */
  last?: boolean;
  /** Rows per data page (default 100). */
  pageSize?: number;
  /** How many data pages to read from offset 1 (default 2). */
  pages?: number;
  /** Makes the client (default `createReportingClient`). */
  createClient?: (options: ReportingClientOptions) => ReportingClient;
  /** The checker (default: a new one on the bundled spec). */
  conformance?: Conformance;
}

/** How a verification ended, with everything it saw. */
export interface VerifyOutcome {
  kind: OutcomeKind;
  report: VerifyReport;
  /** Every exchange recorded, in order (those sent to a wrong base URL included: see `walk.misdirected`). */
  exchanges: readonly RecordedExchange[];
  /** The walk itself: the run followed, the pages and exports read, where it stopped. */
  walk: WalkResult;
}

/** The base URL `options` point at: `baseUrl`, else the environment preset's. */
export function baseUrlOf(options: ReportingClientOptions): string {
  const url = options.baseUrl ?? environments.find((preset) => preset.environment === options.environment)?.url;
  if (url === undefined) {
    throw new InvalidArgumentError("verify needs the client's baseUrl or a known environment.");
  }
  return url;
}

/** The credentials in `options.auth`: what the report must never quote, whatever a server echoed. */
function secretsOf({ auth }: ReportingClientOptions): string[] {
  const values = [
    "clientSecret" in auth ? auth.clientSecret : undefined,
    "token" in auth && typeof auth.token === "string" ? auth.token : undefined,
    "password" in auth ? auth.password : undefined,
  ];
  return values.filter((value): value is string => value !== undefined);
}

/** `report` with every credential hidden in the texts that quote a server (the stop reason, what each violation saw). */
function redacted(report: VerifyReport, secrets: readonly string[]): VerifyReport {
  const hide = (text: string) => redactSecrets(text, secrets);
  return {
    ...report,
    ...(report.stopped === undefined ? {} : { stopped: hide(report.stopped) }),
    exchanges: report.exchanges.map((line) => ({
      ...line,
      violations: line.violations.map((violation) => ({ ...violation, seen: hide(violation.seen) })),
    })),
  };
}

/**
 * Walks the report-run family read-only (it starts at most the one run `reportId` asks for), checks every answer
 * against the bundled spec, and measures what the spec leaves open. Resolves with the outcome whatever the server
 * answers; rejects only on a bad option. `signal` ends it at once with the `interrupted` outcome.
 */
export async function verify(options: VerifyOptions): Promise<VerifyOutcome> {
  if ((options.reportId === undefined) === (options.runId === undefined)) {
    throw new InvalidArgumentError("verify needs reportId or runId (one of them).");
  }
  const conformance = options.conformance ?? createConformance();
  const { client, createClient = createReportingClient } = options;
  const recorder = createRecorder(client.fetch, options.signal);
  const baseUrl = baseUrlOf(client);
  const result = await walk(
    { baseUrl, recorder, connect: (url) => createClient({ ...client, baseUrl: url, fetch: recorder.fetch }).raw },
    { ...options, last: options.last === true, pageSize: options.pageSize ?? 100, pages: options.pages ?? 2 },
  );
  const report = redacted(buildReport(result, recorder.exchanges, conformance), secretsOf(client));
  return { kind: outcomeKind(result, report.conforms), report, exchanges: recorder.exchanges, walk: result };
}
