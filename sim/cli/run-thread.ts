/**
 * `sim run`'s simulation on a worker thread, so the main thread stays free
 * to take Ctrl-C and SIGTERM while the (synchronous) simulation loop runs.
 * A signal sets the shared flag; the simulation stops within a few thousand
 * events and reports the simulated time it reached. If the worker is in a
 * phase that does not poll (hashing the torrent, writing outputs) and has not
 * answered within STOP_GRACE_MS, the thread is terminated.
 */
import { Worker } from "node:worker_threads";
import type { CheckSummary } from "../check/index.ts";
import type { Summary } from "../metrics/summary.ts";
import type { Progress } from "../run/simulate.ts";
import { CheckFailed, UsageError } from "./exit.ts";
import { Interrupted, type Interrupter, STOP_GRACE_MS, type StopSignal } from "./interrupts.ts";
import { formatSimTime } from "./progress.ts";
import type { RunPhase } from "./run-outputs.ts";
import type { RunJob, RunMessage } from "./run-task.ts";

export interface RunOutcome {
  readonly summary: Summary;
  readonly check: CheckSummary | null;
}

/** What was interrupted, for the message: the scenario, seed and the worker's last report. */
export interface InterruptContext {
  readonly what: string;
  phase: RunPhase | "starting";
  lastProgress: Progress | null;
}

export function interruptMessage(
  signal: StopSignal,
  ctx: InterruptContext,
  at: { simTimeS: number; events: number } | null,
): string {
  const head = `sim run: interrupted by ${signal}`;
  const tail = "; nothing written (the partial folder was removed)";
  if (at !== null && at.events === 0)
    return `${head} before the simulation started (${ctx.what})${tail}`;
  if (at !== null) {
    const of = ctx.lastProgress ? ` of at most ${formatSimTime(ctx.lastProgress.maxTimeS)}` : "";
    return (
      `${head} at simulated t=${formatSimTime(at.simTimeS)}${of}, after ` +
      `${at.events.toLocaleString("en-US")} events (${ctx.what})${tail}`
    );
  }
  const reached = ctx.lastProgress
    ? `, the simulation had reached t=${formatSimTime(ctx.lastProgress.simTimeS)}`
    : "";
  return `${head} while ${ctx.phase} (${ctx.what}${reached})${tail}`;
}

export function runOnThread(
  job: RunJob,
  interrupter: Interrupter,
  ctx: InterruptContext,
  onProgress: (p: Progress) => void,
): Promise<RunOutcome> {
  const worker = new Worker(new URL("./run-worker.mjs", import.meta.url), { workerData: job });
  return new Promise<RunOutcome>((resolve, reject) => {
    let settled = false;
    let grace: NodeJS.Timeout | null = null;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (grace) clearTimeout(grace);
      unsubscribe();
      fn();
      void worker.terminate();
    };
    const interrupted = (signal: StopSignal, at: { simTimeS: number; events: number } | null) =>
      settle(() => reject(new Interrupted(signal, interruptMessage(signal, ctx, at))));
    const unsubscribe = interrupter.onStop((signal) => {
      grace = setTimeout(() => interrupted(signal, null), STOP_GRACE_MS);
    });
    worker.on("message", (m: RunMessage) => {
      switch (m.type) {
        case "phase":
          ctx.phase = m.phase;
          return;
        case "progress":
          ctx.lastProgress = m.progress;
          onProgress(m.progress);
          return;
        case "done":
          settle(() => resolve({ summary: m.summary, check: m.check }));
          return;
        case "interrupted":
          interrupted(interrupter.signal ?? "SIGINT", m);
          return;
        case "bad-input":
          settle(() => reject(new UsageError(m.message)));
          return;
        case "violation":
          settle(() => reject(new CheckFailed(`sim run --check: ${m.message}`)));
          return;
        case "error": {
          const err = new Error(m.message.split("\n")[0]);
          err.stack = m.message; // the worker's stack, not this thread's
          settle(() => reject(err));
          return;
        }
        default: {
          const never: never = m;
          throw new Error(`unknown message ${JSON.stringify(never)}`);
        }
      }
    });
    worker.on("error", (e) => settle(() => reject(e)));
    worker.on("exit", (code) => {
      if (interrupter.signal) interrupted(interrupter.signal, null);
      else settle(() => reject(new Error(`the simulation thread exited with code ${code}`)));
    });
  });
}
