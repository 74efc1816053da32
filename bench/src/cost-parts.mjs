// @ts-check
// Where a wrapping client's extra CPU time goes: the per-call steps a fetch wrapper adds on top of
// openapi-fetch (a second Request, a timeout, re-wrapping the body), each timed on its own in one process.
import { RESPONSE_HEADERS, RUN_ID, reportRunBody, TOKEN } from "./fixtures.mjs";
import { BATCH } from "./overhead.mjs";
import { rotate, spread } from "./stats.mjs";
import { runRound } from "./tinybench-stats.mjs";

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ name: string, meanUs: Spread }} PartRow
 */

const URL_ = `http://zuora.invalid/reporting/api/rest/v1/reportruns/${RUN_ID}`;
const BODY = new TextEncoder().encode(reportRunBody(RUN_ID)).buffer;

/**
 * The steps, in the order a wrapping fetch performs them for one GET.
 * @type {{ name: string, fn: () => unknown }[]}
 */
export const PARTS = [
  {
    name: "new Headers(init) + set the auth header",
    fn: () => new Headers({ Accept: "application/json" }).set("Authorization", `Bearer ${TOKEN}`),
  },
  {
    name: "setTimeout + clearTimeout (per-attempt timeout)",
    fn: () => clearTimeout(setTimeout(noop, 60_000)),
  },
  {
    // A fresh controller each time, as a per-attempt timeout needs: a shared signal would pile up listeners.
    name: "new AbortController + new Request(url, { headers, signal })",
    fn: () =>
      new Request(URL_, {
        method: "GET",
        headers: { Authorization: `Bearer ${TOKEN}` },
        signal: new AbortController().signal,
      }),
  },
  {
    name: "new Response(buffer, init) + read its body (re-wrapping a response)",
    fn: () => new Response(BODY.slice(0), { status: 200, statusText: "OK", headers: RESPONSE_HEADERS }).arrayBuffer(),
  },
];

function noop() {}

/**
 * @param {{ rounds: number, settings: import("./tinybench-stats.mjs").BenchSettings }} options
 * @returns {Promise<PartRow[]>}
 */
export async function benchCostParts({ rounds, settings }) {
  /** @type {Map<string, import("./tinybench-stats.mjs").TaskFigures>[]} */
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const tasks = rotate(PARTS, round).map((p) => ({ name: p.name, fn: p.fn }));
    results.push(await runRound(`cost parts round ${round + 1}`, tasks, settings, { clock: "cpu", batch: BATCH }));
  }
  return PARTS.map((p) => ({ name: p.name, meanUs: spread(results.map((r) => Number(r.get(p.name)?.meanUs))) }));
}
