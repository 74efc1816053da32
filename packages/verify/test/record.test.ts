// Recording: what a verification saw, as redacted fixtures that replay to the same outcome.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConformance, fixtureExchange, readFixtures, seedRun } from "@zuora-reports/conformance";
import { startMock } from "@zuora-reports/mock";
import { describe, expect, it } from "vitest";
import { recordFixtures, type VerifyOutcome } from "../src/index.js";
import {
  UPSTREAM_CREATOR,
  UPSTREAM_REPORT_ID,
  UPSTREAM_ROWS,
  UPSTREAM_RUN_ID,
  UPSTREAM_TOKEN,
} from "./support/drifting-upstream.js";
import { startReplayServer } from "./support/replay-server.js";
import { CLIENT_ID, CLIENT_SECRET, later, replayed, UPSTREAM_BASE, upstream, verifyAt } from "./support/verify.js";

const { reportId: REPORT_ID } = seedRun();

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "verify-record-test-"));
  later(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

async function record(outcome: VerifyOutcome, secrets: string[] = [CLIENT_ID, CLIENT_SECRET]) {
  const folder = await tempFolder();
  const files = await recordFixtures(outcome, { folder, secrets, source: "verify test" });
  return { folder, files, fixtures: readFixtures(folder).map((entry) => entry.fixture) };
}

describe("recordFixtures", () => {
  it("records the mock's answers as fixtures that validate against the spec, and replaying them round-trips", async () => {
    // A mock of its own: one status step per poll (no two polls alike, so none is folded into another) and fewer
    // rows than a fixture keeps of an export, so what is replayed is all that was seen.
    const mock = await startMock({ pace: "poll", rows: 60 });
    later(() => mock.stop());
    const live = await verifyAt(mock.url, { reportId: REPORT_ID });
    expect(live.kind).toBe("conforms");
    const { folder, files, fixtures } = await record(live);
    expect(files).toEqual((await readdir(folder)).sort());
    const conformance = createConformance();
    for (const fixture of fixtures) {
      expect(conformance.check(fixtureExchange(fixture)).violations, fixture.operationId).toEqual([]);
    }

    const replay = await startReplayServer(fixtures);
    later(() => replay.close());
    const again = await verifyAt(replay.url, { reportId: REPORT_ID });
    expect(replay.unmatched).toEqual([]);
    expect(replayed(again)).toEqual(replayed(live));
  });

  it("records drift as it was, and replaying it reports the same violations and findings", async () => {
    const server = await upstream();
    const live = await verifyAt(`${server.url}${UPSTREAM_BASE}`, { reportId: UPSTREAM_REPORT_ID });
    expect(live.kind).toBe("drift");
    const { fixtures } = await record(live);

    const replay = await startReplayServer(fixtures, UPSTREAM_BASE);
    later(() => replay.close());
    const again = await verifyAt(`${replay.url}${UPSTREAM_BASE}`, { reportId: "0".repeat(32) });
    expect(replay.unmatched).toEqual([]);
    expect(replayed(again)).toEqual(replayed(live));
  });

  it("keeps no secret, token, id or row value in any fixture, while types and shape survive", async () => {
    const server = await upstream();
    const live = await verifyAt(server.url, { reportId: UPSTREAM_REPORT_ID });
    const { folder, files, fixtures } = await record(live, [CLIENT_ID, CLIENT_SECRET, "nightly-job-42"]);
    const forbidden = [
      CLIENT_ID,
      CLIENT_SECRET,
      UPSTREAM_TOKEN,
      UPSTREAM_RUN_ID,
      UPSTREAM_REPORT_ID,
      UPSTREAM_CREATOR,
      "98765", // the tenant in the token's scope
      "jti-4d1e2f3a",
      "upstream-session-cookie-value",
      "Invoices by account",
      ...UPSTREAM_ROWS.flatMap((row) => Object.values(row)),
    ];
    expect(files.length).toBeGreaterThan(8);
    for (const name of files) {
      const text = await readFile(join(folder, name), "utf8");
      for (const value of forbidden) {
        expect(text.includes(value), `${name} contains ${value}`).toBe(false);
      }
    }
    // Shape: a data page still has its rows, keys and string cells; ids keep their length.
    const data = fixtures.find((f) => f.operationId === "getReportData")?.response.json as {
      response: { page: Record<string, unknown>[]; total: number };
    };
    expect(data.response.total).toBe(UPSTREAM_ROWS.length);
    expect(data.response.page.map((row) => Object.keys(row))).toEqual(UPSTREAM_ROWS.map((row) => Object.keys(row)));
    expect(data.response.page.flatMap((row) => Object.values(row)).every((v) => typeof v === "string")).toBe(true);
    const run = fixtures.find((f) => f.operationId === "getReportRun")?.response.json as { response: { id: string } };
    expect(run.response.id).toHaveLength(UPSTREAM_RUN_ID.length);
    // The drift survives redaction: the fixtures fail the spec exactly where the live answers did.
    const conformance = createConformance();
    const violated = fixtures.flatMap((f) => conformance.check(fixtureExchange(f)).violations.map((v) => v.path));
    expect(new Set(violated)).toEqual(new Set(["$.response.reportId", "$.response.status", "$.response.reportType"]));
  });
});
