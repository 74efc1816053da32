// The report-run simulation: one handler per operation of the document, each answering from the run store with
// bodies built on the document's own examples (their keys, their order, their fixed values). It knows nothing of
// HTTP: the server turns its answers into responses and validates them against the document first.

import {
  type Conformance,
  type Example,
  exampleOf,
  type Json,
  type JsonObject,
  responseFor,
} from "@zuora-reports/conformance";
import { REPORT_TYPES } from "@zuora-reports/types";
import type { SimulationSettings } from "../settings.js";
import { type Catalogue, createCatalogue } from "./catalogue.js";
import { errorEnvelope } from "./envelope.js";
import { crosstab } from "./export-file.js";
import { type RowSet, rowSet, type TemplateRows, templateRows } from "./rows.js";
import { type RunRecord, RunStore } from "./runs.js";
import { readScenarios, type Scenarios, type ViewType } from "./scenarios.js";
import { TokenStore } from "./tokens.js";

/** A JSON answer, or a completed run's rows to be sent as the export file. */
/** An answer of a handler. */
export type Answer = { status: number; json: Json } | { status: 200; export: RowSet };

/** A checked request, for a handler. */
export interface Call {
  /** Parameter values by name, already checked against the document. */
  params: Record<string, unknown>;
  body: unknown;
  /** Who is asking: rate limits and idempotency keys are per credential. */
  credential: string;
}

/** The report-run simulation. */
export interface Simulation {
  readonly scenarios: Scenarios;
  readonly runs: RunStore;
  readonly tokens: TokenStore;
  /** The handler of an operation, or `undefined` for one the simulation does not know (then Prism answers). */
  handler(operationId: string): ((call: Call) => Answer) | undefined;
  /** The document's example of a response, for the server's own answers (401, 429, 500). */
  example(operationId: string, status: number, name?: string): Example;
  /** Zuora's 400 envelope for one of the BadRequest examples. */
  badRequest(operationId: string, name: string, values: Record<string, string>): Answer;
}

/** `{...template}` with `values` in the template's keys and order; keys the template lacks come after. */
function shaped(template: JsonObject, values: Record<string, Json>): JsonObject {
  const result: JsonObject = {};
  for (const key of Object.keys(template)) {
    result[key] = key in values ? (values[key] as Json) : (template[key] as Json);
  }
  for (const [key, value] of Object.entries(values)) {
    if (!(key in result)) {
      result[key] = value;
    }
  }
  return result;
}

/** What the handlers share: the document's examples, the stores, the rows of each view type. */
interface Context {
  spec: Conformance;
  settings: SimulationSettings;
  scenarios: Scenarios;
  runs: RunStore;
  tokens: TokenStore;
  templates: Record<ViewType, TemplateRows>;
  catalogue: Catalogue;
}

const example = (ctx: Context, operationId: string, status: number, name?: string): Example =>
  exampleOf(ctx.spec.operation(operationId), status, name);

const envelope = (ctx: Context, operationId: string) => example(ctx, operationId, 200).value as JsonObject;

const rowsOf = (ctx: Context, reportId: string, view: ViewType, count: number) =>
  rowSet(ctx.templates[view], `${reportId}|${view}`, count);

const badRequest = (ctx: Context, operationId: string, name: string, values: Record<string, string>): Answer => ({
  status: 400,
  json: errorEnvelope(example(ctx, operationId, 400, name), values),
});

/** Every run the document shows as COMPLETED exists from the start, answering as published, with published rows. */
function seedPublishedRuns(ctx: Context): void {
  for (const operationId of ["getReportRun", "getLastCompletedReportRun"]) {
    for (const media of responseFor(ctx.spec.operation(operationId), 200)?.content.values() ?? []) {
      for (const { value } of media.examples) {
        const run = (value as { response?: JsonObject } | null)?.response;
        if (run?.status === "COMPLETED") {
          const view = run.reportType as ViewType;
          const rows = rowsOf(ctx, String(run.reportId), view, ctx.templates[view].rows.length);
          ctx.runs.addPublished(run, ctx.scenarios.of(String(run.reportId)), rows);
        }
      }
    }
  }
}

function runBody(ctx: Context, operationId: string, run: RunRecord, poll: boolean): JsonObject {
  const template = envelope(ctx, operationId);
  const state = ctx.runs.state(run, { poll });
  const response = run.published
    ? run.published
    : shaped(template.response as JsonObject, {
        reportType: run.reportType,
        id: run.id,
        reportId: run.reportId,
        startedOn: run.startedOn,
        status: state.status,
        updatedOn: state.updatedOn,
      });
  return shaped(template, { response });
}

/** The run named by the call's `reportRunId`, or the 400 for an unknown one. */
function findRun(ctx: Context, operationId: string, call: Call, unknown = "unknownId"): RunRecord | Answer {
  const reportRunId = String(call.params.reportRunId);
  return ctx.runs.get(reportRunId) ?? badRequest(ctx, operationId, unknown, { reportRunId });
}

/** The run if it is COMPLETED, else the 400 saying what it is. */
function completedRun(ctx: Context, operationId: string, call: Call, unknown?: string): RunRecord | Answer {
  const run = findRun(ctx, operationId, call, unknown);
  if ("status" in run) {
    return run;
  }
  const { status } = ctx.runs.state(run);
  return status === "COMPLETED"
    ? run
    : badRequest(ctx, operationId, "runNotCompleted", { reportRunId: run.id, status });
}

