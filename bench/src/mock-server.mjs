// @ts-check
// One mock for the throughput benchmark, in a process of its own so its work does not share the load
// generator's event loop: `node src/mock-server.mjs simulation|static`. Prints `{"url":…,"runId":…}` once it
// answers, and stops on SIGTERM or when stdin closes.
import { startMock } from "@zuora-reports/mock";
import { REPORT_ID, RUN_ID } from "./fixtures.mjs";

const mode = process.argv[2] === "static" ? "static" : "simulation";
// The rate limit is raised out of the way (the counting still runs): a benchmark sends more than 50 000 a minute.
const mock = await startMock({ mode, rateLimit: { limit: 1_000_000_000 } });

/** The run to read: a run the simulation started (finished after its 3 s), or the example's run for Prism. */
async function runToRead() {
  if (mode === "static") {
    return RUN_ID;
  }
  const response = await fetch(`${mock.url}/reports/${REPORT_ID}/reportrun?viewType=Detail`, {
    method: "POST",
    headers: { Authorization: "Bearer bench-token" },
  });
  const body = /** @type {{ response: { reportRunId: string } }} */ (await response.json());
  return body.response.reportRunId;
}

process.stdout.write(`${JSON.stringify({ url: mock.url, runId: await runToRead() })}\n`);
const stop = () => mock.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.stdin.on("end", stop).resume();
