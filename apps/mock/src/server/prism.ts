// Prism (`prism mock`) as a child process: the static mock that answers `Prefer: example=…` / `code=…`, and the
// whole mock in `static` mode. Prism goes down with its owner however the owner ends, SIGKILL included: a
// watchdog loaded before Prism exits when its stdin (a pipe only the owner holds) reaches its end, or when the
// child is handed to another parent.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { MockLogLevel } from "../settings.js";

/** How to start Prism. */
export interface PrismOptions {
  specPath: string;
  host: string;
  port: number;
  logLevel: MockLogLevel;
  readyTimeoutMs: number;
  onOutput?: (chunk: string) => void;
}

/** A running Prism. */
export interface PrismProcess {
  /** e.g. `http://127.0.0.1:40123` */
  readonly url: string;
  /** Its process id. */
  readonly pid: number;
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

/** Prism starts in a second or two, far slower on a loaded machine; one that exits is reported at once anyway. */
export const PRISM_READY_TIMEOUT_MS = 120_000;

const READY_PATH = "/__mock_ready";
/** The error type of Prism's answer to a path the spec does not have. */
const PRISM_NOT_FOUND = "NO_PATH_MATCHED_ERROR";

/** Runs before Prism in its process: exits once the owner is gone (stdin's end, or a new parent). */
const WATCHDOG = `
const parent = process.ppid;
const bye = () => process.exit(0);
process.stdin.on("end", bye).on("close", bye).on("error", bye).resume();
setInterval(() => { if (process.ppid !== parent) bye(); }, 250).unref();
const [prism, ...args] = process.argv.slice(1);
process.argv = [process.argv[0], prism, ...args];
require(prism);
`;

/**
 * Starts Prism on a free port of `host`, choosing another one when the chosen port was taken before Prism bound it
 * (the OS hands the same free ports to every process asking at once; `attempts` tries in all).
 */
export async function startPrismOnFreePort(
  options: Omit<PrismOptions, "port">,
  findPort: (host: string) => Promise<number>,
  attempts = 3,
): Promise<PrismProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await findPort(options.host);
    try {
      return await startPrism({ ...options, port });
    } catch (error) {
      if (attempt >= attempts || !/EADDRINUSE/.test(String((error as Error).message))) {
        throw error;
      }
    }
  }
}

/** The URL of `host:port` (IPv6 in brackets). */
export const urlOf = (host: string, port: number) => `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

/** Starts Prism and resolves once it answers HTTP requests; rejects with Prism's own words if it cannot. */
export async function startPrism(options: PrismOptions): Promise<PrismProcess> {
  const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const args = ["-e", WATCHDOG, prismBin, "mock", options.specPath, "--host", options.host];
  args.push("--port", String(options.port), "--verboseLevel", options.logLevel);

  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
  running.add(child);
  installExitHook();

  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-4000);
    // The readiness probe below is answered as an unmatched route: not worth anyone's attention.
    const shown = text.split("\n").filter((line) => !line.includes(READY_PATH));
    if (shown.some((line) => line.trim() !== "")) {
      options.onOutput?.(shown.join("\n"));
    }
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
  return { url, pid: child.pid ?? 0, stop };
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
      // Prism's own answer for an unknown path, not any HTTP answer: between choosing a free port and Prism binding
      // it, another process (a test's server) may take the port, and its answers must not pass for Prism's.
      const response = await fetch(`${url}${READY_PATH}`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 404 && (await response.text()).includes(PRISM_NOT_FOUND)) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${output().trim()}`);
}
