// The mock's knobs: options of startMock(), MOCK_* variables of `pnpm mock`, one set of checks for both, and the
// table `pnpm mock` prints. Defaults that Zuora documents come from the document (rate limit, token lifetime).

import { setTimeout as delay } from "node:timers/promises";
import { type Conformance, exampleOf, responseFor } from "@zuora-reports/conformance";
import { FAULT_KINDS, type FaultKind } from "./simulation/faults.js";
import {
  bodyLatencyText,
  type Latency,
  type LatencyRange,
  latencyText,
  parseBodyLatency,
  parseLatency,
  refuseBodyLatency,
  refuseLatency,
} from "./simulation/latency.js";
import {
  type RateWindow,
  TENANT_TYPES,
  TENANT_WINDOWS,
  type TenantType,
  TOKEN_WINDOWS,
} from "./simulation/rate-limit.js";
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
  /**
   * Delay before each answer's headers, in ms: `200`, `"50-100"` (uniform), or per operation id,
   * `"getReportRun=200,exportReportRun=50-100"` (an entry without an id is the default). Default 0.
   */
  latency?: number | string;
  /** How long an export's body takes after its headers, in ms: `500` or `"200-800"`, spread over its chunks. */
  latencyBody?: number | string;
  /** How the mock waits out a latency (default: a timer); a test may resolve it itself. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Zuora's tenant type, whose three windows (a minute, an hour, a day) limit each credential group, and the token
   * endpoint to 2,000 a minute. Unset: the one window of `rateLimit`. An explicit `rateLimit` replaces the tenant's
   * window of the same length (or adds one).
   */
  tenant?: TenantType;
  /** A folder of fixtures (`verify --record`) whose answers are replayed for the requests they match. */
  replay?: string;
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
  /** Delay before the headers (undefined: none). */
  latency: Latency | undefined;
  /** Duration of an export's body (undefined: as fast as it goes). */
  latencyBody: LatencyRange | undefined;
  sleep: (ms: number) => Promise<void>;
  /** The tenant type, when one was chosen. */
  tenant: TenantType | undefined;
  /** The windows each credential group is counted in (`rateLimit` alone without a tenant). */
  rateWindows: readonly RateWindow[];
  /** The token endpoint's own windows (with a tenant), else undefined: counted with the rest. */
  tokenWindows: readonly RateWindow[] | undefined;
  /** The replay folder, when one was given. */
  replay: string | undefined;
}

/** Milliseconds per status step by default: a run completes in three seconds. */
export const DEFAULT_PACE_MS = 1000;
/** Rows of a completed run by default: several pages. */
export const DEFAULT_ROWS = 2500;
/** The rate-limit window by default (Zuora counts per minute). */
export const DEFAULT_RATE_WINDOW_SECONDS = 60;
const MAX_ROWS = 1_000_000;

const wholeAtLeast = (value: number, min: number) => Number.isInteger(value) && value >= min;

/** Checks `options` by {@link KNOBS} and fills in the defaults. Throws a RangeError naming the bad option. */
export function resolveSettings(options: SimulationOptions, spec: Conformance): SimulationSettings {
  checkOptions(options);
  const pace = options.pace ?? DEFAULT_PACE_MS;
  const tenantWindows = options.tenant ? TENANT_WINDOWS[options.tenant] : undefined;
  const windowSeconds = options.rateLimit?.windowSeconds ?? DEFAULT_RATE_WINDOW_SECONDS;
  const limit =
    options.rateLimit?.limit ??
    tenantWindows?.find((w) => w.seconds === windowSeconds)?.limit ??
    tenantWindows?.[0]?.limit ??
    defaultRateLimit(spec);
  const explicit = options.rateLimit?.limit !== undefined || options.rateLimit?.windowSeconds !== undefined;
  const own: RateWindow = { limit, seconds: windowSeconds };
  const rateWindows = !tenantWindows
    ? [own]
    : explicit
      ? [...tenantWindows.filter((w) => w.seconds !== windowSeconds), own].sort((a, b) => a.seconds - b.seconds)
      : tenantWindows;
  return {
    pace: pace === "poll" ? { kind: "poll" } : { kind: "time", stepMs: pace },
    rows: options.rows ?? DEFAULT_ROWS,
    rateLimit: { limit, windowSeconds },
    rateWindows,
    // Always present (undefined when unset), so a live change that drops the tenant clears it.
    tenant: options.tenant,
    tokenWindows: options.tenant ? TOKEN_WINDOWS : undefined,
    replay: options.replay,
    tokenTtlSeconds: options.tokenTtlSeconds ?? defaultTokenTtl(spec),
    faults: { rate: options.faults?.rate ?? 0, kinds: options.faults?.kinds ?? FAULT_KINDS },
    preferExamples: options.preferExamples ?? true,
    now: options.now ?? Date.now,
    latency: resolveLatency(options.latency ?? 0, spec),
    latencyBody: parseBodyLatency(options.latencyBody ?? 0),
    sleep: options.sleep ?? ((ms) => delay(ms)),
  };
}

