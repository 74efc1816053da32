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
 * Exact rewrites of Redoc's inlined script, each fixing what no Redoc option reaches (apps/docs/README.md lists them,
 * with the upstream issues). Each must match exactly once: a Redoc upgrade that changes the code fails the build here,
 * naming the rewrite, instead of shipping the old fault silently.
 * @param {string} file
 */
function patchRedoc(file) {
  const wordmark = `data:image/svg+xml;base64,${readFileSync(`${site}/redocly-wordmark.svg`).toString("base64")}`;
  const rewrites = [
    {
      why: "the sidebar's 'API docs by' badge loads Redocly's logo from a CDN (offline: a console error and an empty pill); use a local wordmark",
      from: "src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`",
      to: `src:\`${wordmark}\``,
    },
    {
      why: "the badge's image is the name Redocly, not a description of a logo",
      from: "alt:`redocly logo`",
      to: "alt:`Redocly`",
    },
    {
      why: "the response example switcher is named 'Example' but shows the example's summary (WCAG 2.5.3, label in name)",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Redoc's minified code, matched as text
      from: '"aria-label":`Example`,options:e.map((e,t)=>({key:e,value:String(t),label:r[e]?.summary??`Example ${t+1}`}))',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Redoc's minified code, written as text
      to: '"aria-label":`Example: ${r[e[t]]?.summary??`Example ${t+1}`}`,options:e.map((e,t)=>({key:e,value:String(t),label:r[e]?.summary??`Example ${t+1}`}))',
    },
    {
      why: "the search field's clear button (an icon) has a name (WCAG 4.1.2; axe: button-name, critical)",
      from: "icon:(0,V.jsx)(ETe,{}),tabIndex:-1})",
      to: 'icon:(0,V.jsx)(ETe,{}),tabIndex:-1,"aria-label":`Clear search`})',
    },
    {
      why: "a dropdown menu (the code samples' language, say) opened from the keyboard takes the focus to its first item",
      from: "ee=e=>{(e.key===`Enter`||e.key===` `)&&O(e)}",
      to: "ee=e=>{(e.key===`Enter`||e.key===` `||(e.key===`ArrowDown`&&!v))&&(O(e),v||requestAnimationFrame(()=>_.current?.querySelector(`[role=menuitem]`)?.focus()))}",
    },
    {
      why: "a dropdown menu's items are reached with the arrows, and Escape (or Enter on an item) closes it, the focus back on its button",
      from: "A=(0,V.jsx)(Wie,{ref:_,$placement:c,$alignment:S,$isOpen:v,$portalled:u,style:u?b:void 0,onClick:a?D:void 0,children:ne})",
      to: "A=(0,V.jsx)(Wie,{ref:_,$placement:c,$alignment:S,$isOpen:v,$portalled:u,style:u?b:void 0,onClick:a?D:void 0,onKeyDown:e=>{let t=[...(_.current?.querySelectorAll(`[role=menuitem]`)??[])],n=t.indexOf(document.activeElement),r=()=>{E(),requestAnimationFrame(()=>w.current?.querySelector(`[aria-haspopup]`)?.focus())};e.key===`ArrowDown`||e.key===`ArrowUp`?(e.preventDefault(),t[(n+(e.key===`ArrowDown`?1:t.length-1))%t.length]?.focus()):e.key===`Escape`?r():e.key===`Enter`&&a&&r()},children:ne})",
    },
  ];
  let html = readFileSync(file, "utf8");
  for (const { why, from, to } of rewrites) {
    const count = html.split(from).length - 1;
    if (count !== 1) {
      throw new Error(`Redoc's script changed: found ${count} times, not once, the code to rewrite so that ${why}.`);
    }
    html = html.replace(from, () => to);
  }
  if (html.includes("cdn.redoc.ly")) {
    throw new Error("Redoc's script still refers to cdn.redoc.ly: the page would make a request offline.");
  }
  writeFileSync(file, html);
}

/** Lines that start a Markdown block (a list item, a quote, a table row, a heading, code, HTML) or are blank. */
const BLOCK_START = /^\s*(?:[-+*>|#]|\d+[.)]\s|```|~~~|<|$)|^ {4}/;
/** Lines after which no paragraph text follows on the same block (a list item or a quote can go on: not here). */
const BLOCK_WHOLE = /^\s*(?:[|#]|```|~~~|<|$)|^ {4}/;

/**
 * Redoc's search index reads a description's text without its soft line breaks: "fails\nwith" becomes "failswith"
 * in the search results. The site's copy of the spec therefore has each paragraph's lines joined with a space, which
 * renders the same (a soft break shows as a space). Lines of code blocks, tables, lists' starts, headings, HTML and
 * hard breaks (two trailing spaces or a backslash) are left as they are.
 * @param {string} markdown
 */
function joinSoftBreaks(markdown) {
  const lines = markdown.split("\n");
  /** @type {string[]} */
  const out = [];
  let fenced = false;
  for (const line of lines) {
    /** @type {string | undefined} */
    const previous = out.at(-1);
    const fence = /^\s*(```|~~~)/.test(line);
    const joinable =
      !fenced &&
      !fence &&
      previous !== undefined &&
      !BLOCK_WHOLE.test(previous) &&
      !/( {2}|\\)$/.test(previous) &&
      !BLOCK_START.test(line) &&
      !/^\s*[=-]+\s*$/.test(line);
    if (joinable) {
      out[out.length - 1] = `${previous} ${line.trim()}`;
    } else {
      out.push(line);
    }
    if (fence) {
      fenced = !fenced;
    }
  }
  return out.join("\n");
}

/** Example values, defaults and samples are data, not Markdown: leave them as they are. */
const NOT_MARKDOWN = new Set(["example", "examples", "default", "enum", "const", "x-codeSamples"]);

/**
 * Joins the soft breaks of every description in the spec (in place).
 * @param {unknown} node
 */
function joinDescriptionSoftBreaks(node) {
  if (Array.isArray(node)) {
    node.forEach(joinDescriptionSoftBreaks);
  } else if (node && typeof node === "object") {
    const object = /** @type {Record<string, unknown>} */ (node);
    for (const [key, value] of Object.entries(object)) {
      if (key === "description" && typeof value === "string") {
        object[key] = joinSoftBreaks(value);
      } else if (!NOT_MARKDOWN.has(key)) {
        joinDescriptionSoftBreaks(value);
      }
    }
  }
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
  joinDescriptionSoftBreaks(spec);
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
  patchRedoc(`${dist}/index.html`);
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
