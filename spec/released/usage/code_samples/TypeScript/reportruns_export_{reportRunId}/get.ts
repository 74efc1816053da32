import { createReportingClient } from "@zuora-reports/client";

const client = createReportingClient({
  environment: "us-sandbox",
  // ZUORA_BASE_URL wins when set, e.g. http://127.0.0.1:4010 for `pnpm mock`.
  baseUrl: process.env.ZUORA_BASE_URL,
  auth: { token: process.env.ZUORA_TOKEN ?? "" },
});

// Decoded by the response's charset (Zuora sends UTF-16LE), split on tabs or commas.
const exported = await client.exportReportRun("ff808081529f4e3401529fd61f080074");
const [header, ...rows] = await exported.rows();
console.log(header, `${rows.length} rows`);
// Or, instead (one read per export): `await exported.text()` for the decoded text,
// or `exported.body` to stream the bytes.