/** The latency, its operation ids checked against the document; a RangeError names one it lacks. */
function resolveLatency(value: number | string, spec: Conformance): Latency | undefined {
  const latency = parseLatency(value);
  if (latency && "refused" in latency) {
    throw new RangeError(`latency ${latency.refused}.`);
  }
  const known = spec.operations.map((op) => op.operationId);
  const unknown = [...(latency?.byOperation.keys() ?? [])].filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new RangeError(
      `latency names no operation of the document: ${unknown.join(", ")} (it has ${known.join(", ")}).`,
    );
  }
  return latency;
}

/** The document's `RateLimit-Limit` example (Zuora's per-minute API limit). */
export function defaultRateLimit(spec: Conformance): number {
  const header = responseFor(spec.operation("getReportRun"), 200)?.headers.get("ratelimit-limit");
  // Zuora's multi-window form, `50000, 50000;w=60, …`: the quota comes first.
  const limit = Number(String(header?.example ?? "").split(",")[0]);
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
 * One knob: its variable for `pnpm mock`, its startMock() option, its default and meaning (the guide's table, word
 * for word), how its text is read, the one check of its value (for the variable and the option alike), and its
 * current value for the banner.
 */
export interface Knob {
  env: string;
  option: string;
  default: string;
  meaning: string;
  /** The variable's text as the option's value (unchecked). */
  parse(text: string): unknown;
  /** Why `value` is refused ("must be …"), or undefined when it is fine. */
  refuse(value: unknown): string | undefined;
  get(options: EnvOptions): unknown;
  set(options: EnvOptions, value: unknown): void;
  /** Its current value as text its own `parse` reads back; undefined when unset (the banner shows "–"). */
  value(current: KnobValues): string | undefined;
  /** Read only when the mock starts: `/__admin/settings` shows it but refuses to change it. */
  startOnly?: boolean;
}

const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));
const isWhole = (value: unknown, min: number, max = Number.POSITIVE_INFINITY) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
const wholeFrom = (min: number) => (value: unknown) =>
  isWhole(value, min) ? undefined : `must be a whole number ≥ ${min}`;
const simulated = (current: KnobValues, show: (settings: SimulationSettings) => string | undefined) =>
  current.settings ? show(current.settings) : undefined;
const asString = (text: string) => text;

