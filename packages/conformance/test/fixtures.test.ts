import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConformance, type Fixture, fixtureExchange, isFixture, readFixtures } from "../src/index.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

function folderWith(files: Record<string, unknown>): string {
  const folder = mkdtempSync(join(tmpdir(), "fixtures-"));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(folder, name, ".."), { recursive: true });
    writeFileSync(join(folder, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return folder;
}

const cancel: Fixture = {
  operationId: "cancelReportRun",
  request: { method: "DELETE", path: "/reportruns/{reportRunId}" },
  response: {
    status: 200,
    headers: { "content-type": "application/json" },
    json: { success: true, response: "The report run has been canceled" },
  },
};
const exported: Fixture = {
  operationId: "exportReportRun",
  request: { method: "GET", path: "/reportruns/export/{reportRunId}", query: { pivoted: "true" } },
  response: {
    status: 200,
    headers: { "content-type": "text/csv;charset=utf-16" },
    text: "A\tB\r\n1\t2\r\n",
    encoding: { charset: "utf-16le", bom: true },
  },
};

describe("fixtures", () => {
  it("reads every *.json below a folder, sub-folders too, sorted", () => {
    const folder = folderWith({ "b/02.json": exported, "a/01.json": cancel, "notes.md": "# not a fixture" });
    expect(
      readFixtures(folder).map(({ file, fixture }) => [file.slice(folder.length + 1), fixture.operationId]),
    ).toEqual([
      ["a/01.json", "cancelReportRun"],
      ["b/02.json", "exportReportRun"],
    ]);
  });

  it("names a file that is not a fixture", () => {
    expect(() => readFixtures(folderWith({ "x.json": "{ nope" }))).toThrow(/x\.json is not JSON/);
    expect(() => readFixtures(folderWith({ "y.json": { operationId: "a" } }))).toThrow(/y\.json is not a fixture/);
  });

  it("turns a fixture into the exchange it recorded, which the checker accepts", () => {
    const conformance = createConformance();
    for (const fixture of [cancel, exported]) {
      expect(isFixture(fixture)).toBe(true);
      expect(conformance.check(fixtureExchange(fixture)).violations).toEqual([]);
    }
    expect(fixtureExchange(cancel)).toMatchObject({
      method: "DELETE",
      operationId: "cancelReportRun",
      body: '{"success":true,"response":"The report run has been canceled"}',
    });
    expect(fixtureExchange(exported).body).toBe("A\tB\r\n1\t2\r\n");
  });
});
