// Report runs in memory: created by Run a report, moved along their scenario's statuses by the pace (time, or one
// step per poll), cancelled for good, and found again by id, idempotency key or report. Nothing touches the disk.
import { randomBytes } from "node:crypto";
import type { JsonObject } from "@zuora-reports/conformance";
import type { RowSet } from "./rows.js";
import type { RunStatus, Scenario, ViewType } from "./scenarios.js";

/** How runs move: one status step every `stepMs` of the clock, or one step per Get Report Run. */
export type Pace = { kind: "time"; stepMs: number } | { kind: "poll" };

/** One run of a report, as the store keeps it. */
export interface RunRecord {
  readonly id: string;
  readonly reportId: string;
  readonly reportType: ViewType;
  readonly startedOn: number | string;
  readonly scenario: Scenario;
  readonly rows: RowSet;
  /** A run the document publishes: its example object, answered as published. */
  readonly published?: JsonObject;
  readonly createdAt: number;
  /** The credential group (tenant) that started it: only its own Get Last Completed Report Run sees it. */
  readonly owner?: string;
  /** Poll pace: the index of the current status and when each step was reached. */
  step: number;
  stepTimes: number[];
  polls: number;
  cancelledAt?: number;
}

/** What a run looks like now. */
export interface RunState {
  status: RunStatus;
  updatedOn: number | string;
}

/** What a cancel did. */
export type CancelOutcome =
  | { kind: "canceled" }
  | { kind: "alreadyCanceled" }
  | { kind: "finished"; status: RunStatus };

/** How runs move on. */
export interface RunStoreOptions {
  pace: Pace;
  now: () => number;
  /** Statuses a run passes through (every other status ends it): the document's default scenario's, but its end. */
  running: readonly string[];
  /** Runs kept at most; the oldest simulated ones go first (published runs stay). */
  capacity?: number;
}

const newRunId = () => randomBytes(16).toString("hex");
const timeOf = (value: number | string) => (typeof value === "number" ? value : Date.parse(value));

/** Every run of the mock, in memory: created, moved on by time or polls, cancelled. */
export class RunStore {
  readonly #runs = new Map<string, RunRecord>();
  readonly #idempotency = new Map<string, string>();
  readonly #options: Required<RunStoreOptions>;

  constructor(options: RunStoreOptions) {
    this.#options = { capacity: 10_000, ...options };
  }

  /** Adds a run the document publishes (its example object), as it is: it answers exactly as published. */
  addPublished(run: JsonObject, scenario: Scenario, rows: RowSet): void {
    const id = String(run.id);
    if (this.#runs.has(id)) {
      return;
    }
    const status = String(run.status) as RunStatus;
    this.#runs.set(id, {
      id,
      reportId: String(run.reportId),
      reportType: run.reportType as ViewType,
      startedOn: run.startedOn as number | string,
      scenario: { ...scenario, statuses: [status] },
      rows,
      published: run,
      createdAt: timeOf(run.updatedOn as number | string),
      step: 0,
      stepTimes: [],
      polls: 0,
    });
  }

  /** Starts a run now. */
  create(reportId: string, reportType: ViewType, scenario: Scenario, rows: RowSet, owner?: string): RunRecord {
    const now = this.#options.now();
    const run: RunRecord = {
      id: newRunId(),
      reportId,
      reportType,
      startedOn: now,
      scenario,
      rows,
      createdAt: now,
      ...(owner === undefined ? {} : { owner }),
      step: 0,
      stepTimes: [now],
      polls: 0,
    };
    this.#runs.set(run.id, run);
    this.#evict();
    return run;
  }

  /**
   * The run already started with this key, if any: keys are scoped to a credential, like Zuora's tenant.
   * `remember` records a new key → run.
   */
  byIdempotencyKey(scope: string, key: string): RunRecord | undefined {
    const id = this.#idempotency.get(`${scope}\n${key}`);
    return id === undefined ? undefined : this.#runs.get(id);
  }

  remember(scope: string, key: string, run: RunRecord): void {
    this.#idempotency.set(`${scope}\n${key}`, run.id);
  }

  get(id: string): RunRecord | undefined {
    return this.#runs.get(id);
  }

  /** The run's status now. `poll`: this is a Get Report Run, which moves a poll-paced run one step. */
  state(run: RunRecord, { poll = false } = {}): RunState {
    if (run.published) {
      return { status: run.published.status as RunStatus, updatedOn: run.published.updatedOn as number | string };
    }
    if (run.cancelledAt !== undefined) {
      return { status: "CANCELLED", updatedOn: run.cancelledAt };
    }
    const last = run.scenario.statuses.length - 1;
    const pace = this.#options.pace;
    if (pace.kind === "time") {
      const elapsed = Math.max(0, this.#options.now() - run.createdAt);
      const step = Math.min(Math.floor(elapsed / pace.stepMs), last);
      return { status: run.scenario.statuses[step] as RunStatus, updatedOn: run.createdAt + step * pace.stepMs };
    }
    if (poll) {
      // The first poll sees the first status; each later one moves a step on.
      if (run.polls > 0 && run.step < last) {
        run.step += 1;
        run.stepTimes[run.step] = this.#options.now();
      }
      run.polls += 1;
    }
    return {
      status: run.scenario.statuses[run.step] as RunStatus,
      updatedOn: run.stepTimes[run.step] ?? run.createdAt,
    };
  }

  /** Cancels a running run for good; a finished one is left as it is. */
  cancel(run: RunRecord): CancelOutcome {
    const { status } = this.state(run);
    if (status === "CANCELLED") {
      return { kind: "alreadyCanceled" };
    }
    if (!this.#options.running.includes(status) || run.published) {
      return { kind: "finished", status };
    }
    run.cancelledAt = this.#options.now();
    return { kind: "canceled" };
  }

  /**
   * The report's COMPLETED run that completed last, of those `owner` started (Zuora keeps runs per tenant) and the
   * published ones, which every caller sees.
   */
  latestCompleted(reportId: string, owner?: string): RunRecord | undefined {
    let best: { run: RunRecord; at: number } | undefined;
    for (const run of this.#runs.values()) {
      if (run.reportId !== reportId || (!run.published && run.owner !== owner)) {
        continue;
      }
      const state = this.state(run);
      const at = timeOf(state.updatedOn);
      if (state.status === "COMPLETED" && (!best || at >= best.at)) {
        best = { run, at };
      }
    }
    return best?.run;
  }

  #evict(): void {
    for (const [id, run] of this.#runs) {
      if (this.#runs.size <= this.#options.capacity) {
        return;
      }
      if (!run.published) {
        this.#runs.delete(id);
      }
    }
  }
}
