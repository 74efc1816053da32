// Where a change is in the document, and the sentence that tells a consumer what it means.
import type { Diff } from "api-smart-diff";

type Segment = string | number;

/** What part of the document a change is in. */
export interface Location {
  kind:
    | "document"
    | "path"
    | "operation"
    | "parameter"
    | "request-body"
    | "response"
    | "response-body"
    | "response-header"
    | "component-schema"
    | "component";
  jsonPath: string;
  route?: string;
  method?: string;
  status?: string;
  /** The segments below the body's `schema` (request or response bodies). */
  schemaPath: Segment[];
  /** The change is in an `x-` extension: notes for tools and readers, not contract. */
  extension: boolean;
  /** The change is in an example: documentation, not contract. */
  example: boolean;
  segments: Segment[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$.paths['/reportruns/{reportRunId}'].get.responses['200']…` for a diff's path. */
export function toJsonPath(segments: readonly Segment[]): string {
  return `$${segments
    .map((segment) =>
      typeof segment === "number"
        ? `[${segment}]`
        : IDENTIFIER.test(segment)
          ? `.${segment}`
          : `['${segment.replaceAll("'", "\\'")}']`,
    )
    .join("")}`;
}

/** Reads a diff's path: which operation, response and schema field it is about. */
export function locate(segments: readonly Segment[]): Location {
  const jsonPath = toJsonPath(segments);
  const extension = segments.some((segment) => typeof segment === "string" && segment.startsWith("x-"));
  const example = segments.some((segment) => segment === "examples" || segment === "example");
  const base = { jsonPath, extension, example, schemaPath: [] as Segment[], segments: [...segments] };
  if (segments[0] === "components") {
    return { ...base, kind: segments[1] === "schemas" ? "component-schema" : "component" };
  }
  if (segments[0] !== "paths" || segments.length < 2) {
    return { ...base, kind: "document" };
  }
  const route = String(segments[1]);
  if (segments.length === 2) {
    return { ...base, kind: "path", route };
  }
  const method = String(segments[2]);
  const operation = { ...base, route, method };
  const [, , , section, key, ...rest] = segments;
  if (section === "parameters") {
    return { ...operation, kind: "parameter" };
  }
  if (section === "requestBody") {
    return { ...operation, kind: "request-body", schemaPath: belowSchema(segments) };
  }
  if (section === "responses" && key !== undefined) {
    const status = String(key);
    if (rest[0] === "headers") {
      return { ...operation, kind: "response-header", status };
    }
    const schemaPath = belowSchema(segments);
    return { ...operation, kind: rest.includes("schema") ? "response-body" : "response", status, schemaPath };
  }
  return { ...operation, kind: "operation" };
}

function belowSchema(segments: readonly Segment[]): Segment[] {
  const index = segments.indexOf("schema");
  return index === -1 ? [] : segments.slice(index + 1);
}

/** The dotted field a schema path points at: `properties.response.properties.updatedOn` → `response.updatedOn`. */
export function fieldName(schemaPath: readonly Segment[], requiredName?: unknown): string {
  const names: string[] = [];
  for (let index = 0; index < schemaPath.length; index++) {
    const segment = schemaPath[index];
    const next = schemaPath[index + 1];
    if (segment === "properties" && next !== undefined) {
      names.push(String(next));
      index++;
    } else if (segment === "items") {
      names.push("[]");
    } else if (segment === "required" && typeof requiredName === "string") {
      names.push(requiredName);
      break;
    }
  }
  return names.join(".").replaceAll(".[]", "[]") || "(body)";
}

interface Documents {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

function lookup(document: unknown, segments: readonly Segment[]): unknown {
  let node = document;
  for (const segment of segments) {
    if (typeof node !== "object" || node === null) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

/** "Get Report Run", or "GET /reportruns/{reportRunId}" when the operation has no summary. */
function operationName(location: Location, documents: Documents): string {
  const at = ["paths", location.route ?? "", location.method ?? ""];
  const summary = lookup(documents.after, [...at, "summary"]) ?? lookup(documents.before, [...at, "summary"]);
  return typeof summary === "string" ? summary : `${location.method?.toUpperCase()} ${location.route}`;
}

const ACTIONS: Record<Diff["action"], string> = {
  add: "added",
  remove: "removed",
  replace: "changed",
  rename: "renamed",
};

function valueText(value: unknown): string {
  return typeof value === "string" ? `\`${value}\`` : `\`${JSON.stringify(value)}\``;
}

/** The sentence `spec:diff` prints for one change. */
export function describeChange(diff: Diff, location: Location, documents: Documents): string {
  const done = ACTIONS[diff.action];
  if (location.example) {
    return describeExample(location, documents);
  }
  const last = location.segments.at(-1);
  const keyword = String(typeof last === "number" ? location.segments.at(-2) : last);
  switch (location.kind) {
    case "path":
      return `path ${location.route} ${done}`;
    case "operation":
      if (location.segments.length === 3) {
        return `operation ${location.method?.toUpperCase()} ${location.route} (${operationName(location, documents)}) ${done}`;
      }
      return `${keyword} of ${operationName(location, documents)} ${done}`;
    case "parameter":
      return describeParameter(diff, location, documents, done);
    case "response":
      return location.segments.length === 5
        ? `response ${location.status} of ${operationName(location, documents)} ${done}`
        : `${keyword} of response ${location.status} of ${operationName(location, documents)} ${done}`;
    case "response-header":
      return `response header \`${String(location.segments[6])}\` of ${operationName(location, documents)} (${location.status}) ${done}`;
    case "request-body":
    case "response-body":
      return describeBodyChange(diff, location, documents, done);
    default:
      return `${location.jsonPath.slice(2)} ${done}${diff.description ? ` (${diff.description})` : ""}`;
  }
}

/** Changes inside one example read as one: "example `started` of Get Report Run (200) changed". */
function describeExample(location: Location, documents: Documents): string {
  const index = location.segments.findIndex((segment) => segment === "examples" || segment === "example");
  const name = location.segments[index] === "examples" ? location.segments[index + 1] : undefined;
  const what = name === undefined ? "example" : `example \`${String(name)}\``;
  const where = location.route ? ` of ${operationName(location, documents)}` : "";
  return `${what}${where}${location.status ? ` (${location.status})` : ""} changed`;
}

function describeParameter(diff: Diff, location: Location, documents: Documents, done: string): string {
  const parameterAt = location.segments.slice(0, 5);
  const parameter = (diff.action === "remove" ? diff.before : diff.after) as Record<string, unknown> | undefined;
  const whole =
    location.segments.length === 5 && typeof parameter === "object" && parameter !== null ? parameter : undefined;
  const named = (whole ?? lookup(documents.after, parameterAt) ?? lookup(documents.before, parameterAt)) as
    | Record<string, unknown>
    | undefined;
  const name = `${named?.required === true ? "required " : ""}${String(named?.in ?? "")} parameter \`${String(named?.name ?? "?")}\``;
  const of = `of ${operationName(location, documents)}`;
  if (whole) {
    return `${name} ${of} ${done}`;
  }
  const what = location.segments.slice(5).join(".");
  return `${what} of ${name} ${of} ${done}${diff.action === "replace" ? `: ${valueText(diff.before)} → ${valueText(diff.after)}` : ""}`;
}

function describeBodyChange(diff: Diff, location: Location, documents: Documents, done: string): string {
  const side = location.kind === "request-body" ? "request" : "response";
  const where = `of ${operationName(location, documents)}${location.status ? ` (${location.status})` : ""}`;
  const path = location.schemaPath;
  const parent = path.at(-2);
  const field = fieldName(path, diff.before ?? diff.after);
  if (parent === "properties") {
    return `${side} field \`${field}\` ${where} ${done}`;
  }
  if (parent === "required") {
    return diff.action === "remove"
      ? `${side} field \`${field}\` ${where} no longer always present`
      : `${side} field \`${field}\` ${where} now required`;
  }
  if (parent === "enum" || path.at(-1) === "enum") {
    const value = diff.action === "add" ? diff.after : diff.before;
    return `values of ${side} field \`${fieldName(path)}\` ${where}: ${valueText(value)} ${done}`;
  }
  const keyword = String(path.at(-1));
  return `${keyword} of ${side} field \`${fieldName(path)}\` ${where} ${done}${
    diff.action === "replace" ? `: ${valueText(diff.before)} → ${valueText(diff.after)}` : ""
  }`;
}
