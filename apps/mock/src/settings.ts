// The mock's knobs: options of startMock(), MOCK_* variables of `pnpm mock`, one set of checks for both, and the
// table `pnpm mock` prints. Defaults that Zuora documents come from the document (rate limit, token lifetime).

import { type Conformance, exampleOf, responseFor } from "@zuora-reports/conformance";
import { FAULT_KINDS, type FaultKind } from "./simulation/faults.js";
import type { Pace } from "./simulation/runs.js";

/** `simulation` (the default): runs that start, progress and finish. `static`: Prism alone, examples only. */
export type MockMode = "simulation" | "static";

/** Prism's log levels, quietest last. */
export type MockLogLevel = "debug" | "info" | "warn" | "error" | "silent";
/** The log levels, from the most said to nothing. */
export const LOG_LEVELS: readonly MockLogLevel[] = ["debug", "info", "warn", "error", "silent"];

/** The simulation's options (startMock() takes them, `pnpm mock` reads them from MOCK_* variables). */
export interface SimulationOptions {
  /** `simulation` (default) or `static` (Prism alone, as before the simulation existed). */
  mode?: MockMode;
  /** Milliseconds per status step (default 1000: a run completes in 3 s), or `"poll"`: one step per Get Report Run. */
  pace?: number | "poll";
  /** Rows of a completed run of a report that is not a scenario with its own count (default 2500). */
  rows?: number;
  /** Requests per credential and window (default: the document's `RateLimit-Limit` example) and the window (60 s). */
  rateLimit?: { limit?: number; windowSeconds?: number };
  /** Lifetime of the tokens /oauth/token issues (default: the document's `expires_in` example, 3599 s). */
  tokenTtlSeconds?: number;
  /** A share of requests (0–1, default 0) answered 500, 429 or dropped, the kinds taking turns. */
  faults?: { rate: number; kinds?: readonly FaultKind[] };
  /** Answer `Prefer: example=…` / `code=…` (and `__example` / `__code`) with Prism's examples (default true). */
  preferExamples?: boolean;
  /** The simulation's clock, in epoch milliseconds (default `Date.now`): tests move time without waiting. */
  now?: () => number;
}

/** The simulation's options, checked, defaults filled in. */
export interface SimulationSettings {
  pace: Pace;
  rows: number;
  rateLimit: { limit: number; windowSeconds: number };
  tokenTtlSeconds: number;
  faults: { rate: number; kinds: readonly FaultKind[] };
  preferExamples: boolean;
  now: () => number;
}

/** Milliseconds per status step by default: a run completes in three seconds. */
export const DEFAULT_PACE_MS = 1000;
/** Rows of a completed run by default: several pages. */
export const DEFAULT_ROWS = 2500;
/** The rate-limit window by default (Zuora counts per minute). */
export const DEFAULT_RATE_WINDOW_SECONDS = 60;
const MAX_ROWS = 1_000_000;

function check(ok: boolean, message: string): asserts ok {
  if (!ok) {
    throw new RangeError(message);
  }
}

const wholeAtLeast = (value: number, min: number) => Number.isInteger(value) && value >= min;

