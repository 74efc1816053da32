// @ts-check
// Section 1 again under Node 24: the client's overhead depends on the Node version (the AbortSignal-on-Request cost
// shrinks on 24), so its target is judged on both. Node 24 is the one CI tests on (scripts/node24.mjs, from the npm
// registry); this bench process re-runs itself there with `--only=overhead --emit-json`. Linux x64 only; elsewhere,
// or offline with nothing cached, the section says why not.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { NODE24_VERSION, node24Binary } from "../../scripts/node24.mjs";

/**
 * @typedef {{ node: string, overhead?: import("./overhead.mjs").OverheadRow[], unavailable?: string }} Node24Result
 */

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<Node24Result>}
 */
export async function benchOverheadOnNode24({ quick }) {
  let binary;
  try {
    binary = node24Binary({ log: () => {} });
  } catch (error) {
    return { node: NODE24_VERSION, unavailable: error instanceof Error ? error.message : String(error) };
  }
  const script = fileURLToPath(new URL("./index.mjs", import.meta.url));
  const args = [script, "--only=overhead", "--emit-json", ...(quick ? ["--quick"] : [])];
  const output = await new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (text) => {
      stdout += text;
    });
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`the overhead section on Node ${NODE24_VERSION} exited ${code}`)),
    );
  });
  const results = JSON.parse(String(output));
  return { node: results.machine.node, overhead: results.overhead };
}
