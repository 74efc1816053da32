// Bad arguments fail at once, with one clear message, before anything is sent.
import { seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import {
  createReportingClient,
  environments,
  InvalidArgumentError,
  type ReportingClientOptions,
} from "../src/index.js";

function spyClient(options: Partial<ReportingClientOptions> = {}) {
  const sent: Request[] = [];
  const client = createReportingClient({
    baseUrl: "http://127.0.0.1:9",
    auth: { token: "tok-123" },
    fetch: async (request) => {
      sent.push(request);
      return new Response("{}");
    },
    ...options,
  } as ReportingClientOptions);
  return { client, sent };
}

const invalid = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(InvalidArgumentError);
  expect(fn).toThrow(message);
};

describe("method arguments", () => {
  it.each(["", "   ", ".", "..", undefined, 42])("rejects the id %j", async (id) => {
    const { client, sent } = spyClient();
    await expect(client.getReportRun(id as string)).rejects.toThrow(/runId must be a non-empty id string/);
    await expect(client.cancelReportRun(id as string)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.runReport(id as string, { viewType: "Detail" })).rejects.toThrow(/reportId must be/);
    expect(sent).toHaveLength(0);
  });

  it("rejects bad options of each method", async () => {
    const { client, sent } = spyClient();
    const id = seedRun().reportRunId;
    await expect(client.runReport(id, { viewType: "detail" as "Detail" })).rejects.toThrow(
      'viewType must be Detail or Summary, got "detail".',
    );
    await expect(client.runReport(id, { viewType: "Detail", filters: {} as [] })).rejects.toThrow(
      /filters must be an array/,
    );
    await expect(client.getReportData(id, { offset: -1, pageSize: 10 })).rejects.toThrow(
      /offset must be an integer from 0/,
    );
    await expect(client.getReportData(id, { offset: 1, pageSize: 0 })).rejects.toThrow(/pageSize/);
    await expect(client.exportReportRun(id, { pivoted: "yes" as unknown as boolean })).rejects.toThrow(/pivoted/);
    await expect(client.getReportRun(id, { timeoutMs: -5 })).rejects.toThrow(
      /timeoutMs must be a number from 1 to \d+, got -5/,
    );
    await expect(client.waitForReportRun(id, { intervalMs: 0 })).rejects.toThrow(/intervalMs/);
    await expect(client.runReportAndWait(id, { viewType: "Detail", timeoutMs: Number.NaN })).rejects.toThrow(
      /timeoutMs/,
    );
    expect(sent).toHaveLength(0);
  });
});

describe("client options", () => {
  it.each([
    ["a: colon", /trackId must be 1-64 printable US-ASCII characters/],
    ["x".repeat(65), /trackId/],
    ["caf\u00e9", /trackId/],
    ["", /trackId/],
  ])("rejects the trackId %j", (trackId, message) => {
    invalid(() => spyClient({ trackId }), message);
  });

  it("accepts a valid trackId and sends it", async () => {
    const { client, sent } = spyClient({ trackId: "nightly-revenue-export-42" });
    await client.getReportRun("abc").catch(() => undefined);
    expect(sent[0]?.headers.get("Zuora-Track-Id")).toBe("nightly-revenue-export-42");
  });

  it("needs environment or baseUrl, and a known environment", () => {
    invalid(
      () => createReportingClient({ auth: { token: "t" } } as ReportingClientOptions),
      /Pass environment or baseUrl/,
    );
    invalid(
      () => createReportingClient({ environment: "mars" as "us-sandbox", auth: { token: "t" } }),
      /Unknown environment "mars"; use one of us-production, /,
    );
    invalid(() => spyClient({ baseUrl: "ftp://example.com" }), /baseUrl must be an http\(s\) URL/);
  });

  it("takes the presets from the spec's servers", () => {
    const sandbox = environments.find((e) => e.environment === "us-sandbox");
    expect(sandbox?.url).toBe("https://rest.apisandbox.zuora.com/reporting/api/rest/v1");
  });

  it("sends to the preset's URL, from the methods and from raw, which returns failures instead of throwing", async () => {
    const sent: Request[] = [];
    const client = createReportingClient({
      environment: "us-sandbox",
      auth: { token: "t0k3n" },
      trackId: "preset-test",
      maxRetries: 0,
      fetch: async (request) => {
        sent.push(request);
        return Response.json({ message: "No such run." }, { status: 404 });
      },
    });
    const { data, error, response } = await client.raw.GET("/reportruns/{reportRunId}", {
      params: { path: { reportRunId: "r1" } },
    });
    expect([data, error, response.status]).toEqual([undefined, { message: "No such run." }, 404]);
    await expect(client.getReportRun("r2")).rejects.toMatchObject({ status: 404, message: "404: No such run." });
    const base = "https://rest.apisandbox.zuora.com/reporting/api/rest/v1";
    expect(sent.map((request) => request.url)).toEqual([`${base}/reportruns/r1`, `${base}/reportruns/r2`]);
    for (const request of sent) {
      expect(request.headers.get("Authorization")).toBe("Bearer t0k3n");
      expect(request.headers.get("Zuora-Track-Id")).toBe("preset-test");
    }
  });

  it("refuses OAuth on legacy hosts", () => {
    const auth = { clientId: "id", clientSecret: "secret-value" };
    invalid(() => createReportingClient({ environment: "legacy-us-sandbox", auth }), /legacy zconnect hosts/);
    invalid(() => createReportingClient({ baseUrl: "https://zconnect.zuora.com/api/rest/v1", auth }), /legacy/);
    expect(() =>
      createReportingClient({ environment: "legacy-us-sandbox", auth: { username: "u", password: "p4ss" } }),
    ).not.toThrow();
  });

  it("rejects malformed auth without echoing secrets", () => {
    invalid(
      () => spyClient({ auth: {} as { token: string } }),
      /auth must be \{ clientId, clientSecret \}, \{ token \} or/,
    );
    const fn = () => spyClient({ auth: { token: "line\nbreak-secret" } });
    invalid(fn, /auth.token must be 1-4096 printable US-ASCII characters/);
    expect(() => fn()).not.toThrow(/break-secret/);
    invalid(() => spyClient({ auth: { username: "u", password: "" } }), /auth.password/);
  });

  it("rejects bad numbers", () => {
    invalid(() => spyClient({ maxRetries: -1 }), /maxRetries must be an integer from 0 to 10/);
    invalid(() => spyClient({ timeoutMs: 0 }), /timeoutMs/);
  });

  it("keeps secrets out of the client's own properties", () => {
    const { client } = spyClient({ auth: { clientId: "id", clientSecret: "super-secret-value" } });
    expect(JSON.stringify(Object.keys(client))).not.toContain("secret");
    expect(JSON.stringify(client, (_k, v) => (typeof v === "function" ? "fn" : v))).not.toContain("super-secret-value");
  });
});
