/**
 * The worker-thread side of `sim run` (started by run-thread.ts through
 * run-worker.mjs): runs the simulation and writes its outputs into the
 * partial folder, telling the main thread what it is doing. The main thread
 * keeps the signals, the folder and the terminal.
 */
import type { CheckSummary } from "../check/index.ts";
import { InvariantViolation } from "../check/index.ts";
import type { Summary } from "../metrics/summary.ts";
import { SimulationInterrupted } from "../run/interrupt.ts";
import type { Progress } from "../run/simulate.ts";
import { ScenarioError } from "../scenario/errors.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { flagSet } from "./interrupts.ts";
import { type RunPhase, writeRunOutputs } from "./run-outputs.ts";

export interface RunJob {
  /** Validated in the main thread (structured-cloned here). */
  readonly config: ScenarioConfig;
  /** The partial folder to write into (exists). */
  readonly dir: string;
  readonly check: boolean;
  /** The interrupt flag, in memory shared with the main thread. */
  readonly stop: Int32Array;
}

export type RunMessage =
  | { readonly type: "phase"; readonly phase: RunPhase }
  | { readonly type: "progress"; readonly progress: Progress }
  | { readonly type: "done"; readonly summary: Summary; readonly check: CheckSummary | null }
  | { readonly type: "interrupted"; readonly simTimeS: number; readonly events: number }
  | { readonly type: "bad-input"; readonly message: string }
  | { readonly type: "violation"; readonly message: string }
  | { readonly type: "error"; readonly message: string };

export async function runJob(job: RunJob, post: (m: RunMessage) => void): Promise<void> {
  try {
    const result = await writeRunOutputs(job.config, job.dir, {
      onPhase: (phase) => post({ type: "phase", phase }),
      onProgress: (progress) => post({ type: "progress", progress }),
      interrupt: flagSet(job.stop),
      check: job.check,
    });
    post({ type: "done", summary: result.summary, check: result.check });
  } catch (e) {
    post(describeFailure(e));
  }
}

function describeFailure(e: unknown): RunMessage {
  if (e instanceof SimulationInterrupted)
    return { type: "interrupted", simTimeS: e.simTimeS, events: e.events };
  if (e instanceof InvariantViolation) return { type: "violation", message: e.message };
  if (e instanceof ScenarioError) return { type: "bad-input", message: e.message };
  return { type: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
