// startMock(): the report-runs mock, as `pnpm mock` and every test suite start it. By default a stateful simulation
// of Zuora's report runs, driven and checked by the bundled OpenAPI document (through @zuora-reports/conformance),
// with Prism answering the requests that ask for one of the document's examples; `mode: "static"` is Prism alone.
// The port opens only once everything behind it answers.
import type { Server } from "node:http";
import { bundledDocumentPath, loadConformance } from "@zuora-reports/conformance";
import { createControl, type MockControl, type MockSettings, type RunSummary } from "./control.js";
import { adminDocumentPath, createAdmin } from "./server/admin.js";
import { readFacts } from "./server/facts.js";
import { createNodeServer } from "./server/node-adapter.js";
import { assertPortFree, findFreePort, portError } from "./server/ports.js";
import { PRISM_READY_TIMEOUT_MS, type PrismProcess, startPrism, startPrismOnFreePort, urlOf } from "./server/prism.js";
import { createResponder, type Violation } from "./server/steps.js";
import {
  checkOptions,
  LOG_LEVELS,
  type MockLogLevel,
  type MockMode,
  resolveSettings,
  type SimulationOptions,
  type SimulationSettings,
} from "./settings.js";
import { createSimulation } from "./simulation/engine.js";
import { loadReplay } from "./simulation/replay.js";
import type { Scenario } from "./simulation/scenarios.js";

export { type MockControl, MockControlError, type MockSettings, type RunSummary } from "./control.js";
export { adminDocumentPath } from "./server/admin.js";
export { assertPortFree, findFreePort } from "./server/ports.js";
export type { Violation } from "./server/steps.js";
export {
  type EnvOptions,
  KNOBS,
  type Knob,
  type KnobValues,
  LOG_LEVELS,
  type MockLogLevel,
  type MockMode,
  optionsFromEnv,
  type SimulationOptions,
  type SimulationSettings,
} from "./settings.js";
export type { FaultKind } from "./simulation/faults.js";
export { type RateWindow, TENANT_TYPES, TENANT_WINDOWS, type TenantType } from "./simulation/rate-limit.js";
export type { RunStatus, Scenario, ViewType } from "./simulation/scenarios.js";

/** Request bodies above this are refused with 413 (the largest the API takes is a few filter groups). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link startMock}: the simulation's, and where and how to serve it. */
export interface StartMockOptions extends SimulationOptions {
  /** Port to listen on; `0` or unset picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Spec to mock; the bundled report-runs document by default. */
  specPath?: string;
  /** Log level of Prism and of the simulation's request lines (default `warn`: per-request logging costs). */
  logLevel?: MockLogLevel;
  /** How long to wait for Prism to answer before giving up (default 120 s; a Prism that exits fails at once). */
  readyTimeoutMs?: number;
  /** Where the mock's and Prism's output goes; dropped by default. */
  onOutput?: (chunk: string) => void;
  /** Called when an answer of the simulation breaks the document (a bug of the mock; it is sent as a 500). */
  onViolation?: (violation: Violation) => void;
}

/** A running mock. */
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
  /** The replay folder and how many recorded exchanges it holds (MOCK_REPLAY), when one was given. */
  readonly replay?: { readonly folder: string; readonly exchanges: number };
  /** The Prism process behind the mock (for supervisors and tests: call the mock, not it); absent without one. */
  readonly prism?: { readonly url: string; readonly pid: number };
  /** Stops the mock (and Prism) and waits until both are down. Safe to call more than once. */
  stop(): Promise<void>;
  /**
   * Forgets every run, token, idempotency key, rate-limit count and fault count (the published runs stay), as
   * `POST /__admin/reset` does. These control methods throw in `static` mode, which has no simulation.
   */
  reset(): void;
  /** The runs started since the start or the last reset, as `GET /__admin/runs` lists them. */
  runs(): RunSummary[];
  /**
   * Puts a run in `status` now (`COMPLETED`, `ERROR`, …), as `POST /__admin/runs/{id}/status` does; an impossible
   * move throws a {@link MockControlError} (status 400 or 404) saying why.
   */
  setStatus(reportRunId: string, status: string): RunSummary;
  /** Changes knobs while the mock runs (`{ pace: "poll", latency: 200 }`), as `PATCH /__admin/settings` does. */
  configure(partial: SimulationOptions): MockSettings;
}

/** Path of the bundled report-runs document that the mock serves by default. */
export const defaultSpecPath: string = bundledDocumentPath();

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

/** A port to listen on: the one asked for (checked free now, before anything starts), or a free one. */
async function choosePort(port: number | undefined, host: string): Promise<number> {
  if (port) {
    await assertPortFree(port, host);
    return port;
  }
  return 0;
}

/**
 * Starts the mock and resolves once it answers HTTP requests. Every test suite and sibling package uses this one
 * mechanism; `pnpm mock` too.
 */
export async function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  const logLevel = options.logLevel ?? "warn";
  const mode = options.mode ?? "simulation";
  checkOptions(options);
  return mode === "static" ? startStatic(options, host, logLevel) : startSimulation(options, host, logLevel);
}

