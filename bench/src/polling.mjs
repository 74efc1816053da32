// @ts-check
// Polling efficiency: a local server whose run turns COMPLETED at a known instant; how late does
// waitForReportRun (client defaults) return after that instant, and how many requests did it make?
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { importClient } from "./contenders.mjs";
import { BASE_PATH, RESPONSE_HEADERS, reportRunBody, TOKEN } from "./fixtures.mjs";
import { spread } from "./stats.mjs";

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ completesAfterMs: number, repeats: number, latenessMs: Spread, requests: Spread }} PollingRow
 */

const PREFIX = `${BASE_PATH}/reportruns/`;

/** Runs that exist on the polling server: when each completes, and how often it was asked. */
class RunSchedule {
  /** @type {Map<string, { completeAt: number, requests: number }>} */
  runs = new Map();

  /** @param {string} id @param {number} completeAt performance.now() instant */
  add(id, completeAt) {
    this.runs.set(id, { completeAt, requests: 0 });
  }

  /** The status a GET sees now, counting the request; undefined for an unknown run. @param {string} id */
  poll(id) {
    const run = this.runs.get(id);
    if (!run) {
      return undefined;
    }
    run.requests++;
    const left = run.completeAt - performance.now();
    if (left <= 0) {
      return "COMPLETED";
    }
    return left > 1000 ? "QUERYDATA" : "PROCESSINGDATA";
  }
}

/** @param {RunSchedule} schedule */
async function startPollingServer(schedule) {
  const server = createServer((req, res) => {
    const id = decodeURIComponent((req.url ?? "").slice(PREFIX.length));
    const status = req.method === "GET" && req.url?.startsWith(PREFIX) ? schedule.poll(id) : undefined;
    if (!status) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not found"}');
      return;
    }
    res.writeHead(200, RESPONSE_HEADERS).end(reportRunBody(id, status));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    stop: () => new Promise((resolve) => server.close(() => resolve(undefined)).closeAllConnections()),
  };
}

/**
 * Every case and repeat runs at the same time (each on its own run id): the waits are idle time, so
 * overlapping them keeps the wall time down without affecting one another.
 * @param {{ casesMs: number[], repeats: number }} options
 * @returns {Promise<PollingRow[]>}
 */
export async function benchPolling({ casesMs, repeats }) {
  const { createReportingClient } = await importClient();
  const schedule = new RunSchedule();
  const server = await startPollingServer(schedule);
  try {
    const client = createReportingClient({ baseUrl: server.baseUrl, auth: { token: TOKEN } });
    const jobs = casesMs.flatMap((ms) =>
      Array.from({ length: repeats }, async (_, i) => {
        const id = `poll-${ms}-${i}`;
        const completeAt = performance.now() + ms;
        schedule.add(id, completeAt);
        const run = await client.waitForReportRun(id);
        const lateness = performance.now() - completeAt;
        if (run.status !== "COMPLETED") {
          throw new Error(`waitForReportRun(${id}) returned status ${run.status}`);
        }
        return { ms, lateness, requests: schedule.runs.get(id)?.requests ?? 0 };
      }),
    );
    const outcomes = await Promise.all(jobs);
    return casesMs.map((ms) => {
      const mine = outcomes.filter((o) => o.ms === ms);
      return {
        completesAfterMs: ms,
        repeats,
        latenessMs: spread(mine.map((o) => o.lateness)),
        requests: spread(mine.map((o) => o.requests)),
      };
    });
  } finally {
    await server.stop();
  }
}
