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
import type { SimulationSettings } from "../settings.js";
import { errorEnvelope } from "./envelope.js";
import { type RowSet, rowSet, type TemplateRows, templateRows } from "./rows.js";
import { type RunRecord, RunStore } from "./runs.js";
import { readScenarios, type Scenarios, type ViewType } from "./scenarios.js";
import { TokenStore } from "./tokens.js";

/** A JSON answer, or a completed run's rows to be sent as the export file. */
export type Answer = { status: number; json: Json } | { status: 200; export: RowSet };

export interface Call {
  /** Parameter values by name, already checked against the document. */
  params: Record<string, unknown>;
  body: unknown;
  /** Who is asking: rate limits and idempotency keys are per credential. */
  credential: string;
}

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

export function createSimulation(spec: Conformance, settings: SimulationSettings): Simulation {
  const scenarios = readScenarios(spec);
  const runs = new RunStore({ pace: settings.pace, now: settings.now });
  const tokens = new TokenStore(settings.tokenTtlSeconds, settings.now);
  const templates: Record<ViewType, TemplateRows> = {
    Detail: templateRows(spec, scenarios.rowTemplates.Detail),
    Summary: templateRows(spec, scenarios.rowTemplates.Summary),
  };
  const rowsOf = (reportId: string, view: ViewType, count: number) =>
    rowSet(templates[view], `${reportId}|${view}`, count);

  const example = (operationId: string, status: number, name?: string) =>
    exampleOf(spec.operation(operationId), status, name);
  const envelope = (operationId: string) => example(operationId, 200).value as JsonObject;

  // Every run the document shows as COMPLETED exists from the start and answers as published; its data are the
  // published rows of its view type.
  for (const operationId of ["getReportRun", "getLastCompletedReportRun"]) {
    for (const media of responseFor(spec.operation(operationId), 200)?.content.values() ?? []) {
      for (const { value } of media.examples) {
        const run = (value as { response?: JsonObject } | null)?.response;
        if (run?.status === "COMPLETED") {
          const view = run.reportType as ViewType;
          const rows = rowsOf(String(run.reportId), view, templates[view].rows.length);
          runs.addPublished(run, scenarios.of(String(run.reportId)), rows);
        }
      }
    }
  }

  const badRequest = (operationId: string, name: string, values: Record<string, string>): Answer => ({
    status: 400,
    json: errorEnvelope(example(operationId, 400, name), values),
  });

  function runBody(operationId: string, run: RunRecord, poll: boolean): JsonObject {
    const template = envelope(operationId);
    const state = runs.state(run, { poll });
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
  function findRun(operationId: string, call: Call, unknown = "unknownId"): RunRecord | Answer {
    const reportRunId = String(call.params.reportRunId);
    return runs.get(reportRunId) ?? badRequest(operationId, unknown, { reportRunId });
  }

  /** The run if it is COMPLETED, else the 400 saying what it is. */
  function completedRun(operationId: string, call: Call, unknown?: string): RunRecord | Answer {
    const run = findRun(operationId, call, unknown);
    if ("status" in run) {
      return run;
    }
    const { status } = runs.state(run);
    return status === "COMPLETED" ? run : badRequest(operationId, "runNotCompleted", { reportRunId: run.id, status });
  }

  const handlers: Record<string, (call: Call) => Answer> = {
    runReport(call) {
      const reportId = String(call.params.reportId);
      const view = call.params.viewType as ViewType;
      const scenario = scenarios.of(reportId);
      if (!scenario.exists) {
        return badRequest("runReport", "unknownReport", { reportId });
      }
      const key = call.params["Idempotency-Key"] as string | undefined;
      let run = key === undefined ? undefined : runs.byIdempotencyKey(call.credential, key);
      if (run && (run.reportId !== reportId || run.reportType !== view)) {
        return badRequest("runReport", "invalidRequest", {
          problem: `Idempotency-Key "${key}" already started a ${run.reportType} run of report ${run.reportId}; use a new key for another run`,
        });
      }
      if (!run) {
        run = runs.create(reportId, view, scenario, rowsOf(reportId, view, scenario.rows ?? settings.rows));
        if (key !== undefined) {
          runs.remember(call.credential, key, run);
        }
      }
      const template = envelope("runReport");
      return { status: 200, json: shaped(template, { response: { reportRunId: run.id } }) };
    },

    getReportRun(call) {
      const run = findRun("getReportRun", call);
      return "status" in run ? run : { status: 200, json: runBody("getReportRun", run, true) };
    },

    cancelReportRun(call) {
      const run = findRun("cancelReportRun", call);
      if ("status" in run) {
        return run;
      }
      const outcome = runs.cancel(run);
      if (outcome.kind === "finished") {
        return badRequest("cancelReportRun", "runFinished", { reportRunId: run.id, status: outcome.status });
      }
      const name = outcome.kind === "canceled" ? "canceled" : "alreadyCanceled";
      return { status: 200, json: example("cancelReportRun", 200, name).value };
    },

    getLastCompletedReportRun(call) {
      const reportId = String(call.params.reportId);
      if (!scenarios.of(reportId).exists) {
        return badRequest("getLastCompletedReportRun", "unknownReport", { reportId });
      }
      const run = runs.latestCompleted(reportId);
      return run
        ? { status: 200, json: runBody("getLastCompletedReportRun", run, false) }
        : badRequest("getLastCompletedReportRun", "reportNotRunYet", { reportId });
    },

    getReportData(call) {
      const run = completedRun("getReportData", call);
      if ("status" in run) {
        return run;
      }
      // `offset` counts records of the result set, whose first record is the header line (Zuora: "usually 1, to
      // skip the header record"): offset 1 is the first row, and offset 0 spends one slot on the header.
      const offset = Number(call.params.offset);
      const pageSize = Number(call.params.pageSize);
      const first = Math.max(offset - 1, 0);
      const end = Math.min(first + (offset === 0 ? pageSize - 1 : pageSize), run.rows.count);
      const page: Json[] = [];
      for (let index = first; index < end; index++) {
        page.push(run.rows.row(index));
      }
      const template = envelope("getReportData");
      const response = shaped(template.response as JsonObject, {
        page,
        size: pageSize,
        offset,
        total: run.rows.count,
      });
      return { status: 200, json: shaped(template, { response }) };
    },

    exportReportRun(call) {
      const run = completedRun("exportReportRun", call, "exportFailed");
      return "status" in run ? run : { status: 200, export: run.rows };
    },

    createToken(call) {
      const clientId = String((call.body as { client_id?: unknown }).client_id);
      const issued = tokens.issue(clientId);
      const template = example("createToken", 200).value as JsonObject;
      return {
        status: 200,
        json: shaped(template, { access_token: issued.token, expires_in: issued.expiresIn, jti: issued.jti }),
      };
    },
  };

  return {
    scenarios,
    runs,
    tokens,
    handler: (operationId) => handlers[operationId],
    example,
    badRequest,
  };
}
