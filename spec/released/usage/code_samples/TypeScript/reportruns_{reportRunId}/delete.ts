import { createReportingClient } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: { token: process.env.ZUORA_TOKEN ?? "" },
});

const message = await client.cancelReportRun("ff808081529f4e3401529fd61f080074");
console.log(message); // "The report run has been canceled"
