// Builds dist/: type-checks the spec's TypeScript code samples against the real client (a sample that stops
// compiling fails the build), then renders a self-contained Redoc page (no CDN: --inlineBundle) with the bundled
// spec beside it for download. Every link in dist/ is relative, so any static host can publish the folder as is.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const specJson = require.resolve("@zuora-reports/spec/openapi.json");
const specYaml = require.resolve("@zuora-reports/spec/openapi.yaml");
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const tsc = require.resolve("typescript/bin/tsc");

/**
 * Runs a Node CLI in this package; on failure names the step and exits (the tool has printed its own errors).
 * @param {string} step
 * @param {string[]} args
 */
function run(step, args) {
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    process.stderr.write(`docs build: ${step} failed (see above).\n`);
    process.exit(1);
  }
}

/**
 * Redoc 3 routes by hash in the browser (`#/section/mocking`), but build-docs prerenders its links as root paths
 * (`/section/mocking`): on a static host those 404 when opened in a new tab, and they break under a sub-path or
 * file://. Rewrite them to the hash routes the page itself uses, in the prerendered markup only (not the script).
 * @param {string} file
 */
function relativizePrerenderedLinks(file) {
  const html = readFileSync(file, "utf8");
  const start = html.indexOf('<div id="redoc">');
  const end = html.indexOf('<script type="module">', start);
  if (start < 0 || end < 0) {
    process.stderr.write("docs build: the Redoc page has an unexpected layout; cannot make its links relative.\n");
    process.exit(1);
  }
  const markup = html.slice(start, end).replace(/href="\/(?!\/)/g, 'href="#/');
  writeFileSync(file, html.slice(0, start) + markup + html.slice(end));
}

run("type-checking spec/code_samples/TypeScript", [tsc, "--noEmit", "-p", "tsconfig.samples.json"]);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
run("redocly build-docs", [
  redocly,
  "build-docs",
  specJson,
  "--inlineBundle",
  "--output",
  `${dist}/index.html`,
  "--title",
  "Zuora Report Runs API",
]);
relativizePrerenderedLinks(`${dist}/index.html`);
copyFileSync(specJson, `${dist}/openapi.json`);
copyFileSync(specYaml, `${dist}/openapi.yaml`);
