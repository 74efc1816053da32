// What a reader sees as broken on a docs page: a code block or table cell whose content is wider than its box
// (clipped, or scrolling sideways), a word or identifier split across two lines, or a copy button over code.
import type { Page } from "playwright-core";

export interface LayoutProblem {
  problem: "overflows its box" | "breaks a token across lines" | "covers code";
  /** The element concerned (`pre`, `td`, `code`, …). */
  element: string;
  /** The token, or the start of the element's text. */
  text: string;
}

export interface LayoutReport {
  /** The first line of every code block checked (so a test can tell which ones it saw). */
  codeBlocks: string[];
  /** How many table cells were checked. */
  cells: number;
  problems: LayoutProblem[];
}

/** Checks every code block, table cell and inline code element the page shows. */
export function checkLayout(page: Page): Promise<LayoutReport> {
  // Runs in the page: self-contained, DOM only.
  return page.evaluate(() => {
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const start = (element: Element) => (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 80);
    const name = (element: Element) => element.tagName.toLowerCase();
    /** Each whitespace-separated token of the element's text, with the boxes it is drawn in. */
    const tokens = function* (element: Element) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index ?? 0);
          range.setEnd(node, (match.index ?? 0) + match[0].length);
          yield { token: match[0], boxes: [...range.getClientRects()].filter((box) => box.width > 0) };
        }
      }
    };

    const problems: LayoutProblem[] = [];
    const codeBlocks = [...document.querySelectorAll("pre")].filter(shown);
    const cells = [...document.querySelectorAll("td, th")].filter(shown);
    const tables = [...document.querySelectorAll("table")].filter(shown);
    const inlineCode = [...document.querySelectorAll("code")].filter((code) => shown(code) && !code.closest("pre"));

    for (const element of [...codeBlocks, ...cells]) {
      if (element.scrollWidth > element.clientWidth + 1) {
        problems.push({ problem: "overflows its box", element: name(element), text: start(element) });
      }
    }
    for (const table of tables) {
      const box = table.parentElement;
      if (box && box.scrollWidth > box.clientWidth + 1) {
        problems.push({ problem: "overflows its box", element: "table", text: start(table) });
      }
    }
    for (const element of [...codeBlocks, ...cells, ...inlineCode]) {
      for (const { token, boxes } of tokens(element)) {
        if (new Set(boxes.map((box) => Math.round(box.top))).size > 1) {
          problems.push({ problem: "breaks a token across lines", element: name(element), text: token });
        }
      }
    }
    for (const button of document.querySelectorAll('[data-testid="copy-button"]')) {
      const block = button.closest('[data-component-name="CodeBlock/CodeBlock"]')?.querySelector("pre");
      if (!block || !shown(button)) {
        continue;
      }
      const over = button.getBoundingClientRect();
      for (const { token, boxes } of tokens(block)) {
        const covered = boxes.some(
          (box) => box.left < over.right && box.right > over.left && box.top < over.bottom && box.bottom > over.top,
        );
        if (covered) {
          problems.push({ problem: "covers code", element: "copy button", text: token });
        }
      }
    }
    return {
      codeBlocks: codeBlocks.map((block) => (block.textContent ?? "").split("\n")[0] ?? ""),
      cells: cells.length,
      problems,
    };
  });
}
