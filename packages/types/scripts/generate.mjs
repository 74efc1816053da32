// Generates src/generated/ from the bundled spec: the openapi-typescript types, and the runtime constants
// (statuses, report types, servers, the id pattern, the shapes of the answers) that must never be hand-copied from
// the spec.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const specUrl = new URL(import.meta.resolve("@zuora-reports/spec/openapi.json"));
const spec = JSON.parse(readFileSync(specUrl, "utf8"));
const outDir = fileURLToPath(new URL("../src/generated/", import.meta.url));
mkdirSync(outDir, { recursive: true });

const banner = "// Generated from @zuora-reports/spec by scripts/generate.mjs. Do not edit.\n";
const ast = await openapiTS(spec, { rootTypes: false, alphabetize: false });
writeFileSync(`${outDir}openapi.ts`, banner + astToString(ast));

const schemas = spec.components.schemas;
const servers = spec.servers.map((s) => ({ environment: s["x-environment"], url: s.url, description: s.description }));
const tokenServers = spec.paths["/oauth/token"].servers.map((s) => s.url);
/** The object a local `$ref` points at. */
const resolve = (ref) =>
  ref
    .slice(2)
    .split("/")
    .reduce((node, key) => node[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
const deref = (node) => (node?.$ref ? deref(resolve(node.$ref)) : node);

// Enumerations that have a constant of their own above: the shapes point at it instead of repeating it.
const ENUM_CONSTANTS = {
  "#/components/schemas/ReportRunStatus": "REPORT_RUN_STATUSES",
  "#/components/schemas/ReportType": "REPORT_TYPES",
};

/**
 * The rule for one value, as the client checks it: an enumeration, "string" (non-empty), "count" (an integer ≥ 0),
 * "timestamp" (an integer or a string), "rows" (an array of objects). Anything else stops the build, so a spec change
 * the client cannot check is noticed here rather than missed.
 */
function rule(node, where) {
  if (ENUM_CONSTANTS[node.$ref]) {
    return ENUM_CONSTANTS[node.$ref];
  }
  const schema = deref(node);
  const types = (schema.oneOf ?? schema.anyOf ?? []).map((option) => deref(option).type).sort();
  if (schema.enum) {
    return JSON.stringify(schema.enum);
  }
  if (schema.type === "string") {
    return '"string"';
  }
  if (schema.type === "integer" && schema.minimum === 0) {
    return '"count"';
  }
  if (types.join() === "integer,string") {
    return '"timestamp"';
  }
  if (schema.type === "array" && deref(schema.items).type === "object") {
    return '"rows"';
  }
  throw new Error(`scripts/generate.mjs: no shape rule for ${where}: ${JSON.stringify(schema).slice(0, 120)}`);
}

/** The shape of a payload: the rules of an object's required fields, or one rule for the whole value. */
function shape(node, where) {
  const schema = deref(node);
  if (schema.type !== "object") {
    return rule(node, where);
  }
  const fields = (schema.required ?? []).map((key) => `${key}: ${rule(schema.properties[key], `${where}.${key}`)}`);
  return `{ ${fields.join(", ")} }`;
}

// The payload (`response` of Zuora's `{ success, response }` envelope) of each operation's JSON 200 answer; schemas
// used by several operations become one constant.
const shapes = [];
const named = new Map();
for (const item of Object.values(spec.paths)) {
  for (const operation of Object.values(item)) {
    const payload = deref(deref(operation?.responses?.["200"])?.content?.["application/json"]?.schema)?.properties
      ?.response;
    if (!payload) {
      continue;
    }
    let value = shape(payload, operation.operationId);
    if (payload.$ref) {
      const name = `${payload.$ref.split("/").pop()}Shape`;
      named.set(name, value);
      value = name;
    }
    shapes.push(`  ${operation.operationId}: ${value},`);
  }
}

// Report and run ids: both path parameters must agree, so that one pattern serves both.
const idSchemas = ["ReportId", "ReportRunId"].map((name) => spec.components.parameters[name].schema);
if (new Set(idSchemas.map((schema) => JSON.stringify(schema))).size !== 1) {
  throw new Error("scripts/generate.mjs: the ReportId and ReportRunId parameters have different schemas.");
}
const { pattern, minLength, maxLength } = idSchemas[0];
const idPattern = `^(?=[\\s\\S]{${minLength},${maxLength}}$)(?:${pattern.replaceAll("/", "\\/")})`;

const constants = `${banner}
/** Every status a report run can have, in lifecycle order. */
export const REPORT_RUN_STATUSES = ${JSON.stringify(schemas.ReportRunStatus.enum)} as const;

/** The report types (also the values of \`viewType\`). */
export const REPORT_TYPES = ${JSON.stringify(schemas.ReportType.enum)} as const;

/** The servers of the spec, each with its environment preset name. */
export const SERVERS = ${JSON.stringify(servers, null, 2)} as const;

/** The hosts that serve \`POST /oauth/token\` (the current \`rest.*\` hosts, without a base path). */
export const TOKEN_SERVERS = ${JSON.stringify(tokenServers, null, 2)} as const;

/**
 * A report or report-run id as the spec's \`reportId\` / \`reportRunId\` path parameters define it: pattern
 * \`${pattern}\`, ${minLength} to ${maxLength} characters.
 */
export const ID_PATTERN: RegExp = /${idPattern}/;

${[...named].map(([name, value]) => `const ${name} = ${value} as const;`).join("\n")}

/**
 * What each operation's JSON answer carries in the \`response\` of Zuora's \`{ success, response }\` envelope: the
 * rules of an object's required fields, or one rule for the whole value. A rule is the list of allowed values, or
 * "string" (non-empty), "count" (an integer ≥ 0), "timestamp" (an integer or a string), "rows" (an array of objects).
 */
export const RESPONSE_SHAPES = {
${shapes.join("\n")}
} as const;
`;
writeFileSync(`${outDir}constants.ts`, constants);
