// The plain-shell walk-through of the control API (admin-walkthrough.sh, which CI also runs through `pnpm mock`),
// run here against the built CLI on a free port; and the same script failing, with its reason, where there is no
// control API to walk (MOCK_MODE=static).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findFreePort } from "../../src/index.js";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("./admin-walkthrough.sh", import.meta.url));
const CLI = fileURLToPath(new URL("../../dist/cli.mjs", import.meta.url));

async function walk(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const port = await findFreePort();
  const options = { env: { ...process.env, MOCK_PORT: String(port), MOCK_CMD: `node ${CLI}`, ...env } };
  try {
    const { stdout, stderr } = await run("bash", [SCRIPT], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe("admin-walkthrough.sh (curl only)", () => {
  it("passes every check against the mock", async () => {
    const { code, stdout, stderr } = await walk({});
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^admin walk-through: 22 checks passed against http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(code).toBe(0);
  });

  it("fails with the check and the answer named where the mock has no control API", async () => {
    const { code, stderr } = await walk({ MOCK_MODE: "static" });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^admin walk-through FAILED: the runs listed: expected HTTP 200, got 404\n {2}the answer was: /,
    );
  });
});
