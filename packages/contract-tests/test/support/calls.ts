// One typed call per operation of the spec, through the client, with the ids of Zuora's published examples.
import type { RawClient } from "@zuora-reports/client";
import { seedRun } from "@zuora-reports/conformance";

export const { reportRunId: RUN_ID, reportId: REPORT_ID } = seedRun();

export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

type Call = (client: RawClient, headers: Record<string, string>) => Promise<CallResult>;

export const calls = {
  runReport: (client, headers) =>
    client.POST("/reports/{reportId}/reportrun", {
      params: { path: { reportId: REPORT_ID }, query: { viewType: "Detail" } },
      body: [],
      headers,
    }),
  getReportRun: (client, headers) =>
    client.GET("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } }, headers }),
  cancelReportRun: (client, headers) =>
    client.DELETE("/reportruns/{reportRunId}", { params: { path: { reportRunId: RUN_ID } }, headers }),
  getLastCompletedReportRun: (client, headers) =>
    client.GET("/reports/{reportId}/reportruns/latest", { params: { path: { reportId: REPORT_ID } }, headers }),
  getReportData: (client, headers) =>
    client.GET("/reportruns/reportdata/{reportRunId}", {
      params: { path: { reportRunId: RUN_ID }, query: { offset: 1, pageSize: 100 } },
      headers,
    }),
  exportReportRun: (client, headers) =>
    client.GET("/reportruns/export/{reportRunId}", {
      params: { path: { reportRunId: RUN_ID } },
      parseAs: "text",
      headers,
    }),
  searchReports: (client, headers) =>
    client.GET("/reports/search", { params: { query: { query: "invoice", searchStart: "0" } }, headers }),
  createToken: (client, headers) =>
    client.POST("/oauth/token", {
      body: {
        client_id: "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11",
        client_secret: "not-a-real-secret",
        grant_type: "client_credentials",
      },
      bodySerializer: (body) => new URLSearchParams(body).toString(),
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
    }),
} satisfies Record<string, Call>;

/** The contract call of an operation of the spec; throws for one that has none. */
export function callFor(operationId: string): Call {
  const call = (calls as Record<string, Call | undefined>)[operationId];
  if (!call) {
    throw new Error(`No contract call for operation ${operationId}: add one to test/support/calls.ts.`);
  }
  return call;
}
