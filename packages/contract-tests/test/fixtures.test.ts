// Every recorded fixture under fixtures/ is checked against the spec: a spec change that no longer allows an answer
// someone recorded (from a tenant with `zuora-reports verify --record`, from the mock, or from Zuora's published
// examples) fails here.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createConformance, type Fixture, fixtureExchange, type Json, readFixtures } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";

const FOLDER = fileURLToPath(new URL("../fixtures", import.meta.url));
const conformance = createConformance();
const fixtures = readFixtures(FOLDER).map(({ file, fixture }) => [relative(FOLDER, file), fixture] as const);

describe("recorded fixtures", () => {
  it("are there: the mock's recording and Zuora's published examples", () => {
    const folders = new Set(fixtures.map(([name]) => name.split("/")[0]));
    expect(folders).toEqual(new Set(["mock", "zuora-published"]));
  });

  it.each(fixtures)("%s conforms to the spec", (_name, fixture) => {
    const verdict = conformance.check(fixtureExchange(fixture), { charset: true });
    expect(verdict.operation?.operationId).toBe(fixture.operationId);
    // A fixture names its request by the path template: no tenant's ids.
    expect(fixture.request.path).toBe(verdict.operation?.path);
    expect(verdict.violations).toEqual([]);
  });

  it("fail the check when the answer drifts (so the check above can fail)", () => {
    const [, run] = fixtures.find(([, f]) => f.operationId === "getReportRun" && f.response.status === 200) ?? [];
    expect(run).toBeDefined();
    const json = (run as Fixture).response.json as { response: Record<string, Json> };
    const { reportId = null, ...rest } = json.response;
    const response: Json = { ...rest, reportID: reportId, status: "completed" };
    const drifted: Fixture = {
      ...(run as Fixture),
      response: { ...(run as Fixture).response, json: { ...json, response } },
    };
    expect(conformance.check(fixtureExchange(drifted)).violations.map((v) => v.path)).toEqual([
      "$.response.reportId",
      "$.response.status",
    ]);
  });
});
