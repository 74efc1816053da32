// Generates src/generated/ from the bundled spec: the openapi-typescript types, and the runtime constants
// (statuses, report types, servers) that must never be hand-copied from the spec.
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
const constants = `${banner}
/** Every status a report run can have, in lifecycle order. */
export const REPORT_RUN_STATUSES = ${JSON.stringify(schemas.ReportRunStatus.enum)} as const;

/** The report types (also the values of \`viewType\`). */
export const REPORT_TYPES = ${JSON.stringify(schemas.ReportType.enum)} as const;

/** The servers of the spec, each with its environment preset name. */
export const SERVERS = ${JSON.stringify(servers, null, 2)} as const;

/** The hosts that serve \`POST /oauth/token\` (the current \`rest.*\` hosts, without a base path). */
export const TOKEN_SERVERS = ${JSON.stringify(tokenServers, null, 2)} as const;
`;
writeFileSync(`${outDir}constants.ts`, constants);
