// @ts-check
// End to end over loopback: each contender against the same minimal node:http server, one call at a time and
// ten at once.
import { CLIENT, makeContenders, PLAIN, verifyContenders } from "./contenders.mjs";
import { startHttpServer } from "./server-process.mjs";
import { rotate, spread } from "./stats.mjs";
import { cpuNow, runRound } from "./tinybench-stats.mjs";

export const CONCURRENCY = 10;

/** Batches per contender and round for the CPU-per-call probe. */
const CPU_PROBE_BATCHES = 50;

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ name: string, callsPerSec: Spread, meanUs: Spread, p50Us: Spread, p99Us: Spread, cpuUs: Spread,
 *   ratioToPlain: Spread }} E2eRow
 * @typedef {{ sequential: E2eRow[], concurrent: E2eRow[], clientVsPlain: { sequential: Spread, concurrent: Spread } }} E2eResult
 */

/**
 * @param {{ rounds: number, settings: import("./tinybench-stats.mjs").BenchSettings }} options
 * @returns {Promise<E2eResult>}
 */
export async function benchEndToEnd({ rounds, settings }) {
  const server = await startHttpServer();
  try {
    const contenders = await makeContenders(server.baseUrl, (input, init) => fetch(input, init));
    await verifyContenders(contenders);
    const sequential = await measure("sequential", contenders, rounds, settings, 1);
    const concurrent = await measure(`${CONCURRENCY}-concurrent`, contenders, rounds, settings, CONCURRENCY);
    const clientRatio = (/** @type {E2eRow[]} */ rows) =>
      /** @type {E2eRow} */ (rows.find((r) => r.name === CLIENT)).ratioToPlain;
    return {
      sequential,
      concurrent,
      clientVsPlain: { sequential: clientRatio(sequential), concurrent: clientRatio(concurrent) },
    };
  } finally {
    await server.stop();
  }
}

/**
 * One sample = `width` calls started together and all awaited; latency is per batch, throughput per call.
 * @param {string} label
 * @param {import("./contenders.mjs").Contender[]} contenders
 * @param {number} rounds
 * @param {import("./tinybench-stats.mjs").BenchSettings} settings
 * @param {number} width
 * @returns {Promise<E2eRow[]>}
 */
async function measure(label, contenders, rounds, settings, width) {
  const batch = (/** @type {import("./contenders.mjs").Contender} */ c) =>
    width === 1 ? c.call() : Promise.all(Array.from({ length: width }, () => c.call()));
  /** @type {Map<string, import("./tinybench-stats.mjs").TaskFigures>[]} */
  const results = [];
  /** @type {Map<string, number>[]} */
  const cpu = [];
  for (let round = 0; round < rounds; round++) {
    const order = rotate(contenders, round);
    results.push(
      await runRound(
        `e2e ${label} round ${round + 1}`,
        order.map((c) => ({ name: c.name, fn: () => batch(c) })),
        settings,
      ),
    );
    // This process's CPU per call over the same socket: the server runs in another process, so this is the
    // contender's own work, comparable with the stubbed-fetch overhead.
    const perCall = new Map();
    for (const c of order) {
      const before = cpuNow();
      for (let i = 0; i < CPU_PROBE_BATCHES; i++) {
        await batch(c);
      }
      perCall.set(c.name, ((cpuNow() - before) * 1000) / (CPU_PROBE_BATCHES * width));
    }
    cpu.push(perCall);
  }
  return contenders.map((c) => {
    const mine = results.map((r) => /** @type {import("./tinybench-stats.mjs").TaskFigures} */ (r.get(c.name)));
    // Median latency, not mean: on a shared machine a few samples are stretched by the scheduler taking the
    // CPU away for milliseconds, which drags a mean around but not a median.
    const ratios = results.map((r, i) => Number(mine[i]?.p50Us) / Number(r.get(PLAIN)?.p50Us));
    return {
      name: c.name,
      callsPerSec: spread(mine.map((f) => f.opsPerSec * width)),
      meanUs: spread(mine.map((f) => f.meanUs)),
      p50Us: spread(mine.map((f) => f.p50Us)),
      p99Us: spread(mine.map((f) => f.p99Us)),
      cpuUs: spread(cpu.map((m) => Number(m.get(c.name)))),
      ratioToPlain: spread(ratios),
    };
  });
}
