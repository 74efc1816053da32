import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  InvalidArgumentError,
  type ReportSummary,
  SEARCH_PAGE_SIZE,
  UserAbortError,
  ZuoraApiError,
} from "../src/index.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const report = (n: number): ReportSummary => ({ id: `r${String(n).padStart(31, "0")}`, name: `Invoice report ${n}` });
const ok = (reports: unknown[]) => jsonResponse(200, { success: true, response: { reports, count: reports.length } });

/** A stub search endpoint over `total` reports, paged by `searchStart` (or not, if `ignoreStart`). */
const catalogue = (total: number, ignoreStart = false) =>
  stubClient((request, index) => {
    // Bounded, so that a client without the guard against a server ignoring searchStart fails instead of looping.
    if (index >= 5) {
      return jsonResponse(400, { success: false, response: '{"message": "too many calls"}' });
    }
    const start = ignoreStart ? 0 : Number(new URL(request.url).searchParams.get("searchStart"));
    const count = Math.max(0, Math.min(SEARCH_PAGE_SIZE, total - start));
    return ok(Array.from({ length: count }, (_, i) => report(start + i)));
  });

const params = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

describe("searchReports", () => {
  it("asks GET /reports/search for one page and returns it, without nextStart when it is short", async () => {
    const { client, requests } = catalogue(3);
    const page = await client.searchReports("invoice report", { namespace: "ADVANCED" });
    expect(page).toEqual({ reports: [report(0), report(1), report(2)], count: 3 });
    expect(page).not.toHaveProperty("nextStart");
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]?.url ?? "").pathname).toBe("/v1/reports/search");
    expect(requests[0]?.method).toBe("GET");
    expect(params(requests[0] as Request)).toEqual({
      query: "invoice report",
      searchStart: "0",
      namespace: "ADVANCED",
    });
  });

  it("withResponse() gives the first page with its answer, request id and rate limit", async () => {
    const { client } = stubClient(() => {
      const response = ok([report(0)]);
      response.headers.set("Zuora-Request-Id", "req-search-1");
      response.headers.set("RateLimit-Limit", "2500, 2500;w=60, 5000;w=3600, 10000;w=86400");
      response.headers.set("RateLimit-Remaining", "2499");
      response.headers.set("RateLimit-Reset", "59");
      return response;
    });
    const { data, response, requestId, rateLimit } = await client.searchReports("invoice").withResponse();
    expect(data.reports).toEqual([report(0)]);
    expect(response.status).toBe(200);
    expect(requestId).toBe("req-search-1");
    expect(rateLimit).toMatchObject({ limit: 2500, remaining: 2499, resetSeconds: 59, windowSeconds: 60 });
  });

  it("gives a full page the start of the next one, from the start asked for", async () => {
    const { client, requests } = catalogue(120);
    const page = await client.searchReports("invoice", { start: 50 });
    expect(page.reports).toHaveLength(50);
    expect(page.nextStart).toBe(100);
    expect(params(requests[0] as Request).searchStart).toBe("50");
  });

  it("sends orderBy as Zuora's JSON text, ascend as the string Zuora expects (true unless false)", async () => {
    const { client, requests } = catalogue(1);
    await client.searchReports("invoice", {
      orderBy: [{ field: "updated_on", ascend: false }, { field: "name" }],
    });
    await client.searchReports("invoice", { orderBy: '[{"field": "name", "ascend": "true"}]' });
    expect(requests.map((r) => params(r).orderBy)).toEqual([
      '[{"field":"updated_on","ascend":"false"},{"field":"name","ascend":"true"}]',
      '[{"field": "name", "ascend": "true"}]',
    ]);
  });

  it("iterates over every page, starting each at the reports received, and stops on a short page", async () => {
    const { client, requests } = catalogue(103);
    const ids: string[] = [];
    for await (const found of client.searchReports("invoice")) {
      ids.push(found.id);
    }
    expect(ids).toEqual(Array.from({ length: 103 }, (_, i) => report(i).id));
    expect(requests.map((r) => params(r).searchStart)).toEqual(["0", "50", "100"]);
  });

  it("stops on an empty page after full ones, and iterates from `start`", async () => {
    const { client, requests } = catalogue(100);
    let seen = 0;
    for await (const _ of client.searchReports("invoice", { start: 50 })) {
      seen += 1;
    }
    expect(seen).toBe(50);
    expect(requests.map((r) => params(r).searchStart)).toEqual(["50", "100"]);
  });

  it("fetches the next page only when the current one is consumed", async () => {
    const { client, requests } = catalogue(200);
    const iterator = client.searchReports("invoice")[Symbol.asyncIterator]();
    for (let i = 0; i < 50; i++) {
      await iterator.next();
    }
    expect(requests).toHaveLength(1);
    await iterator.next();
    expect(requests).toHaveLength(2);
    await iterator.return?.();
  });

  it("stops when the server answers the same full page again (it ignored searchStart)", async () => {
    const { client, requests } = catalogue(500, true);
    let seen = 0;
    for await (const _ of client.searchReports("invoice")) {
      seen += 1;
    }
    expect(seen).toBe(50);
    expect(requests).toHaveLength(2);
  });

  it.each([
    ["an empty query", "", {}, /query must be a non-empty string/],
    ["a blank query", "   ", {}, /query must be a non-empty string/],
    ["a negative start", "invoice", { start: -1 }, /start must be an integer from 0/],
    ["a fractional start", "invoice", { start: 1.5 }, /start must be an integer/],
    ["an empty orderBy text", "invoice", { orderBy: " " }, /orderBy must not be empty/],
    ["an empty orderBy list", "invoice", { orderBy: [] }, /non-empty array/],
    ["an orderBy key without a field", "invoice", { orderBy: [{ field: "" }] }, /non-empty field/],
    ["an orderBy key whose field is not text", "invoice", { orderBy: [{ field: 42 }] }, /non-empty field/],
    [
      "an orderBy key with ascend as text",
      "invoice",
      { orderBy: [{ field: "name", ascend: "true" }] },
      /boolean ascend/,
    ],
    ["a query that is not text", 42, {}, /query must be a non-empty string, got 42/],
    ["a namespace with a line break", "invoice", { namespace: "A\nB" }, /namespace must be/],
  ])("rejects %s with InvalidArgumentError before any request", async (_, query, options, message) => {
    const { client, requests } = catalogue(3);
    const error = await client.searchReports(query as string, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it("rejects the first iteration step too, and leaves no unhandled rejection while nobody looked yet", async () => {
    const { client } = catalogue(3);
    const search = client.searchReports("");
    // Let the rejection settle before anyone iterates: vitest fails the run on an unhandled rejection.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(search[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("rejects an answer off the spec, naming the field", async () => {
    const bad = stubClient(() => jsonResponse(200, { success: true, response: { reports: [{ id: "x" }], count: 1 } }));
    const error = await bad.client.searchReports("invoice").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZuoraApiError);
    expect((error as Error).message).toMatch(/response\.reports\[0\]\.name is missing/);
    expect((error as ZuoraApiError).status).toBe(200);
    const noList = stubClient(() => jsonResponse(200, { success: true, response: { count: 0 } }));
    await expect(noList.client.searchReports("invoice")).rejects.toThrow(/response\.reports is missing/);
  });

  it("tolerates fields the spec does not list, and a type it does not know", async () => {
    const extra = { ...report(1), type: "Pivot", labels: ["finance"] };
    const { client } = stubClient(() => ok([extra]));
    expect((await client.searchReports("invoice")).reports).toEqual([extra]);
  });

  it("turns Zuora's 400 into BadRequestError", async () => {
    const { client } = stubClient(() =>
      jsonResponse(400, { success: false, response: '{"message": "Bad query", "errorCode": "ZAN-USAGE-REST-ERROR"}' }),
    );
    await expect(client.searchReports("invoice")).rejects.toBeInstanceOf(BadRequestError);
  });

  it("stops at once when the signal aborts", async () => {
    const controller = new AbortController();
    controller.abort();
    const { client } = catalogue(3);
    await expect(client.searchReports("invoice", { signal: controller.signal })).rejects.toBeInstanceOf(UserAbortError);
  });
});
