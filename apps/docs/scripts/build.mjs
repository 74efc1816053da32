// Builds dist/: type-checks the spec's TypeScript code samples against the real client (a sample that stops
// compiling fails the build), then renders a self-contained Redoc page (no CDN: --inlineBundle, the guides' SVG
// figures inlined, our own page template and favicon) with the bundled spec beside it for download. Every link in
// dist/ is relative, so any static host can publish the folder as is.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const specJson = require.resolve("@zuora-reports/spec/openapi.json");
const specYaml = require.resolve("@zuora-reports/spec/openapi.yaml");
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const tsc = require.resolve("typescript/bin/tsc");
const site = `${root}site`;

/**
 * Runs a Node CLI in this package; on failure throws, naming the step (the tool has printed its own errors).
 * @param {string} step
 * @param {string[]} args
 */
function run(step, args) {
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    throw new Error(`${step} failed (see above).`);
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
    throw new Error("the Redoc page has an unexpected layout; cannot make its links relative.");
  }
  const markup = html.slice(start, end).replace(/href="\/(?!\/)/g, 'href="#/');
  writeFileSync(file, html.slice(0, start) + markup + html.slice(end));
}

/**
 * The guides show their figures as Markdown images of SVG files beside them (`![alt](lifecycle.svg)`), which reads
 * on any Markdown viewer. On the site each becomes an image whose SVG is inline, as a data: URL: it renders offline
 * and from file://, and needs no extra file. (Not an inline <svg> element: Redoc's Markdown renderer lowercases
 * SVG's camelCase attributes such as viewBox.)
 * @param {string} markdown
 */
function inlineFigures(markdown) {
  return markdown.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (image, alt, src) => {
    if (!src.endsWith(".svg")) {
      return image;
    }
    if (!/^[\w.-]+\.svg$/.test(src)) {
      throw new Error(`a guide's figure must be an SVG file beside the guide, not ${src}.`);
    }
    let svg;
    try {
      svg = readFileSync(require.resolve(`@zuora-reports/spec/guides/${src}`));
    } catch {
      throw new Error(`a guide shows ${src}, which is not in spec/guides/.`);
    }
    const width = /<svg[^>]*\swidth="(\d+)"/.exec(svg.toString("utf8"))?.[1];
    if (!width) {
      throw new Error(`${src} needs a width attribute on its <svg> (the width it is drawn for).`);
    }
    const dataUrl = `data:image/svg+xml;base64,${svg.toString("base64")}`;
    return `<img class="guide-figure" src="${dataUrl}" width="${width}" alt="${alt.replaceAll('"', "&quot;")}">`;
  });
}

/** The bundled spec as the site shows it: the guides' figures inlined. */
function siteSpec() {
  const spec = JSON.parse(readFileSync(specJson, "utf8"));
  for (const tag of spec.tags ?? []) {
    if (typeof tag.description === "string") {
      tag.description = inlineFigures(tag.description);
    }
  }
  spec.info.description = inlineFigures(spec.info.description ?? "");
  return spec;
}

const scratch = mkdtempSync(join(tmpdir(), "docs-build-"));
try {
  run("type-checking spec/code_samples/TypeScript", [tsc, "--noEmit", "-p", "tsconfig.samples.json"]);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const input = join(scratch, "openapi.json");
  writeFileSync(input, JSON.stringify(siteSpec()));
  run("redocly build-docs", [
    redocly,
    "build-docs",
    input,
    "--inlineBundle",
    "--template",
    `${site}/page.hbs`,
    "--output",
    `${dist}/index.html`,
    "--title",
    "Zuora Report Runs API",
  ]);
  relativizePrerenderedLinks(`${dist}/index.html`);
  copyFileSync(`${site}/favicon.svg`, `${dist}/favicon.svg`);
  // The download links serve the spec exactly as bundled (figures as Markdown images).
  copyFileSync(specJson, `${dist}/openapi.json`);
  copyFileSync(specYaml, `${dist}/openapi.yaml`);
} catch (error) {
  process.stderr.write(`docs build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
