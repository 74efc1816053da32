// @ts-check
// Starts src/http-server.mjs as a child process and hands back its base URL and a stop function.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { BASE_PATH } from "./fixtures.mjs";

const SCRIPT = fileURLToPath(new URL("./http-server.mjs", import.meta.url));

/** @returns {Promise<{ baseUrl: string, stop: () => Promise<void> }>} */
export async function startHttpServer() {
  const child = spawn(process.execPath, [SCRIPT], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      const line = buffered.split("\n")[0];
      if (buffered.includes("\n") && line) {
        resolve(JSON.parse(line).port);
      }
    });
    child.once("exit", (code) => reject(new Error(`bench HTTP server exited early (code ${code})`)));
    child.once("error", reject);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
