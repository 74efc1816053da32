// Run a report, wait for it, read its rows, export it: against `pnpm mock` (or any base URL in ZUORA_BASE_URL).
//   pnpm mock                                  # in one terminal (serves http://127.0.0.1:4010)
//   node packages/client/examples/quickstart.mjs
import { createReportingClient, parseTimestamp } from "@zuora-reports/client";

const client = createReportingClient({
  baseUrl: process.env.ZUORA_BASE_URL ?? "http://127.0.0.1:4010",
  // The mock accepts any bearer token; against Zuora use { clientId, clientSecret } and an environment instead.
  auth: { token: process.env.ZUORA_TOKEN ?? "mock-token" },
  trackId: "quickstart",
});

const reportId = "ff808081529f4e3401529fd373730070";
const out = (line) => process.stdout.write(`${line}\n`);

const run = await client.runReportAndWait(reportId, {
  viewType: "Detail",
  intervalMs: 500,
  onStatus: (r) => out(`status: ${r.status}`),
});
out(`run ${run.id} completed (started ${parseTimestamp(run.startedOn).toISOString()})`);

let count = 0;
for await (const row of client.reportRows(run.id, { pageSize: 100 })) {
  count += 1;
  if (count === 1) {
    out(`first row: ${JSON.stringify(row)}`);
  }
}
out(`rows: ${count}`);

const exported = await client.exportReportRun(run.id);
const rows = await exported.rows();
out(`export: ${rows.length} lines (${exported.charset}), header: ${rows[0]?.join(" | ")}`);
