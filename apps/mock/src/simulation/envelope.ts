// Zuora's failure envelope, built from the document's own examples: `{"success": false, "response": "<JSON text>",
// "links": null}`, the JSON text in the style Zuora prints it ("key" : value, two-space indent).
import { randomUUID } from "node:crypto";
import type { Example, Json, JsonObject } from "@zuora-reports/conformance";

/** `{name}` placeholders filled from `values`; unknown names stay as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** JSON text as Zuora's error responses show it. */
function zuoraJson(detail: Record<string, string>): string {
  const lines = Object.entries(detail).map(([key, value]) => `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`);
  return `{\n${lines.join(",\n")}\n}`;
}

/**
 * The envelope of an example whose `x-mock-message` is filled with `values` (or `message` as given); a fresh
 * `errorId`, the example's `errorCode`, and the example's other keys (in its order).
 */
export function errorEnvelope(example: Example, values: Record<string, string>, message?: string): JsonObject {
  const template = example.value as JsonObject;
  const published = JSON.parse(String(template.response)) as Record<string, string>;
  const messageTemplate = example.extensions["x-mock-message"];
  const text = message ?? (typeof messageTemplate === "string" ? fill(messageTemplate, values) : undefined);
  const detail: Record<string, string> = {};
  for (const key of Object.keys(published)) {
    detail[key] =
      key === "errorId" ? randomUUID() : key === "message" && text !== undefined ? text : (published[key] ?? "");
  }
  const envelope: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    envelope[key] = key === "response" ? zuoraJson(detail) : (value as Json);
  }
  return envelope;
}
