import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadConformance } from "@zuora-reports/conformance";
import { describe, expect, it } from "vitest";
import { defaultSpecPath, findFreePort, KNOBS } from "../src/index.js";
import { readScenarios } from "../src/simulation/scenarios.js";

// The built CLI, exactly as `pnpm mock` runs it.
const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  /** Resolves once the output contains `text`; rejects if the process exits first. Driven by output events. */
  until: (text: string) => Promise<void>;
}

function run(env: Record<string, string>): Running {
  const child = spawn(process.execPath, [CLI], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    text += chunk.toString();
    for (const check of [...waiters]) {
      check();
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const until = (wanted: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (text.includes(wanted)) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
      check();
      exit.then((code) => reject(new Error(`mock exited (${code}) before printing "${wanted}":\n${text}`)));
    });
  return { child, output: () => text, exit, until };
}

describe("pnpm mock (the CLI)", () => {
  it("prints the URL, the document's scenarios and the knobs, serves runs, and stops cleanly on Ctrl-C", async () => {
    const port = await findFreePort();
    const mock = run({ MOCK_PORT: String(port), MOCK_LOG: "warn", MOCK_PACE: "poll" });
    await mock.until("Ctrl-C stops it.");
    const output = mock.output();
    expect(output).toContain(`Report-runs mock (simulation) listening on http://127.0.0.1:${port}`);
    for (const scenario of readScenarios(loadConformance(defaultSpecPath)).listed) {
      expect(output).toMatch(new RegExp(`^ +${scenario.reportId} +${scenario.summary.replace(/[.()]/g, "\\$&")}`, "m"));
    }
    for (const knob of KNOBS) {
      expect(output).toMatch(new RegExp(`^ +${knob.env} `, "m"));
    }
    expect(output).toMatch(/^ +MOCK_PACE +poll /m);
    expect(output).toMatch(/^ +MOCK_RATE_LIMIT +50000 /m);
    expect(output).not.toContain("__mock_ready");

    const headers = { Authorization: "Bearer any-token" };
    const started = await fetch(`http://127.0.0.1:${port}/reports/r1/reportrun?viewType=Detail`, {
      method: "POST",
      headers,
    });
    const id = ((await started.json()) as { response: { reportRunId: string } }).response.reportRunId;
    const polled = await fetch(`http://127.0.0.1:${port}/reportruns/${id}`, { headers });
    expect(await polled.json()).toMatchObject({ response: { id, status: "STARTED" } });

    mock.child.kill("SIGINT");
    expect(await mock.exit).toBe(0);
    expect(mock.output()).toContain("Mock stopped.");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it("MOCK_TENANT and MOCK_REPLAY say what they set in the banner", async () => {
    const port = await findFreePort();
    const folder = fileURLToPath(new URL("../../../packages/contract-tests/fixtures/mock", import.meta.url));
    const mock = run({ MOCK_PORT: String(port), MOCK_LOG: "warn", MOCK_TENANT: "api-sandbox", MOCK_REPLAY: folder });
    await mock.until("Ctrl-C stops it.");
    expect(mock.output()).toContain(`Replaying 11 recorded exchanges from ${folder}.`);
    expect(mock.output()).toContain("Tenant type api-sandbox: 2500/min, 5000/h, 10000/day per credential group.");
    expect(mock.output()).toMatch(/^ +MOCK_TENANT +api-sandbox /m);
    mock.child.kill("SIGINT");
    expect(await mock.exit).toBe(0);
  });

  it("MOCK_MODE=static serves Prism alone, as before", async () => {
    const port = await findFreePort();
    const mock = run({ MOCK_PORT: String(port), MOCK_LOG: "warn", MOCK_MODE: "static" });
    await mock.until("Ctrl-C stops it.");
    expect(mock.output()).toContain(`Report-runs mock (Prism, static examples) listening on http://127.0.0.1:${port}`);
    expect(mock.output()).toContain(`curl -H 'Authorization: Bearer any-token' http://127.0.0.1:${port}/reportruns/`);
    mock.child.kill("SIGINT");
    expect(await mock.exit).toBe(0);
  });

  it.each([
    [{ MOCK_PORT: "http" }, 'MOCK_PORT must be a port number (1-65535), not "http".'],
    [{ MOCK_PORT: "70000" }, "MOCK_PORT must be a port number"],
    [{ MOCK_LOG: "loud" }, 'MOCK_LOG must be one of debug, info, warn, error, silent, not "loud".'],
    [{ MOCK_PACE: "fast" }, 'MOCK_PACE must be poll or a whole number of milliseconds ≥ 1, not "fast".'],
    [{ MOCK_FAULTS: "timeout" }, "MOCK_FAULTS must be some of 500, 429, drop"],
    [
      { MOCK_TENANT: "enterprise" },
      'MOCK_TENANT must be one of production, developer-sandbox, api-sandbox, not "enterprise".',
    ],
    [
      { MOCK_REPLAY: "/nonexistent-replay" },
      "mock: replay folder /nonexistent-replay cannot be read (it does not exist).",
    ],
  ])("rejects bad settings %o with one clear line", async (env, message) => {
    const mock = run(env);
    expect(await mock.exit).toBe(1);
    expect(mock.output()).toContain(message);
    expect(mock.output()).not.toMatch(/\n\s+at /);
  });
});
