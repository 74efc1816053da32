// Paging and answer shapes at their edges: an empty page ends the rows even if total says more, and an answer of the
// wrong shape is named in the error (a long value cut to 60 characters).
import { seedRun } from "@zuora-reports/conformance";
import { ok } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { ZuoraApiError } from "../src/index.js";
import { failure } from "./support/client.js";
import { jsonResponse, stubClient } from "./support/stub.js";

const { reportRunId: RUN_ID } = seedRun();

describe("reportRows", () => {
  it("an empty page ends the rows even when total promises more", async () => {
    const { client, requests } = stubClient((_r, i) =>
      jsonResponse(
        200,
        ok(i === 0 ? { page: [{ a: 1 }], size: 1, offset: 1, total: 10 } : { page: [], size: 0, offset: 2, total: 10 }),
      ),
    );
    const rows = [];
    for await (const row of client.reportRows(RUN_ID, { pageSize: 1 })) {
      rows.push(row);
    }
    expect(rows).toEqual([{ a: 1 }]);
    expect(requests).toHaveLength(2);
  });
});

describe("answers of the wrong shape", () => {
  it("a negative total is not a count", async () => {
    const { client } = stubClient(() => jsonResponse(200, ok({ page: [], size: 0, offset: 1, total: -1 })));
    const error = await failure(client.getReportData(RUN_ID, { offset: 1, pageSize: 10 }));
    expect(error.constructor).toBe(ZuoraApiError);
    expect(error.message).toBe("200: Zuora's answer is response.total is -1, expected an integer ≥ 0.");
  });

  it("a long wrong value is quoted up to 60 characters", async () => {
    const total = "9".repeat(100);
    const { client } = stubClient(() => jsonResponse(200, ok({ page: [], size: 0, offset: 1, total })));
    const error = await failure(client.getReportData(RUN_ID, { offset: 1, pageSize: 10 }));
    expect(error.message).toContain(`response.total is "${"9".repeat(59)}, expected an integer ≥ 0`);
  });
});
