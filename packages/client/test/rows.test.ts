import { seedRun } from "@zuora-reports/conformance";
import { json, ok, startFaultServer } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { createReportingClient, InvalidArgumentError } from "../src/index.js";

const { reportRunId: RUN_ID } = seedRun();

/** A data endpoint over `total` rows that returns at most `cap` rows per page. */
async function dataServer(total: number, cap = Number.POSITIVE_INFINITY) {
  const server = await startFaultServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const offset = Number(url.searchParams.get("offset"));
    const size = Number(url.searchParams.get("pageSize"));
    // Offsets count records skipped, the first page starting at 1 (Zuora's docs).
    const page = Array.from({ length: Math.max(0, Math.min(size, cap, total + 1 - offset)) }, (_, i) => ({
      n: offset + i,
    }));
    json(res, 200, ok({ page, size, offset, total }));
  });
  return { server, client: createReportingClient({ baseUrl: server.url, auth: { token: "tok-123" } }) };
}

const offsets = (urls: string[]) => urls.map((u) => new URL(u, "http://x").searchParams.get("offset"));

describe("reportRows", () => {
  it("pages through every row and stops at total", async () => {
    const { server, client } = await dataServer(7);
    const rows = [];
    for await (const row of client.reportRows(RUN_ID, { pageSize: 3 })) {
      rows.push(row.n);
    }
    expect(rows).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(offsets(server.requests.map((r) => r.url))).toEqual(["1", "4", "7"]);
  });

  it("advances by the rows received when the server returns fewer than asked", async () => {
    const { server, client } = await dataServer(5, 2);
    const rows = [];
    for await (const row of client.reportRows(RUN_ID, { pageSize: 100 })) {
      rows.push(row.n);
    }
    expect(rows).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests).toHaveLength(3);
  });

  it("requests the next page only when the current one is consumed", async () => {
    const { server, client } = await dataServer(10);
    const iterator = client.reportRows(RUN_ID, { pageSize: 5 })[Symbol.asyncIterator]();
    await iterator.next();
    expect(server.requests).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      await iterator.next();
    }
    expect(server.requests).toHaveLength(1);
    await iterator.next();
    expect(server.requests).toHaveLength(2);
    await iterator.return?.();
  });

  it("rejects a bad pageSize before any request", async () => {
    const { server, client } = await dataServer(3);
    expect(() => client.reportRows(RUN_ID, { pageSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => client.reportRows(RUN_ID, { pageSize: 2.5 })).toThrow(
      "pageSize must be an integer from 1 up, got 2.5.",
    );
    expect(server.requests).toHaveLength(0);
  });
});
