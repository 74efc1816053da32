// The built site in a real browser: served from a local static server, every operation of the spec renders with
// its summary, Get Report Run shows the status enum and Zuora's seed example, links stay relative, and the page
// neither leaves 127.0.0.1 (but for the requests listed below, which fail harmlessly) nor logs a console error.
import { mkdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StaticServer, startStaticServer } from "../scripts/static-server.mjs";
import { type Browser, launchChromium } from "./support/browser.js";
import { DIST, guides, operationAnswering, operations, readSpec } from "./support/spec.js";

/**
 * The only requests the page may send beyond 127.0.0.1. The test aborts them (as an offline reader's browser
 * would fail them); Redoc then hides the image.
 */
const ALLOWED_EXTERNAL_REQUESTS = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg", // Redoc's "API docs by Redocly" badge, sidebar footer
  "https://cdn.redoc.ly/redoc/logo-mini.svg", // the same badge when the sidebar is collapsed
];

const RESULTS = fileURLToPath(new URL("../test-results/", import.meta.url));
const spec = readSpec();
const ops = operations(spec);
// Redoc's page title: the spec's title and version.
const title = `${spec.info.title} (${spec.info.version})`;

interface ConsoleError {
  text: string;
  url: string;
}

let server: StaticServer;
let browser: Browser;
let page: Page;
const externalRequests: string[] = [];
const consoleErrors: ConsoleError[] = [];
const pageErrors: string[] = [];

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return hostname === "127.0.0.1" || protocol === "file:" || protocol === "data:" || protocol === "blob:";
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startStaticServer({ root: DIST });
  browser = await launchChromium();
  // Nothing may leave the machine: record and abort every request to another host.
  await browser.context.route(
    (url) => !isLocal(url.href),
    async (route) => {
      externalRequests.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") {
      consoleErrors.push({ text: message.text(), url: message.location().url });
    }
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await heading(page, title).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A heading whose text is exactly `text` (its accessible name also holds Redoc's "link to …" anchor). */
function heading(on: Page, text: string) {
  return on
    .locator("h1, h2, h3")
    .filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) })
    .first();
}

