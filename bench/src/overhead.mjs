// @ts-check
// Per-call CPU overhead: every contender against the same stubbed fetch (no socket), in one process.
import { makeContenders, PLAIN, verifyContenders } from "./contenders.mjs";
import { BASE_PATH } from "./fixtures.mjs";
import { rotate, spread } from "./stats.mjs";
import { stubFetch } from "./stub-fetch.mjs";
import { runRound } from "./tinybench-stats.mjs";

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ name: string, opsPerSec: Spread, meanUs: Spread, p99Us: Spread, ratioToPlain: Spread }} OverheadRow
 */

/** Calls per tinybench sample; the figures are per call. */
export const BATCH = 10;

/**
 * @param {{ rounds: number, settings: import("./tinybench-stats.mjs").BenchSettings }} options
 * @returns {Promise<OverheadRow[]>}
 */
export async function benchOverhead({ rounds, settings }) {
  const contenders = await makeContenders(`http://zuora.invalid${BASE_PATH}`, stubFetch);
  await verifyContenders(contenders);
  /** @type {Map<string, import("./tinybench-stats.mjs").TaskFigures>[]} */
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const tasks = rotate(contenders, round).map((c) => ({ name: c.name, fn: () => c.call() }));
    results.push(await runRound(`overhead round ${round + 1}`, tasks, settings, { clock: "cpu", batch: BATCH }));
  }
  return contenders.map((c) => {
    const mine = results.map((r) => /** @type {import("./tinybench-stats.mjs").TaskFigures} */ (r.get(c.name)));
    // Ratios are taken within a round, so machine-wide slowdowns between rounds cancel out.
    const ratios = results.map((r, i) => Number(mine[i]?.meanUs) / Number(r.get(PLAIN)?.meanUs));
    return {
      name: c.name,
      opsPerSec: spread(mine.map((f) => f.opsPerSec)),
      meanUs: spread(mine.map((f) => f.meanUs)),
      p99Us: spread(mine.map((f) => f.p99Us)),
      ratioToPlain: spread(ratios),
    };
  });
}
