import { createReportingClient } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: { token: process.env.ZUORA_TOKEN ?? "" },
});

// One page (at most 50) of the reports whose name matches "invoice", latest change first:
const page = await client.searchReports("invoice", {
  orderBy: [{ field: "updated_on", ascend: false }],
});
const more =
  page.nextStart === undefined ? "the last page" : `more from start ${page.nextStart}`;
console.log(`${page.count} reports (${more})`);

// Or every match, page after page; then run the one you want by its id:
for await (const report of client.searchReports("invoice")) {
  if (report.name === "Invoice Detail by Account") {
    const { reportRunId } = await client.runReport(report.id, { viewType: "Detail" });
    console.log(report.id, reportRunId);
  }
}
