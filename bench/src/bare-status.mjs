// @ts-check
// The baseline of the CLI start-up benchmark: the least a Node script can do to show a report run. One GET with a
// bearer token, the JSON parsed, the run printed. Usage: node bare-status.mjs <baseUrl> <runId> (token in ZUORA_TOKEN).
const [baseUrl, runId] = process.argv.slice(2);
const response = await fetch(`${baseUrl}/reportruns/${encodeURIComponent(String(runId))}`, {
  headers: { Authorization: `Bearer ${process.env.ZUORA_TOKEN}`, Accept: "application/json" },
});
if (!response.ok) {
  process.stderr.write(`HTTP ${response.status}\n`);
  process.exit(1);
}
const { response: run } = await response.json();
process.stdout.write(`Report run  ${run.id}\nStatus      ${run.status}\n`);