function runReport(ctx: Context, call: Call): Answer {
  const reportId = String(call.params.reportId);
  const view = call.params.viewType as ViewType;
  const scenario = ctx.scenarios.of(reportId);
  if (!scenario.exists) {
    return badRequest(ctx, "runReport", "unknownReport", { reportId });
  }
  const key = call.params["Idempotency-Key"] as string | undefined;
  let run = key === undefined ? undefined : ctx.runs.byIdempotencyKey(call.credential, key);
  if (run && (run.reportId !== reportId || run.reportType !== view)) {
    return badRequest(ctx, "runReport", "invalidRequest", {
      problem: `Idempotency-Key "${key}" already started a ${run.reportType} run of report ${run.reportId}; use a new key for another run`,
    });
  }
  if (!run) {
    const rows = rowsOf(ctx, reportId, view, scenario.rows ?? ctx.settings.rows);
    run = ctx.runs.create(reportId, view, scenario, rows, call.credential);
    if (key !== undefined) {
      ctx.runs.remember(call.credential, key, run);
    }
  }
  return { status: 200, json: shaped(envelope(ctx, "runReport"), { response: { reportRunId: run.id } }) };
}

function cancelReportRun(ctx: Context, call: Call): Answer {
  const run = findRun(ctx, "cancelReportRun", call);
  if ("status" in run) {
    return run;
  }
  const outcome = ctx.runs.cancel(run);
  if (outcome.kind === "finished") {
    return badRequest(ctx, "cancelReportRun", "runFinished", { reportRunId: run.id, status: outcome.status });
  }
  const name = outcome.kind === "canceled" ? "canceled" : "alreadyCanceled";
  return { status: 200, json: example(ctx, "cancelReportRun", 200, name).value };
}

function getLastCompletedReportRun(ctx: Context, call: Call): Answer {
  const reportId = String(call.params.reportId);
  if (!ctx.scenarios.of(reportId).exists) {
    return badRequest(ctx, "getLastCompletedReportRun", "unknownReport", { reportId });
  }
  const run = ctx.runs.latestCompleted(reportId, call.credential);
  return run
    ? { status: 200, json: runBody(ctx, "getLastCompletedReportRun", run, false) }
    : badRequest(ctx, "getLastCompletedReportRun", "reportNotRunYet", { reportId });
}

function getReportData(ctx: Context, call: Call): Answer {
  const run = completedRun(ctx, "getReportData", call);
  if ("status" in run) {
    return run;
  }
  // `offset` counts records of the result set, whose first record is the header line (Zuora: "usually 1, to skip
  // the header record"): offset 1 is the first row, and offset 0 spends one slot on the header.
  const offset = Number(call.params.offset);
  const pageSize = Number(call.params.pageSize);
  const first = Math.max(offset - 1, 0);
  const end = Math.min(first + (offset === 0 ? pageSize - 1 : pageSize), run.rows.count);
  const page: Json[] = [];
  for (let index = first; index < end; index++) {
    page.push(run.rows.row(index));
  }
  const template = envelope(ctx, "getReportData");
  const response = shaped(template.response as JsonObject, { page, size: pageSize, offset, total: run.rows.count });
  return { status: 200, json: shaped(template, { response }) };
}

function createToken(ctx: Context, call: Call): Answer {
  const clientId = String((call.body as { client_id?: unknown }).client_id);
  const issued = ctx.tokens.issue(clientId);
  const template = example(ctx, "createToken", 200).value as JsonObject;
  return {
    status: 200,
    json: shaped(template, { access_token: issued.token, expires_in: issued.expiresIn, jti: issued.jti }),
  };
}

function searchReports(ctx: Context, call: Call): Answer {
  const found = ctx.catalogue.search(call.params);
  if ("problem" in found) {
    return badRequest(ctx, "searchReports", "invalidRequest", { problem: found.problem });
  }
  const template = envelope(ctx, "searchReports");
  return { status: 200, json: shaped(template, { response: shaped(template.response as JsonObject, found) }) };
}

/** One handler per operation the simulation knows; the others are Prism's. */
const HANDLERS: Readonly<Record<string, (ctx: Context, call: Call) => Answer>> = {
  runReport,
  getReportRun(ctx, call) {
    const run = findRun(ctx, "getReportRun", call);
    return "status" in run ? run : { status: 200, json: runBody(ctx, "getReportRun", run, true) };
  },
  cancelReportRun,
  getLastCompletedReportRun,
  getReportData,
  exportReportRun(ctx, call) {
    const run = completedRun(ctx, "exportReportRun", call, "exportFailed");
    if ("status" in run) {
      return run;
    }
    // `pivoted` changes only a Summary report's export: a crosstab, in the same file form as the flat one.
    const pivoted = call.params.pivoted === true && run.reportType === "Summary";
    return { status: 200, export: pivoted ? crosstab(run.rows) : run.rows };
  },
  createToken,
  searchReports,
};

/** The simulation over `spec`, with `settings`. */
export function createSimulation(spec: Conformance, settings: SimulationSettings): Simulation {
  const scenarios = readScenarios(spec);
  const templates = Object.fromEntries(
    REPORT_TYPES.map((view) => [view, templateRows(spec, scenarios.rowTemplates[view])]),
  ) as Record<ViewType, TemplateRows>;
  const ctx: Context = {
    spec,
    settings,
    scenarios,
    runs: new RunStore({ pace: settings.pace, now: settings.now, running: scenarios.running }),
    tokens: new TokenStore(settings.tokenTtlSeconds, settings.now),
    templates,
    catalogue: createCatalogue(spec),
  };
  seedPublishedRuns(ctx);
  const handlers = new Map(Object.entries(HANDLERS).map(([id, handle]) => [id, (call: Call) => handle(ctx, call)]));
  return {
    scenarios,
    runs: ctx.runs,
    tokens: ctx.tokens,
    handler: (operationId) => handlers.get(operationId),
    example: (operationId, status, name) => example(ctx, operationId, status, name),
    badRequest: (operationId, name, values) => badRequest(ctx, operationId, name, values),
  };
}
