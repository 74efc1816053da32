// The walk's requests, on the client's typed raw client (so they go through its auth, retries and timeouts), each
// answer read from what the recorder kept of it.
import type { RawClient, ReportType } from "@zuora-reports/client";
import { parseJson } from "./lenient.js";
import type { Recorder } from "./recorder.js";
import { Stop, stopForError, stopForStatus } from "./stop.js";

/** One answer: its status, its body as JSON (undefined when it is not JSON) and its index among the exchanges. */
export interface Answer {
  status: number;
  json: unknown;
  text: string;
  exchange: number;
}

/** The requests of the walk; each rejects with a {@link Stop} when the client throws. */
export interface Calls {
  /** Sends the next requests through `client` (another base URL). */
  use(client: RawClient): void;
  latest(reportId: string): Promise<Answer>;
  getRun(reportRunId: string): Promise<Answer>;
  runReport(reportId: string, viewType: ReportType): Promise<Answer>;
  dataPage(reportRunId: string, offset: number, pageSize: number): Promise<Answer>;
  exportRun(reportRunId: string, pivoted: boolean): Promise<Answer>;
}

/** Throws the {@link Stop} for `answer` unless it is a 2xx. */
export function requireOk(answer: Answer, what: string): void {
  if (answer.status < 200 || answer.status > 299) {
    throw stopForStatus(answer.status, answer.text, what);
  }
}

const JSON_ACCEPT = { Accept: "application/json" };

/** One request of the walk, sent with whichever client the walk is using. */
type Send = (client: RawClient) => Promise<unknown>;

/** The walk's requests: JSON is asked for, every body is read as text (the checker judges it, not the client). */
const requests = {
  latest:
    (reportId: string): Send =>
    (client) =>
      client.GET("/reports/{reportId}/reportruns/latest", {
        params: { path: { reportId } },
        headers: JSON_ACCEPT,
        parseAs: "text",
      }),
  getRun:
    (reportRunId: string): Send =>
    (client) =>
      client.GET("/reportruns/{reportRunId}", {
        params: { path: { reportRunId } },
        headers: JSON_ACCEPT,
        parseAs: "text",
      }),
  runReport:
    (reportId: string, viewType: ReportType): Send =>
    (client) =>
      client.POST("/reports/{reportId}/reportrun", {
        params: {
          path: { reportId },
          query: { viewType },
          header: { "Idempotency-Key": globalThis.crypto.randomUUID() },
        },
        // Zuora's own callers always send a body: [] keeps the report's saved filters.
        body: [],
        headers: JSON_ACCEPT,
        parseAs: "text",
      }),
  dataPage:
    (reportRunId: string, offset: number, pageSize: number): Send =>
    (client) =>
      client.GET("/reportruns/reportdata/{reportRunId}", {
        params: { path: { reportRunId }, query: { offset, pageSize } },
        headers: JSON_ACCEPT,
        parseAs: "text",
      }),
  exportRun:
    (reportRunId: string, pivoted: boolean): Send =>
    (client) =>
      client.GET("/reportruns/export/{reportRunId}", {
        params: { path: { reportRunId }, query: pivoted ? { pivoted: true } : {} },
        parseAs: "text",
      }),
};

/** The request names used in stop reasons. */
export const describe = {
  latest: (reportId: string) => `Get Last Completed Report Run of ${reportId}`,
  getRun: (reportRunId: string) => `Get Report Run ${reportRunId}`,
  runReport: (reportId: string) => `Run a report ${reportId}`,
  dataPage: (reportRunId: string, offset: number) => `Get Report Data of ${reportRunId} (offset ${offset})`,
  exportRun: (reportRunId: string, pivoted: boolean) =>
    `Export Report Run ${reportRunId}${pivoted ? " (pivoted)" : ""}`,
};

export function createCalls(recorder: Recorder, first: RawClient): Calls {
  let raw = first;

  /** Sends one request; its answer is the last exchange recorded (earlier ones: a token exchange, retries). */
  async function call(send: Send, what: string): Promise<Answer> {
    const before = recorder.exchanges.length;
    try {
      await send(raw);
    } catch (error) {
      throw stopForError(error, what);
    }
    const exchange = recorder.exchanges.length - 1;
    const recorded = recorder.exchanges[exchange];
    if (exchange < before || !recorded) {
      throw new Stop({ reason: `${what}: no answer was recorded.`, kind: "refused" });
    }
    return { status: recorded.status, json: parseJson(recorded.text), text: recorded.text, exchange };
  }

  return {
    use(client) {
      raw = client;
    },
    latest: (reportId) => call(requests.latest(reportId), describe.latest(reportId)),
    getRun: (reportRunId) => call(requests.getRun(reportRunId), describe.getRun(reportRunId)),
    runReport: (reportId, viewType) => call(requests.runReport(reportId, viewType), describe.runReport(reportId)),
    dataPage: (reportRunId, offset, pageSize) =>
      call(requests.dataPage(reportRunId, offset, pageSize), describe.dataPage(reportRunId, offset)),
    exportRun: (reportRunId, pivoted) =>
      call(requests.exportRun(reportRunId, pivoted), describe.exportRun(reportRunId, pivoted)),
  };
}
