import { createReportingClient } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: { token: process.env.ZUORA_TOKEN ?? "" },
});
const runId = "ff808081529f4e3401529fd61f080074";

const page = await client.getReportData(runId, { offset: 1, pageSize: 100 });
console.log(`${page.page.length} of ${page.total} rows`, page.page[0]);

// Or every row, page after page, with one page in memory at a time:
for await (const row of client.reportRows(runId, { pageSize: 100 })) {
  console.log(row);
}