/** Checks `options` and fills in the defaults. Throws a RangeError naming the bad option. */
export function resolveSettings(options: SimulationOptions, spec: Conformance): SimulationSettings {
  const pace = options.pace ?? DEFAULT_PACE_MS;
  check(
    pace === "poll" || wholeAtLeast(pace, 1),
    `pace must be "poll" or a whole number of milliseconds ≥ 1, not ${pace}.`,
  );
  const rows = options.rows ?? DEFAULT_ROWS;
  check(wholeAtLeast(rows, 0) && rows <= MAX_ROWS, `rows must be a whole number from 0 to ${MAX_ROWS}, not ${rows}.`);
  const limit = options.rateLimit?.limit ?? defaultRateLimit(spec);
  check(wholeAtLeast(limit, 1), `rateLimit.limit must be a whole number ≥ 1, not ${limit}.`);
  const windowSeconds = options.rateLimit?.windowSeconds ?? DEFAULT_RATE_WINDOW_SECONDS;
  check(wholeAtLeast(windowSeconds, 1), `rateLimit.windowSeconds must be a whole number ≥ 1, not ${windowSeconds}.`);
  const tokenTtlSeconds = options.tokenTtlSeconds ?? defaultTokenTtl(spec);
  check(wholeAtLeast(tokenTtlSeconds, 1), `tokenTtlSeconds must be a whole number ≥ 1, not ${tokenTtlSeconds}.`);
  const rate = options.faults?.rate ?? 0;
  check(rate >= 0 && rate <= 1, `faults.rate must be from 0 to 1, not ${rate}.`);
  const kinds = options.faults?.kinds ?? FAULT_KINDS;
  const unknown = kinds.filter((kind) => !FAULT_KINDS.includes(kind));
  check(unknown.length === 0 && kinds.length > 0, `faults.kinds must be some of ${FAULT_KINDS.join(", ")}.`);
  return {
    pace: pace === "poll" ? { kind: "poll" } : { kind: "time", stepMs: pace },
    rows,
    rateLimit: { limit, windowSeconds },
    tokenTtlSeconds,
    faults: { rate, kinds },
    preferExamples: options.preferExamples ?? true,
    now: options.now ?? Date.now,
  };
}

/** The document's `RateLimit-Limit` example (Zuora's per-minute API limit). */
export function defaultRateLimit(spec: Conformance): number {
  const header = responseFor(spec.operation("getReportRun"), 200)?.headers.get("ratelimit-limit");
  const limit = Number(header?.example);
  return wholeAtLeast(limit, 1) ? limit : 50_000;
}

/** The document's token example's `expires_in`. */
export function defaultTokenTtl(spec: Conformance): number {
  const ttl = Number((exampleOf(spec.operation("createToken"), 200).value as { expires_in?: unknown }).expires_in);
  return wholeAtLeast(ttl, 1) ? ttl : 3599;
}

/** What `pnpm mock` reads from MOCK_* variables: the simulation's options and where and how to serve. */
export interface EnvOptions extends SimulationOptions {
  mode?: MockMode;
  port?: number;
  host?: string;
  logLevel?: MockLogLevel;
}

/** The values a running mock shows in its banner. */
export interface KnobValues {
  port: number;
  host: string;
  mode: MockMode;
  logLevel: MockLogLevel;
  settings?: SimulationSettings;
}

/**
 * One knob: its variable for `pnpm mock`, its startMock() option, its default and meaning (the guide's table,
 * word for word), how its text is read and checked, and its current value for the banner.
 */
export interface Knob {
  env: string;
  option: string;
  default: string;
  meaning: string;
  /** Reads the variable's text into `options`; throws a RangeError naming the variable. */
  read(text: string, options: EnvOptions): void;
  value(current: KnobValues): string;
}

const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function whole(env: string, min: number, text: string): number {
  const value = number(text);
  check(wholeAtLeast(value, min), `${env} must be a whole number ≥ ${min}, not "${text}".`);
  return value;
}

const simulated = (current: KnobValues, show: (settings: SimulationSettings) => string) =>
  current.settings ? show(current.settings) : "–";

