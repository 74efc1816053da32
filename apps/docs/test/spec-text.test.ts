// The reference's text as a reader meets it: operation summaries and tags in one case (Zuora's names, title case),
// and descriptions that speak of the API. Notes about the mock, the client or which of Zuora's sources the spec
// follows belong in the guides or in x- extensions (x-mock, x-provenance), never in the API's own text.
import { describe, expect, it } from "vitest";
import { guides, operations, readSpec } from "./support/spec.js";

const spec = readSpec();

/** Words that stay lower case inside a title. */
const SMALL_WORDS = new Set(["a", "an", "and", "as", "by", "for", "in", "of", "on", "or", "the", "to"]);

function isTitleCase(text: string): boolean {
  return text.split(" ").every((word, index) => /^[A-Z0-9]/.test(word) || (index > 0 && SMALL_WORDS.has(word)));
}

/** Notes that are not about the API: tooling (mock, client, pnpm) and provenance (what Zuora's sources say). */
const NOT_ABOUT_THE_API = [
  /\bmock\b/i,
  /\bPrism\b/,
  /\bpnpm\b/,
  /\bthe client's\b|\bTypeScript client\b|@zuora-reports\//i,
  /\bpublished (schema|example|response)/i,
  /\bZuora's (docs|legacy docs|reference tables)\b/,
  /\bas here\b/,
];

/** Every `description` and `summary` of the spec's API text, with where it is. */
function apiText(node: unknown, path: string[] = []): { where: string; text: string }[] {
  if (Array.isArray(node)) {
    return node.flatMap((item, index) => apiText(item, [...path, String(index)]));
  }
  if (typeof node !== "object" || node === null) {
    return [];
  }
  const found: { where: string; text: string }[] = [];
  for (const [key, value] of Object.entries(node)) {
    // Extensions carry the notes on purpose; examples are data, whose labels say where they come from.
    if (key.startsWith("x-") || key === "examples") {
      continue;
    }
    if ((key === "description" || key === "summary") && typeof value === "string") {
      found.push({ where: [...path, key].join("."), text: value });
    } else {
      found.push(...apiText(value, [...path, key]));
    }
  }
  return found;
}

describe("the reference's text", () => {
  it("names every operation and tag in title case", () => {
    const names = [...operations(spec).map((op) => op.summary), ...spec.tags.map((tag) => tag.name)];
    expect(names.length).toBeGreaterThan(guides(spec).length);
    expect(names.filter((name) => !isTitleCase(name))).toEqual([]);
  });

  it("keeps tooling and provenance notes out of the API's descriptions", () => {
    // The guides (tags marked x-traitTag) may speak of tools; the rest of the document speaks of the API.
    const { tags: _guidesAndTags, ...api } = spec as unknown as Record<string, unknown>;
    const text = [
      ...apiText(api),
      ...apiText(
        spec.tags.filter((tag) => tag["x-traitTag"] !== true),
        ["tags"],
      ),
    ];
    expect(text.length).toBeGreaterThan(50);
    const offending = text.filter(({ text: line }) => NOT_ABOUT_THE_API.some((pattern) => pattern.test(line)));
    expect(offending).toEqual([]);
  });

  it("keeps the notes it moved out, in x-provenance and x-mock", () => {
    const raw = JSON.stringify(spec);
    expect(raw.match(/"x-provenance":/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(raw).toContain('"x-mock":');
  });
});
