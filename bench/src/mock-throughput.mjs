// @ts-check
// Throughput of the mock: GET /reportruns/{id} against the simulation (`pnpm mock`'s default) and against static
// Prism (`MOCK_MODE=static`), each in its own process, loaded by turns from this one with the same keep-alive
// connections. Requests per second and latency percentiles per round; the ratio is taken within a round.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { startServerProcess } from "./server-process.mjs";
import { rotate, spread } from "./stats.mjs";

export const MOCK_CONCURRENCY = 10;
export const SIMULATION = "simulation";
export const STATIC_PRISM = "static Prism";

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ name: string, requestsPerSec: Spread, p50Ms: Spread, p99Ms: Spread }} MockRow
 * @typedef {{ rows: MockRow[], simulationVsStatic: Spread }} MockResult
 */

/** @param {"simulation" | "static"} mode */
async function startServer(mode) {
  const { info, stop } = await startServerProcess(new URL("./mock-server.mjs", import.meta.url), [mode]);
  return { url: String(info.url), runId: String(info.runId), stop };
}

/**
 * Keeps `concurrency` requests in flight for `durationMs`; returns each request's latency in ms.
 * @param {string} url
 * @param {Agent} agent
 * @param {number} durationMs
 * @param {number} concurrency
 */
async function load(url, agent, durationMs, concurrency) {
  /** @type {number[]} */
  const latencies = [];
  const deadline = performance.now() + durationMs;
  const one = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      request(url, { agent, headers: { Authorization: "Bearer bench-token" } }, (response) => {
        response.resume();
        response.on("end", () => {
          if (response.statusCode !== 200) {
            reject(new Error(`${url} answered ${response.statusCode}`));
            return;
          }
          latencies.push(performance.now() - started);
          resolve(undefined);
        });
      })
        .on("error", reject)
        .end();
    });
  const worker = async () => {
    while (performance.now() < deadline) {
      await one();
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, elapsedMs: performance.now() - began };
}

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * @param {{ rounds: number, durationMs: number, warmupMs: number }} options
 * @returns {Promise<MockResult>}
 */
export async function benchMockThroughput({ rounds, durationMs, warmupMs }) {
  const servers = await Promise.all([startServer("simulation"), startServer("static")]);
  try {
    const contenders = [
      { name: SIMULATION, server: servers[0] },
      { name: STATIC_PRISM, server: servers[1] },
    ].map(({ name, server }) => ({
      name,
      url: `${server.url}/reportruns/${server.runId}`,
      agent: new Agent({ keepAlive: true, maxSockets: MOCK_CONCURRENCY }),
    }));
    for (const c of contenders) {
      await load(c.url, c.agent, warmupMs, MOCK_CONCURRENCY);
    }
    /** @type {Map<string, { rps: number[], p50: number[], p99: number[] }>} */
    const figures = new Map(contenders.map((c) => [c.name, { rps: [], p50: [], p99: [] }]));
    for (let round = 0; round < rounds; round++) {
      for (const c of rotate(contenders, round)) {
        const { latencies, elapsedMs } = await load(c.url, c.agent, durationMs, MOCK_CONCURRENCY);
        const sorted = latencies.sort((a, b) => a - b);
        const f = /** @type {{ rps: number[], p50: number[], p99: number[] }} */ (figures.get(c.name));
        f.rps.push((latencies.length * 1000) / elapsedMs);
        f.p50.push(quantile(sorted, 0.5));
        f.p99.push(quantile(sorted, 0.99));
      }
    }
    for (const c of contenders) {
      c.agent.destroy();
    }
    const sim = /** @type {{ rps: number[] }} */ (figures.get(SIMULATION));
    const prism = /** @type {{ rps: number[] }} */ (figures.get(STATIC_PRISM));
    return {
      rows: [...figures].map(([name, f]) => ({
        name,
        requestsPerSec: spread(f.rps),
        p50Ms: spread(f.p50),
        p99Ms: spread(f.p99),
      })),
      simulationVsStatic: spread(sim.rps.map((rps, i) => rps / Number(prism.rps[i]))),
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
