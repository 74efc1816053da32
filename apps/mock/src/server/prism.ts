// Prism (`prism mock`) as a child process: the static mock that answers `Prefer: example=…` / `code=…`, and the
// whole mock in `static` mode. A process that exits without stopping it still takes it down.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { MockLogLevel } from "../settings.js";

export interface PrismOptions {
  specPath: string;
  host: string;
  port: number;
  logLevel: MockLogLevel;
  readyTimeoutMs: number;
  onOutput?: (chunk: string) => void;
}

export interface PrismProcess {
  /** e.g. `http://127.0.0.1:40123` */
  readonly url: string;
  /** Stops Prism and waits for its process to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

// A test runner or script that exits without calling stop() must not leave Prism behind.
function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) {
      child.kill("SIGKILL");
    }
  });
}

export const urlOf = (host: string, port: number) => `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

/** Starts Prism and resolves once it answers HTTP requests; rejects with Prism's own words if it cannot. */
export async function startPrism(options: PrismOptions): Promise<PrismProcess> {
  const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const args = [prismBin, "mock", options.specPath, "--host", options.host, "--port", String(options.port)];
  args.push("--verboseLevel", options.logLevel);

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  installExitHook();

  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-4000);
    options.onOutput?.(text);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    });
  });

  const url = urlOf(options.host, options.port);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      timer.unref();
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    await waitUntilReady(url, exited, options.readyTimeoutMs, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitUntilReady(
  url: string,
  exited: Promise<number | null>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`Prism exited (code ${exitCode}) before it was ready:\n${output().trim()}`);
    }
    try {
      // Any HTTP answer (Prism says 404 for this path) means it is listening.
      const response = await fetch(`${url}/__mock_ready`, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${output().trim()}`);
}
