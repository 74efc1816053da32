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
  /** The statuses it walks through: its scenario's, unless the control API moved it elsewhere. */
  statuses: RunStatus[];
  /** The credential group (tenant) that started it: only its own Get Last Completed Report Run sees it. */
  readonly owner?: string;
  /** The index of the status reached (at `stepTimes[step]`); time pace counts further steps from `anchorAt`. */
  step: number;
  stepTimes: number[];
  anchorAt: number;
  polls: number;
  cancelledAt?: number;
}

/** What a run looks like now. */
export interface RunState {
  status: RunStatus;
  updatedOn: number | string;
}

/** What a move by the control API did: moved, nothing to do (already there), or why it cannot be. */
export type MoveOutcome = { kind: "moved" } | { kind: "same" } | { kind: "refused"; reason: string };

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
      statuses: [status],
      step: 0,
      stepTimes: [],
      anchorAt: 0,
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
      statuses: [...scenario.statuses],
      ...(owner === undefined ? {} : { owner }),
      step: 0,
      stepTimes: [now],
      anchorAt: now,
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
    const last = run.statuses.length - 1;
    const pace = this.#options.pace;
    if (pace.kind === "time") {
      const elapsed = Math.max(0, this.#options.now() - run.anchorAt);
      const step = Math.min(run.step + Math.floor(elapsed / pace.stepMs), last);
      const updatedOn =
        step === run.step ? (run.stepTimes[step] ?? run.createdAt) : run.anchorAt + (step - run.step) * pace.stepMs;
      return { status: run.statuses[step] as RunStatus, updatedOn };
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
      status: run.statuses[run.step] as RunStatus,
      updatedOn: run.stepTimes[run.step] ?? run.createdAt,
    };
  }

  /** Fixes where `run` is under the current pace, so that a new pace (or a move) goes on from here, now. */
  #settle(run: RunRecord): void {
    if (run.published || run.cancelledAt !== undefined) {
      return;
    }
    const { status, updatedOn } = this.state(run);
    const step = run.statuses.indexOf(status, run.step);
    run.step = step;
    run.stepTimes[step] = timeOf(updatedOn);
    run.anchorAt = this.#options.now();
    run.polls = 0;
  }

  /** Moves every run on by a new pace from now on; a status already reached stays. */
  setPace(pace: Pace): void {
    for (const run of this.#runs.values()) {
      this.#settle(run);
    }
    this.#options.pace = pace;
  }

  /** How far a status is along the way: the running ones in order, then every end. */
  #rank(status: RunStatus): number {
    const index = this.#options.running.indexOf(status);
    return index < 0 ? this.#options.running.length : index;
  }

  /**
   * Puts `run` in `target` now (the control API): only forward, never out of an end. A running status leads on to
   * the ends its scenario had after it; an end stays.
   */
  moveTo(run: RunRecord, target: RunStatus): MoveOutcome {
    const { status } = this.state(run);
    if (status === target) {
      return { kind: "same" };
    }
    if (run.published || !this.#options.running.includes(status)) {
      return { kind: "refused", reason: `it has already finished with status ${status}` };
    }
    if (this.#rank(target) <= this.#rank(status)) {
      return { kind: "refused", reason: `${target} comes before its status ${status} (runs only move forward)` };
    }
    this.#settle(run);
    const rest = run.statuses.slice(run.step + 1).filter((s) => this.#rank(s) > this.#rank(target));
    run.statuses = [...run.statuses.slice(0, run.step + 1), target, ...rest];
    run.step += 1;
    run.stepTimes[run.step] = this.#options.now();
    run.anchorAt = this.#options.now();
    run.polls = 0;
    return { kind: "moved" };
  }

  /** The runs started on this mock (not the document's published ones), oldest first. */
  started(): RunRecord[] {
    return [...this.#runs.values()].filter((run) => !run.published);
  }

  /** Forgets every started run and idempotency key; the document's published runs stay. */
  reset(): void {
    for (const run of this.started()) {
      this.#runs.delete(run.id);
    }
    this.#idempotency.clear();
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