/** Every knob, in the order of the guide's table and the banner. */
export const KNOBS: readonly Knob[] = [
  {
    env: "MOCK_PORT",
    option: "port",
    default: "4010 (`startMock`: a free port)",
    meaning: "port to listen on",
    parse: number,
    refuse: (v) => (v === 0 || isWhole(v, 1, 65535) ? undefined : "must be a port number (1-65535)"),
    get: (o) => o.port,
    set: (o, v) => Object.assign(o, { port: v }),
    startOnly: true,
    value: (c) => String(c.port),
  },
  {
    env: "MOCK_HOST",
    option: "host",
    default: "`127.0.0.1`",
    meaning: "interface to bind",
    parse: asString,
    refuse: (v) => (typeof v === "string" && v !== "" ? undefined : "must be a host name or address"),
    get: (o) => o.host,
    set: (o, v) => Object.assign(o, { host: v }),
    startOnly: true,
    value: (c) => c.host,
  },
  {
    env: "MOCK_LOG",
    option: "logLevel",
    default: "`info` (`startMock`: `warn`)",
    meaning: "`debug`, `info` (one line per request), `warn`, `error`, `silent`",
    parse: asString,
    refuse: (v) => (LOG_LEVELS.includes(v as MockLogLevel) ? undefined : `must be one of ${LOG_LEVELS.join(", ")}`),
    get: (o) => o.logLevel,
    set: (o, v) => Object.assign(o, { logLevel: v }),
    startOnly: true,
    value: (c) => c.logLevel,
  },
  {
    env: "MOCK_MODE",
    option: "mode",
    default: "`simulation`",
    meaning: "`static`: Prism alone, every answer one of the examples (the mock before the simulation)",
    parse: asString,
    refuse: (v) => (v === "simulation" || v === "static" ? undefined : "must be simulation or static"),
    get: (o) => o.mode,
    set: (o, v) => Object.assign(o, { mode: v }),
    startOnly: true,
    value: (c) => c.mode,
  },
  {
    env: "MOCK_PACE",
    option: "pace",
    default: String(DEFAULT_PACE_MS),
    meaning: "milliseconds per status step, or `poll`: one step per Get Report Run",
    parse: (text) => (text === "poll" ? "poll" : number(text)),
    refuse: (v) => (v === "poll" || isWhole(v, 1) ? undefined : "must be poll or a whole number of milliseconds ≥ 1"),
    get: (o) => o.pace,
    set: (o, v) => Object.assign(o, { pace: v }),
    value: (c) => simulated(c, (s) => (s.pace.kind === "poll" ? "poll" : String(s.pace.stepMs))),
  },
  {
    env: "MOCK_ROWS",
    option: "rows",
    default: String(DEFAULT_ROWS),
    meaning: "rows of a completed run (scenarios may set their own)",
    parse: number,
    refuse: (v) => (isWhole(v, 0, MAX_ROWS) ? undefined : `must be a whole number from 0 to ${MAX_ROWS}`),
    get: (o) => o.rows,
    set: (o, v) => Object.assign(o, { rows: v }),
    value: (c) => simulated(c, (s) => String(s.rows)),
  },
  {
    env: "MOCK_RATE_LIMIT",
    option: "rateLimit.limit",
    default: "50000",
    meaning: "requests per credential and window",
    parse: number,
    refuse: wholeFrom(1),
    get: (o) => o.rateLimit?.limit,
    set: (o, v) => Object.assign(o, { rateLimit: { ...o.rateLimit, limit: v } }),
    value: (c) => simulated(c, (s) => String(s.rateLimit.limit)),
  },
  {
    env: "MOCK_RATE_WINDOW",
    option: "rateLimit.windowSeconds",
    default: String(DEFAULT_RATE_WINDOW_SECONDS),
    meaning: "length of the rate-limit window, seconds",
    parse: number,
    refuse: wholeFrom(1),
    get: (o) => o.rateLimit?.windowSeconds,
    set: (o, v) => Object.assign(o, { rateLimit: { ...o.rateLimit, windowSeconds: v } }),
    value: (c) => simulated(c, (s) => String(s.rateLimit.windowSeconds)),
  },
  {
    env: "MOCK_TOKEN_TTL",
    option: "tokenTtlSeconds",
    default: "3599",
    meaning: "lifetime of the tokens `/oauth/token` issues, seconds",
    parse: number,
    refuse: wholeFrom(1),
    get: (o) => o.tokenTtlSeconds,
    set: (o, v) => Object.assign(o, { tokenTtlSeconds: v }),
    value: (c) => simulated(c, (s) => String(s.tokenTtlSeconds)),
  },
  {
    env: "MOCK_FAULT_RATE",
    option: "faults.rate",
    default: "0",
    meaning: "share of requests that fail, from 0 to 1",
    parse: number,
    refuse: (v) => (typeof v === "number" && v >= 0 && v <= 1 ? undefined : "must be a number from 0 to 1"),
    get: (o) => o.faults?.rate,
    set: (o, v) => Object.assign(o, { faults: { ...o.faults, rate: v } }),
    value: (c) => simulated(c, (s) => String(s.faults.rate)),
  },
  {
    env: "MOCK_FAULTS",
    option: "faults.kinds",
    default: `\`${FAULT_KINDS.join(",")}\``,
    meaning: "which faults, taking turns",
    parse: (text) => text.split(",").map((kind) => kind.trim()),
    refuse: (v) =>
      Array.isArray(v) && v.length > 0 && v.every((kind) => FAULT_KINDS.includes(kind))
        ? undefined
        : `must be some of ${FAULT_KINDS.join(", ")} (comma-separated)`,
    get: (o) => o.faults?.kinds,
    set: (o, v) => Object.assign(o, { faults: { rate: o.faults?.rate ?? 0, ...o.faults, kinds: v } }),
    value: (c) => simulated(c, (s) => s.faults.kinds.join(",")),
  },
  {
    env: "MOCK_LATENCY",
    option: "latency",
    default: "0",
    meaning: "delay before each answer's headers, ms: `200`, `50-100` (uniform), or per operation `getReportRun=200,…`",
    parse: (text) => (/^\d+$/.test(text.trim()) ? Number(text) : text),
    refuse: refuseLatency,
    get: (o) => o.latency,
    set: (o, v) => Object.assign(o, { latency: v }),
    value: (c) => simulated(c, (s) => latencyText(s.latency)),
  },
  {
    env: "MOCK_LATENCY_BODY",
    option: "latencyBody",
    default: "0",
    meaning: "how long an export's body takes after its headers, ms: `500` or `200-800`",
    parse: (text) => (/^\d+$/.test(text.trim()) ? Number(text) : text),
    refuse: refuseBodyLatency,
    get: (o) => o.latencyBody,
    set: (o, v) => Object.assign(o, { latencyBody: v }),
    value: (c) => simulated(c, (s) => bodyLatencyText(s.latencyBody)),
  },
  {
    env: "MOCK_TENANT",
    option: "tenant",
    default: "– (one window: `MOCK_RATE_LIMIT` per `MOCK_RATE_WINDOW`)",
    meaning:
      "Zuora's tenant type, whose per-minute, per-hour and per-day limits count each credential group: `production` (also Central Sandbox), `developer-sandbox`, `api-sandbox`",
    parse: asString,
    refuse: (v) => (TENANT_TYPES.includes(v as TenantType) ? undefined : `must be one of ${TENANT_TYPES.join(", ")}`),
    get: (o) => o.tenant,
    set: (o, v) => Object.assign(o, { tenant: v }),
    value: (c) => simulated(c, (s) => s.tenant),
  },
  {
    env: "MOCK_REPLAY",
    option: "replay",
    // Fixtures are read and checked once, at start.
    startOnly: true,
    default: "–",
    meaning: "a folder of fixtures written by `verify --record`: their answers for the requests they match",
    parse: asString,
    refuse: (v) => (typeof v === "string" && v !== "" ? undefined : "must be a folder"),
    get: (o) => o.replay,
    set: (o, v) => Object.assign(o, { replay: v }),
    value: (c) => simulated(c, (s) => s.replay),
  },
];

