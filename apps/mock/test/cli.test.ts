import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findFreePort } from "../src/index.js";

// The built CLI, exactly as `pnpm mock` runs it.
const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => text, exit };
}

async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error("timed out");
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("pnpm mock (the CLI)", () => {
  it("prints the URL and a curl line, serves the seed, and stops cleanly on Ctrl-C", async () => {
    const port = await findFreePort();
    const mock = run({ MOCK_PORT: String(port), MOCK_LOG: "warn" });
    await waitFor(() => mock.output().includes("Ctrl-C stops it."));
    expect(mock.output()).toContain(`listening on http://127.0.0.1:${port}`);
    expect(mock.output()).toContain(`curl -H 'Authorization: Bearer any-token' http://127.0.0.1:${port}/reportruns/`);
    expect(mock.output()).not.toContain("__mock_ready");

    const response = await fetch(`http://127.0.0.1:${port}/reportruns/ff808081529f4e3401529fd61f080074`, {
      headers: { Authorization: "Bearer any-token" },
    });
    expect(response.status).toBe(200);

    mock.child.kill("SIGINT");
    expect(await mock.exit).toBe(0);
    expect(mock.output()).toContain("Mock stopped.");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it.each([
    [{ MOCK_PORT: "http" }, 'MOCK_PORT must be a port number (1-65535), not "http".'],
    [{ MOCK_PORT: "70000" }, "MOCK_PORT must be a port number"],
    [{ MOCK_LOG: "loud" }, 'MOCK_LOG must be one of debug, info, warn, error, silent, not "loud".'],
  ])("rejects bad settings %o with one clear line", async (env, message) => {
    const mock = run(env);
    expect(await mock.exit).toBe(1);
    expect(mock.output()).toContain(message);
    expect(mock.output()).not.toMatch(/\n\s+at /);
  });
});
