// The built binary against an upstream that answers what Zuora may send tomorrow: a status the spec does not list
// ("ARCHIVED"), a report type it does not list ("Pivot"), a status in Zuora's reference casing ("completed"). The CLI
// prints an unknown status as it came, reads "completed" as COMPLETED, and waits through an unknown status.
import { seedRun } from "@zuora-reports/conformance";
import { startFaultServer as faultServer, json, ok } from "@zuora-reports/mock/testing";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/spawn-cli.js";

const { reportId: REPORT_ID, reportRunId: RUN_ID, runIn } = seedRun();

const env = { ZUORA_TOKEN: "tok-e2e-1234" };

/** Starts runs as RUN_ID; answers the n-th run read with the n-th status (the last one repeats). */
async function upstream(statuses: string[], reportType = "Detail") {
  let reads = 0;
  return faultServer((req, res) => {
    if (req.method === "POST") {
      json(res, 200, ok({ reportRunId: RUN_ID }));
      return;
    }
    const status = statuses[Math.min(reads++, statuses.length - 1)] as string;
    json(res, 200, ok({ ...runIn(status), reportType }));
  });
}

const statusLine = (stdout: string) => stdout.split("\n").find((line) => line.startsWith("Status"));

describe("status", () => {
  it("prints a status and a report type the spec does not list as they came", async () => {
    const server = await upstream(["ARCHIVED"], "Pivot");
    const result = await runCli(["status", RUN_ID, "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(statusLine(result.stdout)).toMatch(/^Status\s+ARCHIVED$/);
    expect(result.stdout).toContain(`${REPORT_ID} (Pivot)`);
    const json = await runCli(["status", RUN_ID, "--base-url", server.url, "--json"], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: RUN_ID, status: "ARCHIVED", reportType: "Pivot" });
  });

  it('reads "completed" as COMPLETED', async () => {
    const server = await upstream(["completed"]);
    const result = await runCli(["status", RUN_ID, "--base-url", server.url, "--json"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "COMPLETED" });
  });
});

describe("wait and run --wait", () => {
  it("wait polls through ARCHIVED and ends on completed, exit 0", async () => {
    const server = await upstream(["ARCHIVED", "ARCHIVED", "completed"]);
    const result = await runCli(["wait", RUN_ID, "--interval", "0.01", "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(statusLine(result.stdout)).toMatch(/^Status\s+COMPLETED$/);
    expect(server.requests).toHaveLength(3);
    // Said once on stderr, though two polls saw it.
    const notice = `report run ${RUN_ID} is ARCHIVED, a status this version does not know; still waiting`;
    expect(result.stderr.split(notice)).toHaveLength(2);
  });

  it("wait --json prints the run it ended on", async () => {
    const server = await upstream(["QUEUED", "completed"]);
    const result = await runCli(["wait", RUN_ID, "--interval", "0.01", "--base-url", server.url, "--json"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: RUN_ID, status: "COMPLETED" });
  });

  it("run --wait waits through an unknown status", async () => {
    const server = await upstream(["ARCHIVED", "completed"], "Pivot");
    const result = await runCli(
      ["run", REPORT_ID, "--view", "Detail", "--wait", "--interval", "0.01", "--base-url", server.url, "--json"],
      { env },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"COMPLETED"');
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
  });

  it("a timed-out wait names the unknown status it was still in", async () => {
    // The first poll answers ARCHIVED and every later one hangs, so the wait ends on its timeout having seen ARCHIVED
    // however slow the machine (the timeout only has to outlast one local answer).
    const server = await faultServer((_req, res, i) => i === 0 && json(res, 200, ok(runIn("ARCHIVED"))));
    const result = await runCli(["wait", RUN_ID, "--interval", "0.01", "--timeout", "3", "--base-url", server.url], {
      env,
    });
    expect(result.code).not.toBe(0);
    // A timeout, not a rejected answer: it polled on, and names the status it was still in.
    expect(result.stderr).toContain(`Stopped waiting: report run ${RUN_ID} is still ARCHIVED`);
    expect(server.requests.length).toBeGreaterThan(1);
  });
});
