// axe-core (the engine behind Lighthouse's accessibility audit), from this package's devDependencies, injected into
// the page as a script: nothing is fetched. Reports each violation with the elements it found and, for colour
// contrast, the colours and the ratio it measured.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export type Impact = "minor" | "moderate" | "serious" | "critical";

export interface AxeFinding {
  rule: string;
  impact: Impact;
  help: string;
  /** One line per element: its CSS path, its start, and for contrast the colours and ratio measured. */
  elements: string[];
}

interface AxeNode {
  target: string[];
  html: string;
  any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } }[];
}

interface AxeViolation {
  id: string;
  impact: Impact;
  help: string;
  nodes: AxeNode[];
}

function describeNode(node: AxeNode): string {
  const html = node.html.replace(/\s+/g, " ").slice(0, 140);
  const contrast = node.any.find((check) => check.data?.contrastRatio !== undefined)?.data;
  const measured = contrast
    ? ` (${contrast.fgColor} on ${contrast.bgColor}: ${contrast.contrastRatio}:1, needs ${contrast.expectedContrastRatio})`
    : "";
  return `${node.target.join(" ")} ${html}${measured}`;
}

/**
 * Runs axe-core on the page as it is now (every WCAG 2.0/2.1 A and AA rule, and axe's best practices): the whole
 * document, or only the element matching `within` (a dialog: the page dimmed behind it is not what a reader reads).
 */
export async function runAxe(page: Page, within?: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<unknown> } }).axe;
    const context = selector ? { include: [selector] } : document;
    const result = (await axe.run(context, { resultTypes: ["violations"] })) as { violations: unknown[] };
    return result.violations;
  }, within);
  return (violations as AxeViolation[]).map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    elements: violation.nodes.map(describeNode),
  }));
}

/** Findings as text, one violation per paragraph, for a failure message or the log. */
export function formatFindings(where: string, findings: AxeFinding[]): string {
  return findings
    .map(
      (finding) => `${where}: [${finding.impact}] ${finding.rule}: ${finding.help}\n  ${finding.elements.join("\n  ")}`,
    )
    .join("\n");
}

/** Counts of elements at fault by impact, e.g. { serious: 0, critical: 0, moderate: 11 }. */
export function countByImpact(findings: AxeFinding[]): Record<Impact, number> {
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const finding of findings) {
    counts[finding.impact] += finding.elements.length;
  }
  return counts;
}

/**
 * Scrolls the page to its end, a screen at a time, letting each screen render (Redoc renders schemas and samples as
 * they come into view), then back to the top. Waits on animation frames, not on timers.
 */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    let y = 0;
    while (y + window.innerHeight < document.documentElement.scrollHeight) {
      y += window.innerHeight;
      window.scrollTo(0, y);
      await frames();
    }
    window.scrollTo(0, 0);
    await frames();
  });
}