/** Every knob, in the order of the guide's table and the banner. */
export const KNOBS: readonly Knob[] = [
  {
    env: "MOCK_PORT",
    option: "port",
    default: "4010 (`startMock`: a free port)",
    meaning: "port to listen on",
    read(text, options) {
      const port = number(text);
      check(
        Number.isInteger(port) && port >= 1 && port <= 65535,
        `MOCK_PORT must be a port number (1-65535), not "${text}".`,
      );
      options.port = port;
    },
    value: (c) => String(c.port),
  },
  {
    env: "MOCK_HOST",
    option: "host",
    default: "`127.0.0.1`",
    meaning: "interface to bind",
    read(text, options) {
      options.host = text;
    },
    value: (c) => c.host,
  },
  {
    env: "MOCK_LOG",
    option: "logLevel",
    default: "`info` (`startMock`: `warn`)",
    meaning: "`debug`, `info` (one line per request), `warn`, `error`, `silent`",
    read(text, options) {
      check(
        LOG_LEVELS.includes(text as MockLogLevel),
        `MOCK_LOG must be one of ${LOG_LEVELS.join(", ")}, not "${text}".`,
      );
      options.logLevel = text as MockLogLevel;
    },
    value: (c) => c.logLevel,
  },
  {
    env: "MOCK_MODE",
    option: "mode",
    default: "`simulation`",
    meaning: "`static`: Prism alone, every answer one of the examples (the mock before the simulation)",
    read(text, options) {
      check(text === "simulation" || text === "static", `MOCK_MODE must be simulation or static, not "${text}".`);
      options.mode = text as MockMode;
    },
    value: (c) => c.mode,
  },
  {
    env: "MOCK_PACE",
    option: "pace",
    default: String(DEFAULT_PACE_MS),
    meaning: "milliseconds per status step, or `poll`: one step per Get Report Run",
    read(text, options) {
      const value = number(text);
      check(text === "poll" || wholeAtLeast(value, 1), `MOCK_PACE must be poll or milliseconds ≥ 1, not "${text}".`);
      options.pace = text === "poll" ? "poll" : value;
    },
    value: (c) => simulated(c, (s) => (s.pace.kind === "poll" ? "poll" : String(s.pace.stepMs))),
  },
  {
    env: "MOCK_ROWS",
    option: "rows",
    default: String(DEFAULT_ROWS),
    meaning: "rows of a completed run (scenarios may set their own)",
    read(text, options) {
      options.rows = whole("MOCK_ROWS", 0, text);
    },
    value: (c) => simulated(c, (s) => String(s.rows)),
  },
  {
    env: "MOCK_RATE_LIMIT",
    option: "rateLimit.limit",
    default: "50000",
    meaning: "requests per credential and window",
    read(text, options) {
      options.rateLimit = { ...options.rateLimit, limit: whole("MOCK_RATE_LIMIT", 1, text) };
    },
    value: (c) => simulated(c, (s) => String(s.rateLimit.limit)),
  },
  {
    env: "MOCK_RATE_WINDOW",
    option: "rateLimit.windowSeconds",
    default: String(DEFAULT_RATE_WINDOW_SECONDS),
    meaning: "length of the rate-limit window, seconds",
    read(text, options) {
      options.rateLimit = { ...options.rateLimit, windowSeconds: whole("MOCK_RATE_WINDOW", 1, text) };
    },
    value: (c) => simulated(c, (s) => String(s.rateLimit.windowSeconds)),
  },
  {
    env: "MOCK_TOKEN_TTL",
    option: "tokenTtlSeconds",
    default: "3599",
    meaning: "lifetime of the tokens `/oauth/token` issues, seconds",
    read(text, options) {
      options.tokenTtlSeconds = whole("MOCK_TOKEN_TTL", 1, text);
    },
    value: (c) => simulated(c, (s) => String(s.tokenTtlSeconds)),
  },
  {
    env: "MOCK_FAULT_RATE",
    option: "faults.rate",
    default: "0",
    meaning: "share of requests that fail, from 0 to 1",
    read(text, options) {
      const rate = number(text);
      check(rate >= 0 && rate <= 1, `MOCK_FAULT_RATE must be a number from 0 to 1, not "${text}".`);
      options.faults = { ...options.faults, rate };
    },
    value: (c) => simulated(c, (s) => String(s.faults.rate)),
  },
  {
    env: "MOCK_FAULTS",
    option: "faults.kinds",
    default: `\`${FAULT_KINDS.join(",")}\``,
    meaning: "which faults, taking turns",
    read(text, options) {
      const kinds = text.split(",").map((kind) => kind.trim());
      const unknown = kinds.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
      check(unknown.length === 0, `MOCK_FAULTS takes ${FAULT_KINDS.join(", ")} (comma-separated), not "${text}".`);
      options.faults = { rate: options.faults?.rate ?? 0, kinds: kinds as FaultKind[] };
    },
    value: (c) => simulated(c, (s) => s.faults.kinds.join(",")),
  },
];

/** The options in `env` (MOCK_* variables, by {@link KNOBS}); throws a RangeError naming the variable when one is bad. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): EnvOptions {
  const options: EnvOptions = {};
  for (const knob of KNOBS) {
    const text = env[knob.env];
    if (text !== undefined && text !== "") {
      knob.read(text, options);
    }
  }
  return options;
}