async function startStatic(options: StartMockOptions, host: string, logLevel: MockLogLevel): Promise<MockServer> {
  const chosen = await choosePort(options.port, host);
  const specPath = options.specPath ?? defaultSpecPath;
  const readyTimeoutMs = options.readyTimeoutMs ?? PRISM_READY_TIMEOUT_MS;
  const prismOptions = { specPath, host, logLevel, readyTimeoutMs, onOutput: options.onOutput };
  const prism = chosen
    ? await startPrism({ ...prismOptions, port: chosen })
    : await startPrismOnFreePort(prismOptions, findFreePort);
  const port = Number(new URL(prism.url).port);
  const none = (): never => {
    throw new Error("The mock runs in static mode (Prism alone): it has no runs or settings to control.");
  };
  return {
    url: prism.url,
    host,
    port,
    mode: "static",
    scenarios: { listed: [] },
    stop: () => prism.stop(),
    reset: none,
    runs: none,
    setStatus: none,
    configure: none,
  };
}

/** The mock's log: one line per request in its own format, at `info`; failures at `error`. */
function logger(logLevel: MockLogLevel, onOutput: ((chunk: string) => void) | undefined) {
  const threshold = LOG_LEVELS.indexOf(logLevel);
  return (level: MockLogLevel, line: string) => {
    if (onOutput && logLevel !== "silent" && LOG_LEVELS.indexOf(level) >= threshold) {
      onOutput(`[${new Date().toLocaleTimeString("en-US")}] › [MOCK] ${line}\n`);
    }
  };
}

/** Prism behind the simulation: on its own loopback port, quiet (the mock logs each request itself). */
async function startInnerPrism(options: StartMockOptions, logLevel: MockLogLevel): Promise<PrismProcess> {
  const quiet: MockLogLevel = logLevel === "error" || logLevel === "silent" ? logLevel : "warn";
  const onOutput = options.onOutput;
  // Its start-up lines ("[CLI]") name the inner port, which nobody should call.
  const prismOutput =
    onOutput &&
    ((text: string) => {
      const lines = text.split("\n").filter((line) => !line.includes("[CLI]"));
      if (lines.some((line) => line.trim() !== "")) {
        onOutput(lines.join("\n"));
      }
    });
  const specPath = options.specPath ?? defaultSpecPath;
  const readyTimeoutMs = options.readyTimeoutMs ?? PRISM_READY_TIMEOUT_MS;
  const prismOptions = { specPath, host: "127.0.0.1", logLevel: quiet, readyTimeoutMs, onOutput: prismOutput };
  return startPrismOnFreePort(prismOptions, findFreePort);
}

async function startSimulation(options: StartMockOptions, host: string, logLevel: MockLogLevel): Promise<MockServer> {
  const conformance = loadConformance(options.specPath ?? defaultSpecPath);
  const settings = resolveSettings(options, conformance);
  const simulation = createSimulation(conformance, settings);
  const facts = readFacts(conformance, "exportReportRun");
  // Refused before anything starts: a folder that cannot be read, a fixture that breaks the document.
  const replay = settings.replay === undefined ? undefined : loadReplay(settings.replay, conformance);
  const log = logger(logLevel, options.onOutput);
  const requested = await choosePort(options.port, host);
  // Everything behind the port answers before the port opens: nobody who waits for it gets a false answer.
  const prism = settings.preferExamples ? await startInnerPrism(options, logLevel) : undefined;
  const serving = { host, port: requested, mode: "simulation" as const, logLevel };
  const control: MockControl = createControl({ conformance, simulation, settings, options, serving });
  const onViolation = options.onViolation;
  const admin = createAdmin({
    control,
    conformance: loadConformance(adminDocumentPath()),
    logError: (line) => log("error", line),
    ...(onViolation ? { onViolation } : {}),
  });
  const respond = createResponder({
    conformance,
    facts,
    settings,
    simulation,
    examples: prism !== undefined,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(replay ? { replay } : {}),
    logError: (line) => log("error", line),
    ...(onViolation ? { onViolation } : {}),
    admin,
    onControl: control.onChange,
  });
  const server = createNodeServer({ respond, prismUrl: () => prism?.url, maxBodyBytes: MAX_BODY_BYTES, log });
  const port = await listen(server, requested, host).catch(async (error: unknown) => {
    await prism?.stop();
    throw error;
  });
  serving.port = port;
  let stopped: Promise<void> | undefined;
  return {
    url: urlOf(host, port),
    host,
    port,
    mode: "simulation",
    settings,
    scenarios: { default: simulation.scenarios.default, listed: simulation.scenarios.listed },
    ...(replay && settings.replay !== undefined ? { replay: { folder: settings.replay, exchanges: replay.size } } : {}),
    ...(prism ? { prism: { url: prism.url, pid: prism.pid } } : {}),
    stop() {
      stopped ??= Promise.all([closeServer(server), prism?.stop()]).then(() => undefined);
      return stopped;
    },
    reset: () => control.reset(),
    runs: () => control.runs(),
    setStatus: (reportRunId, status) => control.setStatus(reportRunId, status),
    configure: (partial) => control.configure(partial),
  };
}
