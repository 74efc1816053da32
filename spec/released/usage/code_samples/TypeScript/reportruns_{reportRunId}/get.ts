import { createReportingClient, parseTimestamp } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: { token: process.env.ZUORA_TOKEN ?? "" },
});
const runId = "ff808081529f4e3401529fd61f080074";

// Timestamps come as epoch milliseconds or ISO strings: parseTimestamp reads both.
const run = await client.getReportRun(runId);
console.log(run.status, parseTimestamp(run.updatedOn).toISOString());

// Or poll until the run is COMPLETED (rejects with ReportRunFailedError if it ends
// CANCELLED, INVALID or ERROR):
const completed = await client.waitForReportRun(runId, {
  maxWaitMs: 10 * 60_000,
  onStatus: (current) => console.log(current.status),
});
console.log(completed.id);