const shown = (value: unknown) => (typeof value === "string" ? `"${value}"` : JSON.stringify(value));

/** Why `knob` refuses `value`, as a sentence naming the option ("pace must be …, not -5."), or undefined. */
export function refusal(knob: Knob, value: unknown): string | undefined {
  const reason = knob.refuse(value);
  return reason ? `${knob.option} ${reason}, not ${shown(value)}.` : undefined;
}

/** Checks the options {@link KNOBS} name; throws a RangeError naming the option and the reason. */
export function checkOptions(options: EnvOptions): void {
  for (const knob of KNOBS) {
    const value = knob.get(options);
    const reason = value === undefined ? undefined : refusal(knob, value);
    if (reason) {
      throw new RangeError(reason);
    }
  }
}

/** The options in `env` (MOCK_* variables, by {@link KNOBS}); throws a RangeError naming the variable when one is bad. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): EnvOptions {
  const options: EnvOptions = {};
  for (const knob of KNOBS) {
    const text = env[knob.env];
    if (text === undefined || text === "") {
      continue;
    }
    const value = knob.parse(text);
    const reason = knob.refuse(value);
    if (reason) {
      throw new RangeError(`${knob.env} ${reason}, not "${text}".`);
    }
    knob.set(options, value);
  }
  return options;
}
