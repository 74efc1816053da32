// checkRequest: parameters coerced and checked, bodies by media type, every problem named.
import { describe, expect, it } from "vitest";
import { bundledDocumentPath, loadConformance, type RequestParts } from "../src/index.js";

const spec = loadConformance(bundledDocumentPath());

const parts = (over: Partial<RequestParts>): RequestParts => ({
  pathParams: {},
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
  ...over,
});

describe("checkRequest", () => {
  it("coerces parameters to their schema's types", () => {
    const check = spec.checkRequest(
      spec.operation("getReportData"),
      parts({ pathParams: { reportRunId: "abc" }, query: new URLSearchParams("offset=1&pageSize=20") }),
    );
    expect(check).toEqual({
      ok: true,
      request: { params: { reportRunId: "abc", offset: 1, pageSize: 20 }, body: undefined },
    });
  });

  it("names every problem: parameter, place and reason", () => {
    const check = spec.checkRequest(
      spec.operation("getReportData"),
      parts({
        pathParams: { reportRunId: "a/b" },
        query: new URLSearchParams("offset=-1"),
        headers: { "zuora-track-id": "x".repeat(65) },
      }),
    );
    expect(check).toEqual({
      ok: false,
      problems: [
        'path parameter reportRunId must match ^[A-Za-z0-9_-]+$ (got "a/b")',
        "query parameter offset must be >= 0 (got -1)",
        "query parameter pageSize is required",
        "header Zuora-Track-Id must be at most 64 characters long (got 65)",
      ],
    });
  });

  it("reads a JSON body, and an empty one as none when it is optional", () => {
    const op = spec.operation("runReport");
    const base = { pathParams: { reportId: "r" }, query: new URLSearchParams("viewType=Detail") };
    const filters = [
      { filterClauses: [{ field: { name: "Product.Name" }, value: "Hockey", operator: { value: "contains" } }] },
    ];
    const check = spec.checkRequest(
      op,
      parts({
        ...base,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: Buffer.from(JSON.stringify(filters)),
      }),
    );
    expect(check).toMatchObject({ ok: true, request: { body: filters } });
    expect(spec.checkRequest(op, parts(base))).toMatchObject({ ok: true, request: { body: undefined } });
  });

  it("requires the token request's form", () => {
    expect(spec.checkRequest(spec.operation("createToken"), parts({}))).toEqual({
      ok: false,
      problems: ["the request body is required (application/x-www-form-urlencoded)"],
    });
  });
});
