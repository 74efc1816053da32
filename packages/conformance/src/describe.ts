// Words for violations: what a schema asks for, and what a value is (or only its type, when masked).
import { isObject, type Json, type JsonObject, type OpenApiDocument, resolve } from "./document.js";

const MAX_TEXT = 80;

/** A value as a short, readable JSON-ish text. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return "absent";
  }
  if (typeof value === "string") {
    const text = JSON.stringify(value);
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 2)}…" (${value.length} characters)` : text;
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 6).join(", ");
    return keys.length === 0 ? "an empty object" : `an object {${shown}${keys.length > 6 ? ", …" : ""}}`;
  }
  return String(value);
}

/** Only the type of a value, for values that must not be shown (report rows). */
export function describeType(value: unknown): string {
  if (value === undefined) {
    return "absent";
  }
  if (value === null) {
    return "null";
  }
  if (typeof value === "string") {
    return `a string (${value.length} characters, masked)`;
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  }
  if (typeof value === "object") {
    return "an object (masked)";
  }
  return `a ${typeof value} (masked)`;
}

/** A schema in a few words: its title and type, e.g. `integer ≥ 0 (EpochMilliseconds)`. */
export function describeSchema(document: OpenApiDocument, schema: Json | undefined): string {
  let node = schema;
  if (isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#")) {
    node = resolve(document, node.$ref.slice(1)).node;
  }
  if (!isObject(node)) {
    return "any value";
  }
  const parts: string[] = [];
  if (Array.isArray(node.enum)) {
    parts.push(`one of ${node.enum.map((value) => JSON.stringify(value)).join(", ")}`);
  } else if ("const" in node) {
    parts.push(`exactly ${JSON.stringify(node.const)}`);
  } else {
    parts.push(typeText(node));
  }
  if (typeof node.minimum === "number") {
    parts.push(`≥ ${node.minimum}`);
  }
  if (typeof node.minLength === "number" || typeof node.maxLength === "number") {
    parts.push(
      node.minLength === node.maxLength
        ? `of ${node.minLength} characters`
        : `of ${node.minLength ?? 0} to ${node.maxLength ?? "any number of"} characters`,
    );
  }
  if (typeof node.pattern === "string") {
    parts.push(`matching ${node.pattern}`);
  }
  const title = typeof node.title === "string" ? ` (${node.title})` : "";
  return `${parts.join(" ")}${title}`;
}

function typeText(node: JsonObject): string {
  const type = node.type;
  if (Array.isArray(type)) {
    return type.join(" or ");
  }
  if (typeof type === "string") {
    return type === "object" && Array.isArray(node.required) && node.required.length > 0
      ? `an object with ${node.required.join(", ")}`
      : type;
  }
  return Array.isArray(node.oneOf) ? "one of several shapes" : "a value";
}
