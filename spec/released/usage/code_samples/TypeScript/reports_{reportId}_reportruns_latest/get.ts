import { createReportingClient } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: { token: process.env.ZUORA_TOKEN ?? "" },
});

// The latest COMPLETED run of this report by the current user, within the last 60 days.
const run = await client.getLastCompletedReportRun("ff808081529f4e3401529fd373730070");
console.log(run.id, run.status);
