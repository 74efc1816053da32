import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";

/** Prism's log levels, quietest last. */
export type MockLogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface StartMockOptions {
  /** Port to listen on; `0` or unset picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Spec to mock; the bundled report-runs document by default. */
  specPath?: string;
  /** Prism's log level (default `warn`: per-request logging halves Prism's throughput). */
  logLevel?: MockLogLevel;
  /** How long to wait for Prism to answer before giving up (default 30 s). */
  readyTimeoutMs?: number;
  /** Where Prism's own output goes; dropped by default. */
  onOutput?: (chunk: string) => void;
}

export interface MockServer {
  /** Base URL of the mock, without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops Prism and waits for its process to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Path of the bundled report-runs document that the mock serves by default. */
export const defaultSpecPath: string = require.resolve("@zuora-reports/spec/openapi.json");

/** Asks the OS for a free TCP port on `host`. */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `port` on `host` can be bound, rejects with a clear message when it is taken. */
export async function assertPortFree(port: number, host = "127.0.0.1"): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Port ${port} on ${host} is already in use; stop what uses it or choose another port (MOCK_PORT).`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

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

/**
 * Starts Prism on the report-runs document and resolves once it answers HTTP requests.
 * Every test suite and sibling package uses this one mechanism.
 */
export async function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ? options.port : await findFreePort(host);
  if (options.port) {
    await assertPortFree(port, host);
  }
  const specPath = options.specPath ?? defaultSpecPath;
  const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const args = [prismBin, "mock", specPath, "--host", host, "--port", String(port)];
  args.push("--verboseLevel", options.logLevel ?? "warn");

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

  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
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
    await waitUntilReady(url, exited, options.readyTimeoutMs ?? 30_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, host, port, stop };
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
