// @ts-check
// Bundle size: esbuild bundles and minifies a tiny entry per library for the browser (tree-shaken), then
// gzip level 9 via node:zlib. Each entry does the same job: create a client and fetch one report run.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The client's size target (issue: the whole client, openapi-fetch included, ≤ 8 kB min+gzip). Reported, not
 * enforced: CI's gate is the client's size-limit budget (`pnpm --filter @zuora-reports/client run size`). */
export const CLIENT_BUDGET_BYTES = 8 * 1024;

/** @typedef {{ name: string, minBytes: number, gzipBytes: number, lazyGzipBytes: number, budgetBytes?: number }} SizeRow */

const ENTRIES = [
  {
    name: "@zuora-reports/client",
    budgetBytes: CLIENT_BUDGET_BYTES,
    // What a real user imports: create the client, read a run, wait for one.
    source: `import { createReportingClient } from "@zuora-reports/client";
const client = createReportingClient({ baseUrl: "https://rest.zuora.com/reporting/api/rest/v1", auth: { token: "t" } });
export const get = (id) => client.getReportRun(id);
export const wait = (id) => client.waitForReportRun(id);`,
  },
  {
    name: "openapi-fetch (bare)",
    source: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://rest.zuora.com/reporting/api/rest/v1", headers: { Authorization: "Bearer t" } });
export const get = (id) => client.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: id } } });`,
  },
  {
    name: "axios",
    source: `import axios from "axios";
const client = axios.create({ baseURL: "https://rest.zuora.com/reporting/api/rest/v1", headers: { Authorization: "Bearer t" } });
export const get = (id) => client.get("/reportruns/" + id);`,
  },
];

/**
 * Bundle sizes of every entry. Code splitting is on, so a library's lazily imported parts (the client loads
 * papaparse only when `rows()` is called) land in separate chunks: `gzipBytes` is what the page loads up
 * front, `lazyGzipBytes` what it may load later.
 * @returns {Promise<SizeRow[]>}
 */
export async function measureBundleSizes() {
  const resolveDir = fileURLToPath(new URL(".", import.meta.url));
  /** @type {SizeRow[]} */
  const rows = [];
  for (const entry of ENTRIES) {
    const result = await build({
      entryPoints: ["bench-entry"],
      plugins: [virtualEntry(entry.source, resolveDir)],
      bundle: true,
      splitting: true,
      outdir: "out",
      minify: true,
      treeShaking: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const upFront = staticClosure(result.metafile, "bench:bench-entry");
    let minBytes = 0;
    let gzipBytes = 0;
    let lazyGzipBytes = 0;
    for (const file of result.outputFiles) {
      const gz = gzipSync(file.contents, { level: 9 }).byteLength;
      if (upFront.has(relative(process.cwd(), file.path))) {
        minBytes += file.contents.byteLength;
        gzipBytes += gz;
      } else {
        lazyGzipBytes += gz;
      }
    }
    rows.push({
      name: entry.name,
      minBytes,
      gzipBytes,
      lazyGzipBytes,
      ...(entry.budgetBytes === undefined ? {} : { budgetBytes: entry.budgetBytes }),
    });
  }
  return rows;
}

/**
 * The output chunks loaded up front: the entry's chunk and every chunk reachable from it by static imports
 * (dynamic-import chunks are entry points of their own in esbuild's metafile, and load lazily).
 * @param {import("esbuild").Metafile} metafile
 * @param {string} entryPoint
 * @returns {Set<string>}
 */
function staticClosure(metafile, entryPoint) {
  const start = Object.keys(metafile.outputs).find((k) => metafile.outputs[k]?.entryPoint === entryPoint);
  const seen = new Set(start ? [start] : []);
  const queue = [...seen];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const i of metafile.outputs[next]?.imports ?? []) {
      if (i.kind === "import-statement" && !seen.has(i.path)) {
        seen.add(i.path);
        queue.push(i.path);
      }
    }
  }
  return seen;
}

/**
 * Serves the entry's source as the module `bench-entry`, resolving its imports from bench/src.
 * @param {string} contents
 * @param {string} resolveDir
 * @returns {import("esbuild").Plugin}
 */
function virtualEntry(contents, resolveDir) {
  return {
    name: "bench-entry",
    setup(b) {
      b.onResolve({ filter: /^bench-entry$/ }, () => ({ path: "bench-entry", namespace: "bench" }));
      b.onLoad({ filter: /.*/, namespace: "bench" }, () => ({ contents, resolveDir, loader: "js" }));
    },
  };
}
