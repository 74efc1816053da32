import { createRawClient } from "@zuora-reports/client";
import { describe, expect, inject, it } from "vitest";
import { callFor, calls, RUN_ID } from "./support/calls.js";
import { checkedFetch, conformance, type Exchange } from "./support/checked-fetch.js";

const baseUrl = inject("mockUrl");
const exchanges: Exchange[] = [];
const client = createRawClient({
  baseUrl,
  auth: { type: "bearer", token: "contract-test-token" },
  fetch: checkedFetch(exchanges),
});
const operations = conformance.operations;
const statusesOf = (op: (typeof operations)[number]) => [...op.responses.keys()].map(Number);
const anonymous = createRawClient({ baseUrl });

// The example of Zuora's Get Report Run page (../shared/reference/seed-get-report-run.md), as published.
const SEED_RESPONSE =
  '{ "success": true, "response": { "reportType": "Detail", "id": "ff808081529f4e3401529fd61f080074", "reportId": "ff808081529f4e3401529fd373730070", "startedOn": 1453166692000, "status": "COMPLETED", "reportDefinition": "...", "updatedOn": 1453166695000 } }';

describe("the seed: Get Report Run", () => {
  it("returns Zuora's published example exactly, keys in order", async () => {
    const response = await fetch(`${baseUrl}/reportruns/${RUN_ID}`, {
      headers: { Authorization: "Bearer any-token" },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(JSON.stringify(JSON.parse(SEED_RESPONSE)));
  });

  it("is the typed default response of the client", async () => {
    const { data, error } = await client.GET("/reportruns/{reportRunId}", {
      params: { path: { reportRunId: RUN_ID } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(JSON.parse(SEED_RESPONSE));
    // Typed access, checked by tsc in `pnpm lint`.
    const status:
      | "STARTED"
      | "QUERYDATA"
      | "PROCESSINGDATA"
      | "COMPLETED"
      | "CANCELLED"
      | "INVALID"
      | "ERROR"
      | undefined = data?.response.status;
    expect(status).toBe("COMPLETED");
  });
});

describe("every operation", () => {
  it("has a contract call", () => {
    expect(Object.keys(calls).sort()).toEqual(operations.map((op) => op.operationId).sort());
  });
});

describe("the spec's examples", () => {
  // Checked here against their schemas, without Prism: Prism only repeats them, so asking it for an example and
  // comparing the answer with that same example would prove nothing.
  it.each(conformance.examples().map((c) => [`${c.operation.operationId} ${c.status} ${c.example.name}`, c] as const))(
    "%s matches its schema",
    (_label, { example, schemaPointer }) => {
      expect(conformance.validate(schemaPointer, example.value, "the example")).toEqual([]);
    },
  );

  it.each(
    conformance
      .examples()
      .filter(({ example: { value } }) => typeof value === "object" && value !== null && "success" in value)
      .filter(({ example }) => (example.value as { success: unknown }).success === false),
  )("$operation.operationId $status $example.name: the JSON string in `response` is an ErrorDetail", ({ example }) => {
    const detail: unknown = JSON.parse((example.value as { response: string }).response);
    expect(conformance.validate("/components/schemas/ErrorDetail", detail, "the detail")).toEqual([]);
  });
});

// One round trip per operation and declared status: the client sorts the answer into data or error, and the
// answer as it came over the wire (not as the client parsed it) conforms to the spec, by the conformance checker.
describe.each(
  operations.flatMap((op) => statusesOf(op).map((status) => [`${op.operationId} ${status}`, op, status] as const)),
)("%s", (_label, op, status) => {
  it("comes back through the client, sorted into data or error, and conforms", async () => {
    exchanges.length = 0;
    const result = await callFor(op.operationId)(client, { Prefer: `code=${status}` });
    expect(result.response.status).toBe(status);
    expect(status < 400 ? result.error : result.data).toBeUndefined();
    expect(status < 400 ? result.data : result.error).toBeDefined();
    // Prism serves the export's example as it serves every example, without the charset the spec declares (the
    // response's x-mock says so): the one difference expected, and the checker must see it.
    const charset = [...(op.responses.get(String(status))?.content.values() ?? [])][0]?.extensions["x-charset"];
    const expected = charset ? [expect.stringMatching(/^Content-Type: expected text\/csv;charset=utf-16, got/)] : [];
    expect(exchanges.map((e) => [e.operationId, e.status, e.problems])).toEqual([[op.operationId, status, expected]]);
  });
});

describe("authentication", () => {
  it.each(operations.filter((op) => op.secured))("$operationId without credentials gets 401", async (op) => {
    const result = await callFor(op.operationId)(anonymous, {});
    expect(result.response.status).toBe(401);
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual({ message: "Authentication error" });
  });

  it("accepts the legacy apiAccessKeyId / apiSecretAccessKey pair", async () => {
    const legacy = createRawClient({ baseUrl, auth: { type: "legacy", username: "user@example.com", password: "pw" } });
    const { data, response } = await legacy.GET("/reportruns/{reportRunId}", {
      params: { path: { reportRunId: RUN_ID } },
    });
    expect(response.status).toBe(200);
    expect(data?.response.id).toBe(RUN_ID);
  });

  it("the token exchange needs no credentials", async () => {
    const { data, response } = await calls.createToken(anonymous, {});
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ token_type: "bearer" });
  });
});

describe("response headers", () => {
  it("carry Zuora's request id and the rate-limit headers", async () => {
    const { response } = await calls.getReportRun(client, {});
    expect(response.headers.get("Zuora-Request-Id")).toHaveLength(36);
    // Present and whole numbers (a missing header is null, and Number(null) is 0: so compare the text).
    const [limit, remaining, reset] = ["Limit", "Remaining", "Reset"].map((name) =>
      response.headers.get(`RateLimit-${name}`),
    );
    // RateLimit-Limit in Zuora's multi-window form: the quota nearest exhaustion, then each window.
    expect([limit, remaining, reset]).toEqual([
      expect.stringMatching(/^\d+(, \d+;w=\d+)+$/),
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+$/),
    ]);
    expect(Number(remaining)).toBeLessThan(Number(limit?.split(",")[0]));
    expect(Number(reset)).toBeGreaterThan(0);
  });

  it("429 says when to retry", async () => {
    const { response } = await calls.getReportRun(client, { Prefer: "code=429" });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
