// The last released contract as the rehearsals' baseline, and copies of it with one change each (the rehearsals).
import { readFileSync } from "node:fs";
import type { OpenApiDocument } from "../src/index.js";

/**
 * The last released contract (spec/released/openapi.json), which the rehearsals change: the working spec may already
 * carry the change a rehearsal makes (a new operation) and a newer info.version.
 */
export const released: OpenApiDocument = JSON.parse(
  readFileSync(new URL("../../../spec/released/openapi.json", import.meta.url), "utf8"),
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
