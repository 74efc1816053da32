import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../../src/index.js";
import { loadSpec } from "../../src/spec/document.js";
import { checkRequest, type RequestParts } from "../../src/validation/request.js";
import { createSchemaValidators } from "../../src/validation/schemas.js";

const spec = loadSpec(defaultSpecPath);
const validators = createSchemaValidators(spec);

const parts = (over: Partial<RequestParts>): RequestParts => ({
  pathParams: {},
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
  ...over,
});

describe("checkRequest", () => {
  it("coerces parameters to their schema's types", () => {
    const check = checkRequest(
      validators,
      spec.operation("getReportData"),
      parts({ pathParams: { reportRunId: "abc" }, query: new URLSearchParams("offset=1&pageSize=20") }),
    );
    expect(check).toEqual({
      ok: true,
      request: { params: { reportRunId: "abc", offset: 1, pageSize: 20 }, body: undefined },
    });
  });

  it("names every problem: parameter, place and reason", () => {
    const check = checkRequest(
      validators,
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
    const check = checkRequest(
      validators,
      op,
      parts({
        ...base,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: Buffer.from(JSON.stringify(filters)),
      }),
    );
    expect(check).toMatchObject({ ok: true, request: { body: filters } });
    expect(checkRequest(validators, op, parts(base))).toMatchObject({ ok: true, request: { body: undefined } });
  });

  it("requires the token request's form", () => {
    expect(checkRequest(validators, spec.operation("createToken"), parts({}))).toEqual({
      ok: false,
      problems: ["the request body is required (application/x-www-form-urlencoded)"],
    });
  });
});
