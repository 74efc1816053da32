// startMock(): the report-runs mock, as `pnpm mock` and every test suite start it. By default a stateful simulation
// of Zuora's report runs, driven and checked by the bundled OpenAPI document, with Prism answering the requests
// that ask for one of the document's examples; `mode: "static"` is Prism alone.
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { createApp, type Violation } from "./server/app.js";
import { assertPortFree, findFreePort, portError } from "./server/ports.js";
import { type PrismProcess, startPrism, urlOf } from "./server/prism.js";
import {
  LOG_LEVELS,
  type MockLogLevel,
  type MockMode,
  resolveSettings,
  type SimulationOptions,
  type SimulationSettings,
} from "./settings.js";
import { createSimulation } from "./simulation/engine.js";
import type { Scenario } from "./simulation/scenarios.js";
import { loadSpec } from "./spec/document.js";
import { createSchemaValidators } from "./validation/schemas.js";

export type { Violation } from "./server/app.js";
export { assertPortFree, findFreePort } from "./server/ports.js";
export {
  KNOBS,
  type Knob,
  LOG_LEVELS,
  type MockLogLevel,
  type MockMode,
  optionsFromEnv,
  type SimulationOptions,
  type SimulationSettings,
} from "./settings.js";
export type { FaultKind } from "./simulation/faults.js";
export type { RunStatus, Scenario, ViewType } from "./simulation/scenarios.js";

export interface StartMockOptions extends SimulationOptions {
  /** Port to listen on; `0` or unset picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Spec to mock; the bundled report-runs document by default. */
  specPath?: string;
  /** Log level of Prism and of the simulation's request lines (default `warn`: per-request logging costs). */
  logLevel?: MockLogLevel;
  /** How long to wait for Prism to answer before giving up (default 30 s). */
  readyTimeoutMs?: number;
  /** Where the mock's and Prism's output goes; dropped by default. */
  onOutput?: (chunk: string) => void;
  /** Called when an answer of the simulation breaks the document (a bug of the mock; it is sent as a 500). */
  onViolation?: (violation: Violation) => void;
}

export interface MockServer {
  /** Base URL of the mock, without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly mode: MockMode;
  /** The simulation's settings, defaults filled in (`undefined` in `static` mode). */
  readonly settings?: Readonly<SimulationSettings>;
  /** The simulation's scenarios, as the document lists them (empty in `static` mode). */
  readonly scenarios: { readonly default?: Scenario; readonly listed: readonly Scenario[] };
  /** Stops the mock (and Prism) and waits until both are down. Safe to call more than once. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Path of the bundled report-runs document that the mock serves by default. */
export const defaultSpecPath: string = require.resolve("@zuora-reports/spec/openapi.json");

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(portError(error, host, port)));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the mock and resolves once it answers HTTP requests. Every test suite and sibling package uses this one
 * mechanism; `pnpm mock` too.
 */
export async function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  const specPath = options.specPath ?? defaultSpecPath;
  const logLevel = options.logLevel ?? "warn";
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const mode = options.mode ?? "simulation";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new RangeError(`logLevel must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}".`);
  }
  if (mode !== "simulation" && mode !== "static") {
    throw new RangeError(`mode must be "simulation" or "static", not "${String(mode)}".`);
  }

  if (mode === "static") {
    const port = options.port ? options.port : await findFreePort(host);
    if (options.port) {
      await assertPortFree(port, host);
    }
    const prism = await startPrism({ specPath, host, port, logLevel, readyTimeoutMs, onOutput: options.onOutput });
    return { url: prism.url, host, port, mode, scenarios: { listed: [] }, stop: () => prism.stop() };
  }

  const spec = loadSpec(specPath);
  const settings = resolveSettings(options, spec);
  const simulation = createSimulation(spec, settings);
  const validators = createSchemaValidators(spec);
  const threshold = LOG_LEVELS.indexOf(logLevel);
  // Request lines in Prism's manner, so the two read as one log.
  const log = (level: MockLogLevel, line: string) => {
    if (LOG_LEVELS.indexOf(level) >= threshold && logLevel !== "silent") {
      options.onOutput?.(`[${new Date().toLocaleTimeString("en-US")}] › [SIMULATION] ${line}\n`);
    }
  };

  // Prism listens on loopback at a port of its own, behind the simulation's front. Its start-up lines ("[CLI]")
  // name that inner port, which nobody should call: only its request lines are passed on.
  const onOutput = options.onOutput;
  const prismOutput =
    onOutput &&
    ((text: string) => {
      const lines = text.split("\n").filter((line) => !line.includes("[CLI]"));
      if (lines.some((line) => line.trim() !== "")) {
        onOutput(lines.join("\n"));
      }
    });
  let prism: PrismProcess | undefined;
  const prismStarted = settings.preferExamples
    ? findFreePort("127.0.0.1").then((port) =>
        startPrism({ specPath, host: "127.0.0.1", port, logLevel, readyTimeoutMs, onOutput: prismOutput }),
      )
    : Promise.resolve(undefined);
  const app = createApp({
    spec,
    settings,
    simulation,
    validators,
    get prismUrl() {
      return prism?.url;
    },
    log,
    ...(options.onViolation ? { onViolation: options.onViolation } : {}),
  });
  const [prismResult, listenResult] = await Promise.allSettled([prismStarted, listen(app, options.port ?? 0, host)]);
  prism = prismResult.status === "fulfilled" ? prismResult.value : undefined;
  if (prismResult.status === "rejected" || listenResult.status === "rejected") {
    await Promise.all([prism?.stop(), closeServer(app)]);
    const failure = listenResult.status === "rejected" ? listenResult : (prismResult as PromiseRejectedResult);
    throw failure.reason;
  }
  const port = listenResult.value;
  let stopped: Promise<void> | undefined;
  return {
    url: urlOf(host, port),
    host,
    port,
    mode,
    settings,
    scenarios: { default: simulation.scenarios.default, listed: simulation.scenarios.listed },
    stop() {
      stopped ??= Promise.all([closeServer(app), prism?.stop()]).then(() => undefined);
      return stopped;
    },
  };
}
