import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConformance, fixtureExchange, seedRun } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { checkRecordFolder, createRedactor, MAX_EXPORT_ROWS, writeFixtures } from "../src/fixtures.js";
import type { RecordedExchange } from "../src/recorder.js";

const conformance = createConformance();
const SECRET = "password-of-the-user-42";
const RUN_ID = seedRun().reportRunId;

function recorded(
  path: string,
  status: number,
  headers: Record<string, string>,
  text: string,
  extra = {},
): RecordedExchange {
  const bytes = new TextEncoder().encode(text);
  return {
    method: "GET",
    url: new URL(`https://rest.example.invalid/reporting/api/rest/v1${path}`),
    status,
    headers,
    bytes,
    text,
    charset: "utf-8",
    ...extra,
  };
}

describe("the redactor", () => {
  it("keeps a UTF-16LE export's layout and encoding, masks its values, keeps its header line", () => {
    const redactor = createRedactor(conformance, [], "test");
    const text = 'Account: Name\tInvoice: Amount\r\nAcme Ltd\t"1,729.76"\r\nGlobex\t984.00\r\n';
    const fixture = redactor.fixture(
      recorded(`/reportruns/export/${RUN_ID}`, 200, { "content-type": "text/csv;charset=utf-16" }, text, {
        charset: "utf-16le",
        bom: "utf-16le",
      }),
      "/reporting/api/rest/v1",
    );
    expect(fixture.request).toEqual({ method: "GET", path: "/reportruns/export/{reportRunId}" });
    expect(fixture.response.text).toBe("Account: Name\tInvoice: Amount\r\ncell-1\tcell-2\r\ncell-3\tcell-4\r\n");
    expect(fixture.response.encoding).toEqual({ charset: "utf-16le", bom: true });
    expect(conformance.check(fixtureExchange(fixture)).violations).toEqual([]);
  });

  it("keeps the header line and the first rows of a large export", () => {
    const redactor = createRedactor(conformance, [], "test");
    const rows = Array.from({ length: MAX_EXPORT_ROWS + 50 }, (_, i) => `row ${i}`);
    const fixture = redactor.fixture(
      recorded("/reportruns/export/r1", 200, { "content-type": "text/csv" }, `A: B\n${rows.join("\n")}\n`),
      "/reporting/api/rest/v1",
    );
    const lines = (fixture.response.text ?? "").trimEnd().split("\n");
    expect(lines).toHaveLength(1 + MAX_EXPORT_ROWS);
    expect(lines[0]).toBe("A: B");
  });

  it("gives equal values equal placeholders across answers, so rows still match between data and export", () => {
    const redactor = createRedactor(conformance, [], "test");
    const data = redactor.fixture(
      recorded(
        `/reportruns/reportdata/${RUN_ID}?offset=1&pageSize=2`,
        200,
        { "content-type": "application/json" },
        JSON.stringify({
          success: true,
          response: { page: [{ "A.B": "Acme Ltd", "A.N": 7, "A.F": true, "A.E": "" }], size: 2, offset: 1, total: 1 },
        }),
      ),
      "/reporting/api/rest/v1",
    );
    const exported = redactor.fixture(
      recorded(`/reportruns/export/${RUN_ID}`, 200, { "content-type": "text/csv" }, "A: B\nAcme Ltd\n"),
      "/reporting/api/rest/v1",
    );
    expect(data.request.query).toEqual({ offset: "1", pageSize: "2" });
    expect(data.response.json).toEqual({
      success: true,
      response: { page: [{ "A.B": "cell-1", "A.N": 1, "A.F": true, "A.E": "" }], size: 2, offset: 1, total: 1 },
    });
    expect(exported.response.text).toBe("A: B\ncell-1\n");
  });

  it("takes ids, secrets and e-mail addresses out of error envelopes, keeping their JSON text and the ids' length", () => {
    const redactor = createRedactor(conformance, [SECRET], "test");
    const inner = {
      errorId: "3b0a2d3c-6a0e-4d39-9c43-2f0f6c1f5d3e",
      message: `Run ff808081529f4e3401529fd61f080075 of jane@example.org failed: ${SECRET}`,
      errorCode: "ZAN-USAGE-REST-ERROR",
    };
    const fixture = redactor.fixture(
      recorded(
        "/reportruns/ff808081529f4e3401529fd61f080075",
        400,
        {
          "content-type": "application/json",
          "zuora-request-id": "5e0b2a0a-8d1c-4b53-9a2e-4c3f6b7d8e9f",
          "set-cookie": "s=1",
          server: "x",
        },
        JSON.stringify({ success: false, response: JSON.stringify(inner), links: null }),
      ),
      "/reporting/api/rest/v1",
    );
    const text = JSON.stringify(fixture);
    for (const value of [
      SECRET,
      "jane@example.org",
      "ff808081529f4e3401529fd61f080075",
      inner.errorId,
      "5e0b2a0a",
      "set-cookie",
      "server",
    ]) {
      expect(text).not.toContain(value);
    }
    const body = fixture.response.json as { response: string };
    const detail = JSON.parse(body.response) as typeof inner;
    expect(detail.errorCode).toBe("ZAN-USAGE-REST-ERROR");
    expect(detail.errorId).toHaveLength(inner.errorId.length);
    expect(detail.message).toMatch(/^Run 0+\d of user-1@example\.com failed: redacted-token-1$/);
    expect(fixture.response.headers["zuora-request-id"]).toHaveLength(36);
    expect(conformance.check(fixtureExchange(fixture)).violations).toEqual([]);
  });

  it("keeps a report definition's keys but not its values", () => {
    const redactor = createRedactor(conformance, [], "test");
    const definition = JSON.stringify({
      name: "Revenue by customer",
      creator: "jane",
      viewFields: { rowFields: ["Account.Name"] },
      hidden: false,
    });
    const fixture = redactor.fixture(
      recorded(
        `/reportruns/${RUN_ID}`,
        200,
        { "content-type": "application/json" },
        JSON.stringify({ success: true, response: { id: "r1", status: "COMPLETED", reportDefinition: definition } }),
      ),
      "/reporting/api/rest/v1",
    );
    const run = (fixture.response.json as { response: { reportDefinition: string; status: string } }).response;
    expect(JSON.parse(run.reportDefinition)).toEqual({
      name: "x",
      creator: "x",
      viewFields: { rowFields: ["x"] },
      hidden: false,
    });
    expect(run.status).toBe("COMPLETED");
  });
});

describe("writing fixtures", () => {
  it("folds the same answer in a row into one file, numbered in order, and never overwrites", async () => {
    const folder = await mkdtemp(join(tmpdir(), "fixtures-"));
    try {
      const redactor = createRedactor(conformance, [], "test");
      const poll = (status: string, remaining: string) =>
        redactor.fixture(
          recorded(
            "/reportruns/r1",
            200,
            { "content-type": "application/json", "ratelimit-remaining": remaining },
            JSON.stringify({ success: true, response: { status } }),
          ),
          "/reporting/api/rest/v1",
        );
      const names = await writeFixtures(folder, [poll("STARTED", "9"), poll("STARTED", "8"), poll("COMPLETED", "7")]);
      expect(names).toEqual(["01-getReportRun-200.json", "02-getReportRun-200.json"]);
      expect((await readdir(folder)).sort()).toEqual(names);
      expect(await checkRecordFolder(folder)).toMatch(/is not empty/);
      await expect(writeFixtures(folder, [poll("ERROR", "1")])).rejects.toThrow(/EEXIST/);
      expect(await checkRecordFolder(join(folder, "new"))).toBeUndefined();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
