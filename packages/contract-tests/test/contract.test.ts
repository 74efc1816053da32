import { createRawClient } from "@zuora-reports/client";
import { describe, expect, inject, it } from "vitest";
import { callFor, calls, RUN_ID } from "./support/calls.js";
import { describeErrors, exampleCases, operations, schemaValidator } from "./support/spec.js";

const baseUrl = inject("mockUrl");
const client = createRawClient({ baseUrl, auth: { type: "bearer", token: "contract-test-token" } });
const anonymous = createRawClient({ baseUrl });

// The example of Zuora's Get Report Run page (../shared/reference/seed-get-report-run.md), as published.
const SEED_RESPONSE =
  '{ "success": true, "response": { "reportType": "Detail", "id": "ff808081529f4e3401529fd61f080074", "reportId": "ff808081529f4e3401529fd373730070", "startedOn": 1453166692000, "status": "COMPLETED", "reportDefinition": "...", "updatedOn": 1453166695000 } }';

async function bodyOf(result: { response: Response; data?: unknown; error?: unknown }): Promise<unknown> {
  return result.error !== undefined ? result.error : result.data;
}

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
    expect(Object.keys(calls).sort()).toEqual(
      operations()
        .map((op) => op.operationId)
        .sort(),
    );
  });

  it("declares 400, 401, 429 and 500", () => {
    for (const op of operations()) {
      expect(op.statuses, op.operationId).toEqual(expect.arrayContaining([200, 400, 401, 429, 500]));
    }
  });
});

describe.each(exampleCases().map((c) => [`${c.operationId} ${c.status} ${c.name}`, c] as const))(
  "%s",
  (_label, example) => {
    it("comes back through the client, typed, equal to the spec's example and valid against its schema", async () => {
      const result = await callFor(example.operationId)(client, {
        Prefer: `code=${example.status}, example=${example.name}`,
      });
      expect(result.response.status).toBe(example.status);
      if (example.status < 400) {
        expect(result.error).toBeUndefined();
        expect(result.data).toEqual(example.value);
      } else {
        expect(result.data).toBeUndefined();
        expect(result.error).toEqual(example.value);
      }
      const body = await bodyOf(result);
      expect(example.validate(body), describeErrors(example.validate)).toBe(true);
    });
  },
);

describe("error bodies", () => {
  const errorDetail = schemaValidator("ErrorDetail");

  it.each(
    exampleCases().filter(
      (c) => typeof c.value === "object" && c.value !== null && "success" in c.value && c.value.success === false,
    ),
  )("$operationId $status $name: the JSON string in `response` is an ErrorDetail", (example) => {
    const envelope = example.value as { response: string };
    const detail: unknown = JSON.parse(envelope.response);
    expect(errorDetail(detail), describeErrors(errorDetail)).toBe(true);
  });
});

describe("authentication", () => {
  it.each(operations().filter((op) => op.secured))("$operationId without credentials gets 401", async (op) => {
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
    expect(Number(response.headers.get("RateLimit-Remaining"))).toBeGreaterThanOrEqual(0);
    expect(Number(response.headers.get("RateLimit-Reset"))).toBeGreaterThanOrEqual(0);
  });

  it("429 says when to retry", async () => {
    const { response } = await calls.getReportRun(client, { Prefer: "code=429" });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
