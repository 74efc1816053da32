// @ts-check
// Starts a benchmark server as a child process (so its work does not share the load generator's event loop) and
// hands back the JSON line it prints once it listens, with a stop function.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { BASE_PATH } from "./fixtures.mjs";

/**
 * Runs `node <script> ...args`; resolves with the first line it prints on stdout, parsed as JSON.
 * @param {URL} script
 * @param {string[]} [args]
 * @returns {Promise<{ info: Record<string, unknown>, stop: () => Promise<void> }>}
 */
export async function startServerProcess(script, args = []) {
  const child = spawn(process.execPath, [fileURLToPath(script), ...args], { stdio: ["pipe", "pipe", "inherit"] });
  const info = await new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      const line = buffered.split("\n")[0];
      if (buffered.includes("\n") && line) {
        resolve(JSON.parse(line));
      }
    });
    child.once("exit", (code) => reject(new Error(`${script.pathname} ${args.join(" ")} exited early (code ${code})`)));
    child.once("error", reject);
  });
  return {
    info,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** The minimal node:http server of src/http-server.mjs. */
export async function startHttpServer() {
  const { info, stop } = await startServerProcess(new URL("./http-server.mjs", import.meta.url));
  return { baseUrl: `http://127.0.0.1:${info.port}${BASE_PATH}`, stop };
}
