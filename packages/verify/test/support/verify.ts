// The library against a server, over real HTTP with the real client; closes what a test started.
import { afterEach } from "vitest";
import { type VerifyOptions, type VerifyOutcome, type VerifyReport, verify } from "../../src/index.js";
import { startDriftingUpstream, type Upstream, type UpstreamOptions } from "./drifting-upstream.js";

export const CLIENT_ID = "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11";
export const CLIENT_SECRET = "client-secret-3b9f0e7d";
export const OAUTH = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
/** Where the drifting upstream answers. */
export const UPSTREAM_BASE = "/reporting/api/rest/v1";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** Runs `cleanup` after the test. */
export function later(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

export async function upstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const server = await startDriftingUpstream(options);
  later(() => server.close());
  return server;
}

type Target = Pick<
  VerifyOptions,
  "reportId" | "runId" | "last" | "view" | "signal" | "onStarted" | "onStatus" | "maxWaitMs"
>;

/** `verify` at `baseUrl` with OAuth credentials, polling fast: outcomes follow the server's statuses, not the clock. */
export function verifyAt(baseUrl: string, target: Target, auth: VerifyOptions["client"]["auth"] = OAUTH) {
  return verify({ client: { baseUrl, auth }, intervalMs: 10, ...target });
}

export const violationsOf = (report: VerifyReport, operation: string) =>
  report.exchanges.filter((line) => line.operation === operation).flatMap((line) => line.violations);
export const finding = (report: VerifyReport, topic: string) => report.findings.find((f) => f.topic === topic);

/** What a replay must reproduce: every line but its count (polls fold), and every finding. */
export function replayed({ kind, report }: VerifyOutcome) {
  return {
    kind,
    conforms: report.conforms,
    complete: report.complete,
    lines: report.exchanges.map(({ count: _count, ...line }) => line),
    findings: report.findings,
    statuses: report.run?.statuses,
  };
}
