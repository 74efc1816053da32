// The mock's control: forget everything, list the runs, put a run in a status now, read and change the knobs while
// it runs. One implementation behind both `/__admin/…` (server/admin.ts) and startMock()'s handle.
import type { Conformance } from "@zuora-reports/conformance";
import { REPORT_RUN_STATUSES } from "@zuora-reports/types";
import {
  type EnvOptions,
  KNOBS,
  type KnobValues,
  refusal,
  resolveSettings,
  type SimulationOptions,
  type SimulationSettings,
} from "./settings.js";
import type { Simulation } from "./simulation/engine.js";
import type { RunStatus, ViewType } from "./simulation/scenarios.js";

/** A run as the control API lists it. */
export interface RunSummary {
  id: string;
  reportId: string;
  viewType: ViewType;
  status: RunStatus;
  /** ISO 8601. */
  createdOn: string;
  /** When its status last changed, ISO 8601. */
  updatedOn: string;
}

/** The knobs' current values, shaped as startMock() takes them (`{ pace, rateLimit: { limit }, … }`). */
export type MockSettings = Record<string, unknown>;

/**
 * What the control changed: after a reset the rate limiter and fault plan start afresh; after a change of settings,
 * those whose knobs changed.
 */
export type ControlChange = "reset" | "settings";

/** A request the control refuses: 400 (an impossible move, a bad value) or 404 (no such run); `message` says why. */
export class MockControlError extends Error {
  override readonly name = "MockControlError";
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** The control of a running simulation. */
export interface MockControl {
  /** Forgets every run, token, idempotency key, rate-limit count and fault count (published runs stay). */
  reset(): void;
  /** The runs started since the mock started (or was reset), oldest first. */
  runs(): RunSummary[];
  /** Puts a run in `status` now: only forward, never out of an end; the same status is left as it is. */
  setStatus(reportRunId: string, status: string): RunSummary;
  /** Every knob's value now. */
  settings(): MockSettings;
  /**
   * Changes knobs (the shape of startMock()'s options), all or none; `null` puts a knob back to its default. Returns
   * every knob's value then.
   */
  configure(partial: SimulationOptions | MockSettings): MockSettings;
  /** Called after a reset or a change of settings. */
  onChange(listener: (change: ControlChange) => void): void;
}

/** What the control works on. */
export interface ControlOptions {
  conformance: Conformance;
  simulation: Simulation;
  /** The live settings, changed in place. */
  settings: SimulationSettings;
  /** The options the mock started with (the knobs' values before any change). */
  options: EnvOptions;
  /** Where and how the mock serves (the knobs fixed at start). */
  serving: Omit<KnobValues, "settings">;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The dotted paths of the leaves of `value` (arrays are leaves). */
function leaves(value: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    isObject(inner) ? leaves(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const iso = (time: number | string) => new Date(typeof time === "number" ? time : Date.parse(time)).toISOString();

/** The control of `simulation`. */
export function createControl(options: ControlOptions): MockControl {
  const { simulation, settings, conformance } = options;
  let effective: EnvOptions = { ...options.options };
  const listeners: ((change: ControlChange) => void)[] = [];
  const emit = (change: ControlChange) => {
    for (const listener of listeners) {
      listener(change);
    }
  };
  const current = (): KnobValues => ({ ...options.serving, settings });

  const view = (): MockSettings => {
    const values: EnvOptions = {};
    const now = current();
    for (const knob of KNOBS) {
      const text = knob.value(now);
      if (text !== undefined) {
        knob.set(values, knob.parse(text));
      }
    }
    return values as MockSettings;
  };

  const summary = (id: string): RunSummary => {
    const run = simulation.runs.get(id);
    if (!run) {
      throw new MockControlError(404, `No report run with ID ${id}: it was never started here, or the mock was reset.`);
    }
    const state = simulation.runs.state(run);
    return {
      id: run.id,
      reportId: run.reportId,
      viewType: run.reportType,
      status: state.status,
      createdOn: iso(run.createdAt),
      updatedOn: iso(state.updatedOn),
    };
  };

  return {
    reset() {
      simulation.runs.reset();
      simulation.tokens.reset();
      emit("reset");
    },
    runs: () => simulation.runs.started().map((run) => summary(run.id)),
    setStatus(reportRunId, status) {
      const run = simulation.runs.get(reportRunId);
      if (!run) {
        return summary(reportRunId); // throws the 404
      }
      if (run.published) {
        // The document's example, answered as published: not the control's to move.
        throw new MockControlError(
          400,
          `Report run ${reportRunId} is one the document publishes; it stays as published.`,
        );
      }
      if (!REPORT_RUN_STATUSES.includes(status as RunStatus)) {
        throw new MockControlError(
          400,
          `Unknown status "${status}": a report run is one of ${REPORT_RUN_STATUSES.join(", ")}.`,
        );
      }
      const outcome = simulation.runs.moveTo(run, status as RunStatus);
      if (outcome.kind === "refused") {
        throw new MockControlError(400, `Report run ${reportRunId} cannot become ${status}: ${outcome.reason}.`);
      }
      return summary(reportRunId);
    },
    settings: view,
    configure(partial) {
      if (!isObject(partial)) {
        throw new MockControlError(400, 'The settings must be a JSON object of knobs, e.g. {"pace": "poll"}.');
      }
      const names = KNOBS.map((knob) => knob.option);
      const unknown = leaves(partial).filter((path) => !names.includes(path));
      if (unknown.length > 0) {
        throw new MockControlError(400, `Unknown setting ${unknown.join(", ")}; the settings are ${names.join(", ")}.`);
      }
      const now = current();
      const candidate: EnvOptions = { ...effective };
      for (const knob of KNOBS) {
        const value = knob.get(partial as EnvOptions);
        if (value === undefined) {
          continue;
        }
        if (knob.startOnly) {
          const text = knob.value(now);
          const same =
            value === null
              ? text === undefined
              : text !== undefined && JSON.stringify(value) === JSON.stringify(knob.parse(text));
          if (same) {
            continue;
          }
          throw new MockControlError(
            400,
            `${knob.option} cannot change while the mock runs; start it with ${knob.env}.`,
          );
        }
        // null: back to the knob's default, as if the mock had started without it (no tenant, no latency).
        if (value === null) {
          knob.set(candidate, undefined);
          continue;
        }
        const refused = refusal(knob, value);
        if (refused) {
          throw new MockControlError(400, refused);
        }
        knob.set(candidate, value);
      }
      let resolved: SimulationSettings;
      try {
        resolved = resolveSettings(candidate, conformance);
      } catch (error) {
        throw new MockControlError(400, (error as Error).message);
      }
      const paceChanged = JSON.stringify(resolved.pace) !== JSON.stringify(settings.pace);
      Object.assign(settings, resolved);
      effective = candidate;
      if (paceChanged) {
        simulation.runs.setPace(settings.pace);
      }
      simulation.tokens.ttlSeconds = settings.tokenTtlSeconds;
      emit("settings");
      return view();
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
