// @ts-check
// Runs one tinybench round over a set of named async tasks and returns the figures this report uses.
import { Bench } from "tinybench";

/**
 * @typedef {{ meanUs: number, p50Us: number, p99Us: number, opsPerSec: number, samples: number }} TaskFigures
 * @typedef {{ time: number, warmupTime: number, iterations: number }} BenchSettings
 * @typedef {{ clock?: "wall" | "cpu", batch?: number }} RoundOptions
 */

/**
 * This process's CPU time (user + system, all its threads, so GC work counts) in milliseconds. Unlike wall
 * time it does not grow when other processes on a busy machine take the CPU away mid-sample.
 */
export function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs the tasks in the given order; throws if any task errors, so a broken contender fails the run.
 * With `batch` > 1 each sample runs the task that many times in a row and the figures are per call (this
 * amortises the clock's own cost, which for the CPU clock is a system call); p99 is then the p99 of batch means.
 * @param {string} name
 * @param {{ name: string, fn: () => unknown }[]} tasks
 * @param {BenchSettings} settings
 * @param {RoundOptions} [options]
 * @returns {Promise<Map<string, TaskFigures>>}
 */
export async function runRound(name, tasks, settings, { clock = "wall", batch = 1 } = {}) {
  const bench = new Bench({
    ...(clock === "cpu" ? { now: cpuNow, subtractTimerOverhead: true } : {}),
    name,
    time: settings.time,
    iterations: settings.iterations,
    warmup: true,
    warmupTime: settings.warmupTime,
    warmupIterations: Math.min(settings.iterations, 64),
    throws: true,
  });
  for (const task of tasks) {
    const fn =
      batch === 1
        ? async () => {
            await task.fn();
          }
        : async () => {
            for (let i = 0; i < batch; i++) {
              await task.fn();
            }
          };
    bench.add(task.name, fn, { async: true });
  }
  await bench.run();
  /** @type {Map<string, TaskFigures>} */
  const figures = new Map();
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== "completed") {
      const reason = result.state === "errored" ? result.error.message : result.state;
      throw new Error(`${name}: task "${task.name}" did not complete (${reason})`);
    }
    figures.set(task.name, {
      meanUs: (result.latency.mean * 1000) / batch,
      p50Us: (result.latency.p50 * 1000) / batch,
      p99Us: (result.latency.p99 * 1000) / batch,
      opsPerSec: result.throughput.mean * batch,
      samples: result.latency.samplesCount,
    });
  }
  return figures;
}
