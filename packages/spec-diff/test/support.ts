// The bundled spec as the released contract, and copies of it with one change each (the rehearsals).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { OpenApiDocument } from "../src/index.js";

const require = createRequire(import.meta.url);

/** The working spec, bundled by the spec package's build. */
export const released: OpenApiDocument = JSON.parse(
  readFileSync(require.resolve("@zuora-reports/spec/openapi.json"), "utf8"),
);

type Json = Record<string, unknown>;

/** A copy of the released contract with `edit` applied. */
export function changed(edit: (document: Json & { components: Json; paths: Json }) => void): OpenApiDocument {
  const copy = structuredClone(released) as Json & { components: Json; paths: Json };
  edit(copy);
  return copy;
}

export function schema(document: { components: Json }, name: string): Json & { properties: Json; required?: string[] } {
  return (document.components.schemas as Json)[name] as Json & { properties: Json; required?: string[] };
}

export function operation(document: { paths: Json }, route: string, method: string): Json & { parameters?: Json[] } {
  return (document.paths[route] as Json)[method] as Json & { parameters?: Json[] };
}
