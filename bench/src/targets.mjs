// @ts-check
// The targets, judged from one run's figures. Timing targets are ratios within a run, never absolute.
import { CLIENT, OPENAPI_FETCH } from "./contenders.mjs";
import { CLI_EXPORT } from "./export-memory.mjs";
import { spread } from "./stats.mjs";

/**
 * @typedef {import("./stats.mjs").Spread} Spread
 * @typedef {{ name: string, limit: string, measured: Spread | number, unit: "ratio" | "bytes" | "MiB", met: boolean }} Target
 */

export const OVERHEAD_LIMIT = 1.5;
export const E2E_LIMIT = 1.05;
/** The mock simulation must serve at least this share of static Prism's requests per second. */
export const MOCK_THROUGHPUT_FLOOR = 0.8;
/** `zuora-reports status` may take at most this multiple of a bare fetch script's wall time. */
export const STARTUP_LIMIT = 1.3;
/** Peak RSS of `zuora-reports export --output` of a 100 MB UTF-16LE export (`node -e 0` is about 40 MiB). */
export const EXPORT_RSS_LIMIT_MIB = 96;

/**
 * Our client's mean overhead over bare openapi-fetch's, per round (both ratios come from the same round).
 * @param {import("./overhead.mjs").OverheadRow[]} rows
 * @returns {Spread}
 */
export function clientVsOpenapiFetch(rows) {
  const client = rows.find((r) => r.name === CLIENT);
  const bare = rows.find((r) => r.name === OPENAPI_FETCH);
  if (!client || !bare) {
    throw new Error("overhead results lack the client or openapi-fetch");
  }
  return spread(client.ratioToPlain.values.map((v, i) => v / Number(bare.ratioToPlain.values[i])));
}

/**
 * Judges each target on its median; the min–max is shown beside it.
 * @param {{ overhead?: import("./overhead.mjs").OverheadRow[], e2e?: import("./end-to-end.mjs").E2eResult,
 *   sizes?: import("./bundle-size.mjs").SizeRow[], mock?: import("./mock-throughput.mjs").MockResult,
 *   node24?: import("./node24.mjs").Node24Result, startup?: import("./cli-startup.mjs").StartupResult,
 *   exportMemory?: import("./export-memory.mjs").ExportMemoryResult, machine?: Record<string, string | number> }} results
 * @returns {Target[]}
 */
export function judgeTargets({ overhead, e2e, sizes, mock, node24, startup, exportMemory, machine }) {
  /** @type {Target[]} */
  const targets = [];
  for (const [node, rows] of /** @type {const} */ ([
    [machine?.node ?? process.version, overhead],
    [node24?.node ?? "24", node24?.overhead],
  ])) {
    if (rows) {
      const ratio = clientVsOpenapiFetch(rows);
      targets.push({
        name: `CPU overhead per call, client ÷ bare openapi-fetch, Node ${String(node).replace(/^v/, "")}`,
        limit: `≤ ${OVERHEAD_LIMIT}×`,
        measured: ratio,
        unit: "ratio",
        met: ratio.median <= OVERHEAD_LIMIT,
      });
    }
  }
  if (startup) {
    targets.push({
      name: "CLI start-up, `zuora-reports status` ÷ a bare fetch script (wall time)",
      limit: `≤ ${STARTUP_LIMIT}×`,
      measured: startup.cliVsBare,
      unit: "ratio",
      met: startup.cliVsBare.median <= STARTUP_LIMIT,
    });
  }
  const cliExport = exportMemory?.rows.find((row) => row.name === CLI_EXPORT);
  if (exportMemory && cliExport) {
    targets.push({
      name: `Export of ${exportMemory.megabytes} MB UTF-16LE to a file, peak RSS of the CLI`,
      limit: `≤ ${EXPORT_RSS_LIMIT_MIB} MiB`,
      measured: cliExport.maxRssMiB,
      unit: "MiB",
      met: cliExport.maxRssMiB.median <= EXPORT_RSS_LIMIT_MIB,
    });
  }
  if (e2e) {
    for (const [label, ratio] of /** @type {const} */ ([
      ["sequential", e2e.clientVsPlain.sequential],
      ["10-concurrent", e2e.clientVsPlain.concurrent],
    ])) {
      targets.push({
        name: `End to end ${label}, client ÷ plain fetch (median latency)`,
        limit: `≤ ${E2E_LIMIT}×`,
        measured: ratio,
        unit: "ratio",
        met: ratio.median <= E2E_LIMIT,
      });
    }
  }
  if (mock) {
    targets.push({
      name: "Mock throughput, simulation ÷ static Prism (requests/s)",
      limit: `≥ ${MOCK_THROUGHPUT_FLOOR}×`,
      measured: mock.simulationVsStatic,
      unit: "ratio",
      met: mock.simulationVsStatic.median >= MOCK_THROUGHPUT_FLOOR,
    });
  }
  for (const row of sizes ?? []) {
    if (row.budgetBytes !== undefined) {
      targets.push({
        name: `Bundle size of ${row.name}, min+gzip`,
        limit: `≤ ${(row.budgetBytes / 1024).toFixed(1)} kB`,
        measured: row.gzipBytes,
        unit: "bytes",
        met: row.gzipBytes <= row.budgetBytes,
      });
    }
  }
  return targets;
}
