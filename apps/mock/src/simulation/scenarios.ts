// The simulation's scenarios, read from the document: `x-mock-scenarios` on the `reportId` parameter of Run a
// report says which report ids end how, and which published examples the rows of each view type copy.
import type { Conformance, Json, JsonObject } from "@zuora-reports/conformance";
import { REPORT_TYPES, type ReportRunStatus, type ReportType } from "@zuora-reports/types";

/** A run's status, as the document's ReportRunStatus lists them. */
export type RunStatus = ReportRunStatus;
/** A report run's view type, as the document's ReportType lists them. */
export type ViewType = ReportType;

/** How the runs of one report go. */
export interface Scenario {
  /** `undefined` for the default scenario (any report id not listed). */
  reportId?: string;
  summary: string;
  /** The statuses a run walks through; it stays at the last one. */
  statuses: RunStatus[];
  /** Rows of a completed run; `undefined` means the mock's `rows` setting. */
  rows?: number;
  /** `false`: the report does not exist. */
  exists: boolean;
}

/** The published example whose rows a view type's rows copy. */
export interface RowTemplate {
  operationId: string;
  example: string;
}

/** Every scenario of the document, and the row templates. */
export interface Scenarios {
  readonly default: Scenario;
  readonly listed: readonly Scenario[];
  readonly rowTemplates: Readonly<Record<ViewType, RowTemplate>>;
  /** Statuses a run passes through on its way (the default scenario's but its last); every other one ends it. */
  readonly running: readonly RunStatus[];
  of(reportId: string): Scenario;
}

const EXTENSION = "x-mock-scenarios";

function fail(message: string): never {
  throw new Error(`${EXTENSION} in the OpenAPI document: ${message}`);
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function scenarioOf(node: Json, statuses: readonly string[], where: string): Scenario {
  if (!isObject(node)) {
    return fail(`${where} is not an object.`);
  }
  const exists = node.exists !== false;
  const list = Array.isArray(node.statuses) ? node.statuses.map(String) : [];
  if (exists && list.length === 0) {
    fail(`${where} lists no statuses.`);
  }
  const unknown = list.filter((status) => !statuses.includes(status));
  if (unknown.length > 0) {
    fail(`${where} has statuses the ReportRunStatus schema does not list: ${unknown.join(", ")}.`);
  }
  if (node.rows !== undefined && !(Number.isInteger(node.rows) && Number(node.rows) >= 0)) {
    fail(`${where} rows must be a whole number.`);
  }
  return {
    ...(typeof node.reportId === "string" ? { reportId: node.reportId } : {}),
    summary: String(node.summary ?? ""),
    statuses: list as RunStatus[],
    ...(typeof node.rows === "number" ? { rows: node.rows } : {}),
    exists,
  };
}

/** The scenarios of `x-mock-scenarios`, checked against the document's statuses. */
export function readScenarios(spec: Conformance): Scenarios {
  const parameter = spec.operation("runReport").parameters.find((p) => p.in === "path" && p.name === "reportId");
  const extension = parameter?.extensions[EXTENSION];
  if (!isObject(extension)) {
    return fail("missing on the reportId parameter of runReport.");
  }
  const statusSchema = parameter ? spec.at("/components/schemas/ReportRunStatus") : {};
  const statuses = (isObject(statusSchema) && Array.isArray(statusSchema.enum) ? statusSchema.enum : []).map(String);
  const fallback = scenarioOf(extension.default ?? null, statuses, "default");
  const listed = (Array.isArray(extension.reports) ? extension.reports : []).map((node, index) =>
    scenarioOf(node, statuses, `reports[${index}]`),
  );
  const byReport = new Map(listed.map((scenario) => [scenario.reportId ?? "", scenario]));
  const templates = isObject(extension.rowTemplates) ? extension.rowTemplates : {};
  const template = (view: ViewType): RowTemplate => {
    const node = templates[view];
    if (!isObject(node) || typeof node.operationId !== "string" || typeof node.example !== "string") {
      return fail(`rowTemplates.${view} needs an operationId and an example name.`);
    }
    return { operationId: node.operationId, example: node.example };
  };
  return {
    default: fallback,
    listed,
    running: fallback.statuses.slice(0, -1),
    rowTemplates: Object.fromEntries(REPORT_TYPES.map((view) => [view, template(view)])) as Record<
      ViewType,
      RowTemplate
    >,
    of: (reportId) => byReport.get(reportId) ?? fallback,
  };
}