async function openOperation(summary: string, tag: string): Promise<void> {
  const sidebarLink = page.getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)}\\b`) }).first();
  if (!(await sidebarLink.isVisible())) {
    // The sidebar lists the guides first; an operation's link shows once its tag is open.
    await page.getByRole("link", { name: tag, exact: true }).last().click();
  }
  await sidebarLink.click();
  await heading(page, summary).waitFor({ state: "visible" });
}

/** Opens a guide (a tag marked x-traitTag) from the sidebar. */
async function openGuide(name: string): Promise<void> {
  await page.getByRole("link", { name, exact: true }).first().click();
  await heading(page, name).waitFor({ state: "visible" });
}

describe("the docs site in Chromium", () => {
  it("opens on the overview, which leads to the quickstart", async () => {
    await page.screenshot({ path: `${RESULTS}docs-home.png` });
    await page.getByRole("link", { name: "Quickstart", exact: true }).last().click();
    await heading(page, "Quickstart").waitFor({ state: "visible" });
    // Its sections render as the page settles: wait for each to show.
    for (const name of ["Authenticate", "Choose an environment"]) {
      await heading(page, name).waitFor({ state: "visible" });
    }
  });

  it("shows every guide of the spec, the lifecycle and the mock among them", async () => {
    const names = guides(spec).map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(["Quickstart", "Report Run Lifecycle", "Mocking"]));
    for (const name of names) {
      await openGuide(name);
      expect(new URL(page.url()).hash, name).toMatch(/^#\/./);
    }
  });

  it("shows every operation of the spec with its summary, at a relative hash route", async () => {
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      await openOperation(op.summary, op.tag);
      expect(new URL(page.url()).hash, op.operationId).toMatch(/^#\/./);
    }
  });

  it("shows the run status enum and Zuora's seed example on the run's page", async () => {
    const op = operationAnswering(spec, "ReportRun");
    await openOperation(op.summary, op.tag);

    // Redoc renders a section once it nears the viewport: scroll to the 200 body, then to its status field.
    const route = new URL(page.url()).hash.slice(2);
    await page.locator(`[id="${route}/response&c=200/body"]`).scrollIntoViewIfNeeded();
    const status = page.locator(`[id="${route}/t=response&c=200&path=response/status"]`);
    await status.scrollIntoViewIfNeeded();
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator; rendered text is what a reader sees
    const statusText = await status.innerText();
    expect(statusText).toContain("Enum Value");
    for (const value of spec.components.schemas.ReportRunStatus?.enum ?? []) {
      expect(statusText).toContain(value);
    }

    const seed = spec.components.responses.ReportRun?.content["application/json"]?.examples.completed?.value.response;
    expect(seed).toBeDefined();
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator; rendered text is what a reader sees
    const text = await page.locator("body").innerText();
    for (const [key, value] of Object.entries(seed ?? {})) {
      expect(text).toContain(`"${key}": ${JSON.stringify(value)}`);
    }
    await page.screenshot({ path: `${RESULTS}docs-get-report-run.png` });
  });

  it("shows the operation's curl and TypeScript samples", async () => {
    const op = operationAnswering(spec, "ReportRun");
    const firstLine = (lang: string, prefix: string) =>
      op.codeSamples
        .find((s) => s.lang === lang)
        ?.source.split("\n")
        .find((line) => line.startsWith(prefix))
        ?.trim() ?? "";
    const curl = firstLine("Shell", "curl ");
    const typescript = firstLine("TypeScript", "const run = ");
    expect(curl).not.toBe("");
    expect(typescript).not.toBe("");
    await expect(page.getByText(curl).first().isVisible()).resolves.toBe(true);

    // The sample panel's language menu switches to the TypeScript client.
    await page.getByRole("button", { name: "curl", exact: true }).first().click();
    await page.getByText("TypeScript client", { exact: true }).first().click();
    await page.getByText(typescript).first().waitFor({ state: "visible" });
    // Back to the top of the operation, where its sample panel sits, for the screenshot.
    await openOperation(op.summary, op.tag);
    await page.getByText(typescript).first().waitFor({ state: "visible" });
    await page.screenshot({ path: `${RESULTS}docs-typescript-sample.png` });
  });

  it("links only to the page's own routes, relative files or other sites", async () => {
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href, "a root-relative link breaks on a sub-path, on file:// and in a new tab").not.toMatch(/^\/(?!\/)/);
      expect(href).not.toContain("127.0.0.1");
    }
    for (const file of ["openapi.yaml", "openapi.json"]) {
      expect(hrefs).toContain(file);
      const response = await page.request.get(new URL(file, server.url).href);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(file.endsWith(".json") ? /^application\/json/ : /yaml/);
    }
  });

  it("renders straight from disk (file://)", async () => {
    const diskPage = await browser.context.newPage();
    try {
      await diskPage.goto(pathToFileURL(`${DIST}index.html`).href);
      await heading(diskPage, title).waitFor();
      const first = ops[0];
      expect(first).toBeDefined();
      await diskPage
        .getByRole("link", { name: first?.tag ?? "", exact: true })
        .last()
        .click();
      await heading(diskPage, first?.summary ?? "").waitFor();
    } finally {
      await diskPage.close();
    }
  });

  it("sends nothing beyond 127.0.0.1 but the listed requests, and logs no errors", () => {
    for (const url of externalRequests) {
      expect(ALLOWED_EXTERNAL_REQUESTS, `unexpected request to ${url}`).toContain(url);
    }
    // A blocked listed request shows up as "Failed to load resource" at that URL: expected, nothing else is.
    const unexpected = consoleErrors.filter((error) => !ALLOWED_EXTERNAL_REQUESTS.includes(error.url));
    expect(unexpected).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
