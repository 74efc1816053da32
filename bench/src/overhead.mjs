// @ts-check
// Per-call CPU overhead: every contender against the same stubbed fetch (no socket), in one process.
import createClient from "openapi-fetch";
import { makeContenders, PLAIN, verifyContenders } from "./contenders.mjs";
import { BASE_PATH, RUN_ID, TOKEN } from "./fixtures.mjs";
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
  const baseUrl = `http://zuora.invalid${BASE_PATH}`;
  const contenders = [...(await makeContenders(baseUrl, stubFetch)), await wrappedOpenapiFetch(baseUrl)];
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

export const WRAPPED = "diagnostic: openapi-fetch + 2nd Request + re-wrapped Response";

/**
 * Bare openapi-fetch whose `fetch` does only the two costly things a timeout-and-retry transport does per call:
 * build a second `Request` carrying a fresh `AbortController` signal (plus the timer), and buffer the body into a
 * new `Response`. Its distance from bare openapi-fetch is what those two steps cost in place, GC included.
 * @param {string} baseUrl
 * @returns {Promise<import("./contenders.mjs").Contender>}
 */
async function wrappedOpenapiFetch(baseUrl) {
  /** @param {Request} request */
  const wrappingFetch = async (request) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const response = await stubFetch(
        new Request(request.url, { method: request.method, headers: request.headers, signal: controller.signal }),
      );
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      clearTimeout(timer);
    }
  };
  /** @type {import("openapi-fetch").Client<import("@zuora-reports/types").paths>} */
  const client = createClient({ baseUrl, fetch: wrappingFetch, headers: { Authorization: `Bearer ${TOKEN}` } });
  return {
    name: WRAPPED,
    async call(id) {
      const { data, error } = await client.GET("/reportruns/{reportRunId}", {
        params: { path: { reportRunId: id ?? RUN_ID } },
      });
      if (error !== undefined || !data) {
        throw new Error("diagnostic contender: unexpected error");
      }
      return data.response;
    },
  };
}
