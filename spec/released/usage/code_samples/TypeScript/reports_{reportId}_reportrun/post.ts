import { createReportingClient } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: { token: process.env.ZUORA_TOKEN ?? "" },
});
const reportId = "ff808081529f4e3401529fd373730070";

// Starts the run and returns at once. The idempotency key (a new one for each run you
// mean to start) makes a retry safe: Zuora starts at most one run per key.
const { reportRunId } = await client.runReport(reportId, {
  viewType: "Detail",
  idempotencyKey: "7f1c2a64-8f7e-4d55-9d6e-0f7a9b3c1e20",
});
console.log(reportRunId);

// Or start it and wait until it is COMPLETED (rejects with ReportRunFailedError if it
// ends CANCELLED, INVALID or ERROR):
const run = await client.runReportAndWait(reportId, { viewType: "Detail" });
console.log(run.status);
