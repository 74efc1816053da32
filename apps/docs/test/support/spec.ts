// The built site's copy of the bundled spec (dist/openapi.json), through @zuora-reports/conformance (the one model
// of the spec): the tests take operations, summaries, code samples and guides from it rather than from a list of
// their own. Only the document's top level (info, servers, tags) is read here as it is written.

import { fileURLToPath } from "node:url";
import { type Conformance, createConformance, type OpenApiDocument, readDocument } from "@zuora-reports/conformance";

export const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
export const SAMPLES = fileURLToPath(new URL("../../../../spec/code_samples/", import.meta.url));

/** An `x-codeSamples` entry. */
export interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

/** An operation as the docs tests use it. */
export interface Operation {
  path: string;
  method: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  codeSamples: CodeSample[];
}

/** The document's top level, as the docs tests read it. */
export interface BundledSpec {
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string; "x-environment": string }[];
  /** Guides are tags marked `x-traitTag`: prose from spec/guides/*.md, no operations. */
  tags: { name: string; description: string; "x-traitTag"?: boolean }[];
  components: {
    schemas: Record<string, { enum?: string[] }>;
    responses: Record<
      string,
      { content: Record<string, { examples: Record<string, { value: { response: Record<string, unknown> } }> }> }
    >;
  };
}

const models = new WeakMap<BundledSpec, Conformance>();

/** The conformance model of `spec` (built once per document). */
export function modelOf(spec: BundledSpec): Conformance {
  let model = models.get(spec);
  if (!model) {
    model = createConformance(spec as unknown as OpenApiDocument);
    models.set(spec, model);
  }
  return model;
}

/** The built site's document; a clear error when the site is not built. */
export function readSpec(): BundledSpec {
  try {
    return readDocument(`${DIST}openapi.json`) as unknown as BundledSpec;
  } catch {
    throw new Error(`No built site in ${DIST}: run \`pnpm docs\` (or \`pnpm --filter @zuora-reports/docs build\`).`);
  }
}

/** Every operation of the spec, in document order. */
export function operations(spec: BundledSpec): Operation[] {
  return modelOf(spec).operations.map((op) => ({
    path: op.path,
    method: op.method.toLowerCase(),
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    tag: op.tags[0] ?? "",
    codeSamples: (op.extensions["x-codeSamples"] ?? []) as unknown as CodeSample[],
  }));
}

/** The guides (tags marked `x-traitTag`), in the spec's order. */
export function guides(spec: BundledSpec): { name: string; description: string }[] {
  return spec.tags.filter((tag) => tag["x-traitTag"] === true);
}

/** The text of the guide named `name`. */
export function guide(spec: BundledSpec, name: string): string {
  const found = guides(spec).find((tag) => tag.name === name);
  if (!found) {
    throw new Error(`No guide named "${name}" in the spec's tags.`);
  }
  return found.description;
}

/** The operation whose 200 response is the named component response (e.g. `ReportRun`). */
export function operationAnswering(spec: BundledSpec, response: string): Operation {
  const ref = `#/components/responses/${response}`;
  const answering = modelOf(spec).operations.find((op) => op.responses.get("200")?.ref === ref);
  const found = operations(spec).find((op) => op.operationId === answering?.operationId);
  if (!found) {
    throw new Error(`No operation answers 200 with ${ref}.`);
  }
  return found;
}
