/**
 * The worker pool of `sim compare` and `sim sweep`: runs on piscina threads
 * (`--jobs 1` too, so the main thread stays free to take signals), each
 * task's outputs written by the worker into its folder.
 *
 * On Ctrl-C or SIGTERM the shared flag stops every run in progress within a
 * few thousand events (each reports the simulated time it reached), tasks
 * not yet started return at once, and the pool is destroyed; runs still
 * silent after STOP_GRACE_MS have their threads terminated. The caller gets
 * PoolStopped with what finished and what was stopped.
 */
import type { RunResult } from "../compare/aggregate.ts";
import type { CompareTask, TaskOutcome } from "./compare-task.ts";
import { type Interrupter, STOP_GRACE_MS, type StopSignal } from "./interrupts.ts";

/** A run that was in progress when the pool stopped; `at` null if it did not answer in time. */
export interface StoppedRun {
  readonly task: CompareTask;
  readonly at: { readonly simTimeS: number; readonly events: number } | null;
}

export class PoolStopped extends Error {
  override readonly name = "PoolStopped";

  constructor(
    readonly signal: StopSignal,
    /** Runs that completed (their `onDone` was called). */
    readonly done: number,
    /** Runs in progress that stopped and said how far they had got. */
    readonly stopped: readonly StoppedRun[],
    /** Runs that had not answered within STOP_GRACE_MS: their threads were terminated. */
    readonly unanswered: number,
  ) {
    super(`stopped by ${signal}`);
  }
}

/**
 * Runs every task on up to `jobs` threads; `onDone` is called as each
 * completes (in completion order); results come back in task order. The
 * first failure rejects at once (the other runs are terminated).
 */
export async function runTasks(
  tasks: readonly CompareTask[],
  jobs: number,
  interrupter: Interrupter,
  onDone: (task: CompareTask, result: RunResult) => void,
): Promise<RunResult[]> {
  if (tasks.length === 0) return [];
  const { Piscina } = await import("piscina");
  const pool = new Piscina({
    filename: new URL("./compare-worker.mjs", import.meta.url).href,
    minThreads: 1,
    maxThreads: Math.min(jobs, tasks.length),
    idleTimeout: 1000,
  });
  let done = 0;
  let unsettled = tasks.length;
  const stopped: StoppedRun[] = [];
  const running = tasks.map(async (t) => {
    try {
      const outcome = (await pool.run({ ...t, stop: interrupter.flag })) as TaskOutcome;
      if ("interrupted" in outcome) {
        // A task that began after the signal returns at once, with nothing done: not "in progress".
        if (outcome.interrupted.events > 0) stopped.push({ task: t, at: outcome.interrupted });
        return null;
      }
      done++;
      onDone(t, outcome.result);
      return outcome.result;
    } finally {
      unsettled--;
    }
  });
  let graceTimer: NodeJS.Timeout | null = null;
  let unsubscribe = () => {};
  const grace = new Promise<"timeout">((resolve) => {
    unsubscribe = interrupter.onStop(() => {
      graceTimer = setTimeout(() => resolve("timeout"), STOP_GRACE_MS);
    });
  });
  try {
    const first = await Promise.race([Promise.all(running), grace]);
    if (interrupter.signal) {
      const unanswered = first === "timeout" ? Math.min(unsettled, jobs) : 0;
      throw new PoolStopped(interrupter.signal, done, stopped, unanswered);
    }
    return first as RunResult[];
  } finally {
    unsubscribe();
    if (graceTimer) clearTimeout(graceTimer);
    await pool.destroy();
  }
}
