// Reads the built site's copy of the bundled spec (dist/openapi.json): the tests take operations, summaries,
// enums and examples from it rather than from a list of their own.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
export const SAMPLES = fileURLToPath(new URL("../../../../spec/code_samples/", import.meta.url));

export interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

export interface Operation {
  path: string;
  method: string;
  operationId: string;
  summary: string;
  tag: string;
  codeSamples: CodeSample[];
}

interface OperationObject {
  operationId: string;
  summary: string;
  tags?: string[];
  "x-codeSamples"?: CodeSample[];
  responses: Record<string, { $ref?: string }>;
}

export interface BundledSpec {
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string; "x-environment": string }[];
  /** Guides are tags marked `x-traitTag`: prose from spec/guides/*.md, no operations. */
  tags: { name: string; description: string; "x-traitTag"?: boolean }[];
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, { enum?: string[] }>;
    responses: Record<
      string,
      { content: Record<string, { examples: Record<string, { value: { response: Record<string, unknown> } }> }> }
    >;
  };
}

const METHODS = ["get", "put", "post", "delete", "patch"];

export function readSpec(): BundledSpec {
  try {
    return JSON.parse(readFileSync(`${DIST}openapi.json`, "utf8")) as BundledSpec;
  } catch {
    throw new Error(`No built site in ${DIST}: run \`pnpm docs\` (or \`pnpm --filter @zuora-reports/docs build\`).`);
  }
}

/** Every operation of the spec, in document order. */
export function operations(spec: BundledSpec): Operation[] {
  const result: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) {
        result.push({
          path,
          method,
          operationId: op.operationId,
          summary: op.summary,
          tag: op.tags?.[0] ?? "",
          codeSamples: op["x-codeSamples"] ?? [],
        });
      }
    }
  }
  return result;
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
  const found = operations(spec).find((op) => spec.paths[op.path]?.[op.method]?.responses["200"]?.$ref === ref);
  if (!found) {
    throw new Error(`No operation answers 200 with ${ref}.`);
  }
  return found;
}
