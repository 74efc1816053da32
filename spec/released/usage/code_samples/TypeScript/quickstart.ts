import { createReportingClient, ReportRunFailedError } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox", // a preset (see `environments`)…
  baseUrl: process.env.ZUORA_BASE_URL, // …or any URL, which wins
  // OAuth client credentials: the client fetches, caches and renews the token itself.
  auth: {
    clientId: process.env.ZUORA_CLIENT_ID ?? "",
    clientSecret: process.env.ZUORA_CLIENT_SECRET ?? "",
  },
});
const reportId = "ff808081529f4e3401529fd373730070";

try {
  // Run → poll until COMPLETED (every status change is reported) → read the rows.
  const run = await client.runReportAndWait(reportId, {
    viewType: "Detail",
    maxWaitMs: 10 * 60_000,
    onStatus: (current) => console.log(current.status),
  });

  // Every row, page after page, with one page in memory at a time…
  for await (const row of client.reportRows(run.id, { pageSize: 1000 })) {
    console.log(row);
  }

  // …or the whole result as one file, decoded (Zuora sends UTF-16LE) into rows.
  const exported = await client.exportReportRun(run.id);
  const [header, ...rows] = await exported.rows();
  console.log(header, `${rows.length} rows`);
} catch (error) {
  if (error instanceof ReportRunFailedError) {
    console.error(`The run ended ${error.runStatus}`); // CANCELLED, INVALID or ERROR
  } else {
    throw error;
  }
}
