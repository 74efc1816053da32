import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Fixture, loadConformance } from "@zuora-reports/conformance";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSpecPath } from "../../src/index.js";
import { loadReplay, Replay } from "../../src/simulation/replay.js";

const spec = loadConformance(defaultSpecPath);
const work = mkdtempSync(join(tmpdir(), "replay-unit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEADERS = { "content-type": "application/json", "zuora-request-id": "00000000-0000-4000-8000-000000000001" };
const run = (status: string, path = "/reportruns/{reportRunId}"): Fixture => ({
  operationId: "getReportRun",
  request: { method: "GET", path },
  response: {
    status: 200,
    headers: HEADERS,
    json: {
      success: true,
      response: {
        reportType: "Detail",
        id: "00000000000000000000000000000006",
        reportId: "00000000000000000000000000000004",
        startedOn: 1,
        status,
        reportDefinition: "...",
        updatedOn: 2,
      },
    },
  },
});
const statusOf = (replay: Replay, path: string, query = "") =>
  JSON.parse(replay.answer("getReportRun", "GET", path, new URLSearchParams(query))?.body.toString() ?? "null")
    ?.response.status;

describe("Replay", () => {
  it("answers in file order, then repeats the last; a recorded id matches only itself", () => {
    const replay = new Replay([
      { file: "1.json", fixture: run("STARTED") },
      { file: "2.json", fixture: run("COMPLETED") },
      { file: "3.json", fixture: run("ERROR", "/reportruns/abc") },
    ]);
    expect(replay.size).toBe(3);
    expect(statusOf(replay, "/reportruns/abc")).toBe("ERROR");
    expect(statusOf(replay, "/reportruns/x1")).toBe("STARTED");
    expect(statusOf(replay, "/reportruns/x2")).toBe("COMPLETED");
    expect(statusOf(replay, "/reportruns/x3")).toBe("COMPLETED");
    // A query the recording did not have is another request.
    expect(statusOf(replay, "/reportruns/x4", "a=1")).toBeUndefined();
    expect(replay.answer("getLastCompletedReportRun", "GET", "/reportruns/x", new URLSearchParams())).toBeUndefined();
  });

  it("matches the query by names and values, and sends text in its recorded encoding", () => {
    const page = (offset: string): Fixture => ({
      operationId: "exportReportRun",
      request: { method: "GET", path: "/reportruns/export/{reportRunId}", query: { pivoted: offset } },
      response: {
        status: 200,
        headers: { "content-type": "text/csv;charset=utf-16" },
        text: `a\tb\r\n${offset}\t1\r\n`,
        encoding: { charset: "utf-16le", bom: true },
      },
    });
    const replay = new Replay([
      { file: "t.json", fixture: page("true") },
      { file: "f.json", fixture: page("false") },
    ]);
    const answer = replay.answer(
      "exportReportRun",
      "GET",
      "/reportruns/export/r",
      new URLSearchParams("pivoted=false"),
    );
    expect([...(answer?.body.subarray(0, 2) ?? [])]).toEqual([0xff, 0xfe]);
    expect(answer?.body.subarray(2).toString("utf16le")).toBe("a\tb\r\nfalse\t1\r\n");
    expect(answer?.file).toBe("f.json");
  });
});

describe("loadReplay", () => {
  it("loads a folder of conforming fixtures", () => {
    const good = mkdtempSync(join(work, "good-"));
    writeFileSync(join(good, "01.json"), JSON.stringify(run("STARTED")));
    expect(loadReplay(good, spec).size).toBe(1);
  });

  it("refuses, naming the file, a fixture that breaks the document or names no operation", () => {
    const bad = mkdtempSync(join(work, "bad-"));
    writeFileSync(join(bad, "01.json"), JSON.stringify(run("Started")));
    expect(() => loadReplay(bad, spec)).toThrow(
      /^replay: .*01\.json does not conform to the document: \$\.response\.status/,
    );
    const unknown = mkdtempSync(join(work, "unknown-"));
    writeFileSync(join(unknown, "02.json"), JSON.stringify({ ...run("STARTED"), operationId: "listReports" }));
    expect(() => loadReplay(unknown, spec)).toThrow(
      /^replay: .*02\.json names no operation of the document \(listReports\)\.$/,
    );
  });

  it("says in one line that a path is missing or no folder", () => {
    expect(() => loadReplay(join(work, "missing"), spec)).toThrow(
      /^replay folder .*missing cannot be read \(it does not exist\)\.$/,
    );
    const file = join(work, "file.json");
    writeFileSync(file, "{}");
    expect(() => loadReplay(file, spec)).toThrow(/^replay folder .*file\.json is not a folder\.$/);
  });
});
