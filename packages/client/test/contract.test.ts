// Every method against the Prism mock of the spec; states and errors are chosen per call with `Prefer`.
import { seedRun } from "@zuora-reports/conformance";
import { describe, expect, inject, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  createReportingClient,
  InternalServerError,
  RateLimitError,
  type ReportingClientOptions,
  type ReportRun,
  ReportRunFailedError,
} from "../src/index.js";

const baseUrl = inject("mockUrl");
const { reportRunId: RUN_ID, reportId: REPORT_ID } = seedRun();

/** A client whose n-th request carries `prefer[n]` (the last one repeats) as its `Prefer` header. */
function clientPreferring(prefer: string[], options: Partial<ReportingClientOptions> = {}) {
  const sent: Request[] = [];
  const client = createReportingClient({
    baseUrl,
    auth: { token: "contract-test-token" },
    retryBaseDelayMs: 1,
    ...options,
    fetch: (request) => {
      const header = prefer[Math.min(sent.length, prefer.length - 1)];
      sent.push(request);
      if (header) {
        request.headers.set("Prefer", header);
      }
      return fetch(request);
    },
  } as ReportingClientOptions);
  return { client, sent };
}

const SEED: ReportRun = {
  reportType: "Detail",
  id: RUN_ID,
  reportId: REPORT_ID,
  startedOn: 1453166692000,
  status: "COMPLETED",
  reportDefinition: "...",
  updatedOn: 1453166695000,
};

describe("methods against the mock", () => {
  it("getReportRun returns the unwrapped run (Zuora's published example)", async () => {
    const { client, sent } = clientPreferring([]);
    expect(await client.getReportRun(RUN_ID)).toEqual(SEED);
    expect(sent[0]?.headers.get("Authorization")).toBe("Bearer contract-test-token");
  });

  it("runReport returns the new run id and sends viewType, filters and an Idempotency-Key", async () => {
    const { client, sent } = clientPreferring([]);
    const filters = [
      { filterClauses: [{ field: { name: "Product.Name" }, value: "Hockey", operator: { value: "contains" } }] },
    ];
    const result = await client.runReport(REPORT_ID, { viewType: "Summary", filters });
    expect(result.reportRunId).toMatch(/^[A-Za-z0-9_-]+$/);
    const request = sent[0];
    expect(new URL(request?.url ?? "").search).toBe("?viewType=Summary");
    expect(request?.headers.get("Idempotency-Key")).toBeTruthy();
  });

  it("getLastCompletedReportRun returns a completed run", async () => {
    const { client } = clientPreferring([]);
    expect((await client.getLastCompletedReportRun(REPORT_ID)).status).toBe("COMPLETED");
  });

  it("getReportData returns one page", async () => {
    const { client, sent } = clientPreferring([]);
    const page = await client.getReportData(RUN_ID, { offset: 1, pageSize: 100 });
    expect(page).toMatchObject({ size: 100, offset: 1, total: 4 });
    expect(page.page).toHaveLength(4);
    expect(page.page[0]?.["Account.Currency"]).toBe("USD");
    expect(new URL(sent[0]?.url ?? "").search).toBe("?offset=1&pageSize=100");
  });

  it("reportRows yields every row and stops at total", async () => {
    const { client, sent } = clientPreferring([]);
    const rows = [];
    for await (const row of client.reportRows(RUN_ID, { pageSize: 100 })) {
      rows.push(row);
    }
    expect(rows).toHaveLength(4);
    expect(sent).toHaveLength(1);
  });

  it("reportRows yields nothing for an empty result", async () => {
    const { client } = clientPreferring(["example=empty"]);
    const rows = [];
    for await (const row of client.reportRows(RUN_ID)) {
      rows.push(row);
    }
    expect(rows).toEqual([]);
  });

  it("exportReportRun gives the text and the tab-separated rows", async () => {
    const { client } = clientPreferring([]);
    const exported = await client.exportReportRun(RUN_ID);
    expect(exported.contentType).toMatch(/^text\/csv/);
    const text = await exported.text();
    expect(text).toContain("\t");
    const again = await client.exportReportRun(RUN_ID, { pivoted: false });
    const rows = await again.rows();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]?.join("\t")).toBe(text.split(/\r?\n/)[0]);
  });

  it("cancelReportRun returns Zuora's message", async () => {
    // A run that is still going: the mock's scenario report whose runs never end by themselves.
    const { client } = clientPreferring([]);
    const { reportRunId } = await client.runReport("mock-never-ends", { viewType: "Detail" });
    expect(await client.cancelReportRun(reportRunId)).toBe("The report run has been canceled");
    expect(await clientPreferring(["example=alreadyCanceled"]).client.cancelReportRun(RUN_ID)).toBe(
      "The report run was canceled",
    );
  });

  it("fetches an OAuth token from /oauth/token on the origin and reuses it", async () => {
    const { client, sent } = clientPreferring([], {
      auth: { clientId: "8c9e3f42-0d5c-4f9e-a0f3-5d2c0b6e7a11", clientSecret: "not-a-real-secret" },
    });
    await client.getReportRun(RUN_ID);
    await client.getReportRun(RUN_ID);
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      "/oauth/token",
      `/reportruns/${RUN_ID}`,
      `/reportruns/${RUN_ID}`,
    ]);
    expect(sent[1]?.headers.get("Authorization")).toMatch(/^Bearer \S+$/);
  });
});

describe("errors from the mock", () => {
  it.each([
    ["code=400", "BadRequestError", BadRequestError, 400, "ZAN-USAGE-REST-ERROR"],
    ["code=401", "AuthenticationError", AuthenticationError, 401, undefined],
    ["code=429", "RateLimitError", RateLimitError, 429, "REQUEST_EXCEEDED_LIMIT"],
    ["code=500", "InternalServerError", InternalServerError, 500, undefined],
  ])("%s → %s", async (prefer, _name, ErrorClass, status, errorCode) => {
    const { client } = clientPreferring([prefer], { maxRetries: 0 });
    const error = await client.getReportRun(RUN_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status });
    if (errorCode) {
      expect(error).toMatchObject({ errorCode });
    }
    expect((error as Error).message).not.toMatch(/\{|\\"/);
    expect((error as Error).message).not.toContain("contract-test-token");
  });

  it("decodes the JSON-string envelope of a 400 into its message", async () => {
    const { client } = clientPreferring(["code=400"], { maxRetries: 0 });
    const error = await client.getReportRun(RUN_ID).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^400 ZAN-USAGE-REST-ERROR: .*does not exist/);
  });

  it("retries a GET on 500 and 429, then gives up with the typed error", async () => {
    const { client, sent } = clientPreferring(["code=500", "code=429"], { maxRetries: 2, maxRetryAfterMs: 1 });
    await expect(client.getReportRun(RUN_ID)).rejects.toBeInstanceOf(RateLimitError);
    expect(sent).toHaveLength(3);
  });

  it("a 401 without credentials", async () => {
    const client = createReportingClient({
      baseUrl,
      auth: { token: "t0ken" },
      fetch: (request) => {
        request.headers.delete("Authorization");
        return fetch(request);
      },
    });
    await expect(client.getReportRun(RUN_ID)).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("waitForReportRun against the mock", () => {
  it("follows STARTED → QUERYDATA → PROCESSINGDATA → COMPLETED, one request at a time", async () => {
    const prefer = ["example=started", "example=querydata", "example=processingdata", "example=completed"];
    const { client, sent } = clientPreferring(prefer);
    const seen: string[] = [];
    const result = await client.waitForReportRun(RUN_ID, { intervalMs: 1, onStatus: (r) => seen.push(r.status) });
    expect(result.status).toBe("COMPLETED");
    expect(seen).toEqual(["STARTED", "QUERYDATA", "PROCESSINGDATA", "COMPLETED"]);
    expect(sent).toHaveLength(4);
  });

  it.each(["cancelled", "invalid", "error"])("rejects with ReportRunFailedError when the run ends %s", async (name) => {
    const { client } = clientPreferring(["example=started", `example=${name}`]);
    const error = await client.waitForReportRun(RUN_ID, { intervalMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportRunFailedError);
    const failed = error as ReportRunFailedError;
    expect(failed.runStatus).toBe(name.toUpperCase());
    expect(failed.status).toBeUndefined();
    expect(failed.run.status).toBe(name.toUpperCase());
    expect(failed.message).toContain(RUN_ID);
  });

  it("runReportAndWait runs, then waits for completion", async () => {
    const { client, sent } = clientPreferring(["", "example=started", "example=completed"]);
    const result = await client.runReportAndWait(REPORT_ID, { viewType: "Detail", intervalMs: 1 });
    expect(result.status).toBe("COMPLETED");
    expect(sent.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
  });

  it("reads ISO timestamps as published", async () => {
    const { client } = clientPreferring(["example=completedIsoTimestamps"]);
    const result = await client.getReportRun(RUN_ID);
    expect(typeof result.startedOn).toBe("string");
  });
});
