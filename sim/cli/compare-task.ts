/**
 * One run of `sim compare`: load the scenario with the variant's overrides
 * and the seed, simulate, write the run's usual outputs into its folder and
 * hand back what the comparison needs. Runs in a worker thread (see
 * compare-worker.mjs; task-pool.ts), `--jobs 1` included.
 */
import { mkdirSync } from "node:fs";
import type { RunResult, SeedingFigures } from "../compare/aggregate.ts";
import { readTorrentFile } from "../metainfo/read.ts";
import { FirstCopyFigures } from "../metrics/first-copy.ts";
import type { TimeseriesRow } from "../metrics/timeseries.ts";
import { strandedSeconds } from "../metrics/trading-window.ts";
import { SimulationInterrupted } from "../run/interrupt.ts";
import { flagSet } from "./interrupts.ts";
import { loadScenarioFile } from "./load-scenario.ts";
import { writeRunOutputs } from "./run-outputs.ts";

export interface CompareTask {
  readonly scenario: string;
  readonly sets: readonly string[];
  readonly seed: number;
  readonly variant: number;
  /** The run's output folder (created). */
  readonly outDir: string;
  /** The pool's interrupt flag, in memory shared with the main thread (interrupts.ts). */
  readonly stop?: Int32Array;
}

/** What a worker hands back: the result, or how far the run got before it was stopped. */
export type TaskOutcome =
  | { readonly result: RunResult }
  | { readonly interrupted: { readonly simTimeS: number; readonly events: number } };

export async function runCompareTask(task: CompareTask): Promise<RunResult> {
  const config = loadScenarioFile(task.scenario, { sets: task.sets, seed: task.seed });
  mkdirSync(task.outDir, { recursive: true });
  const curve: [number, number, number][] = [];
  const rows: TimeseriesRow[] = [];
  const firstCopy = new FirstCopyFigures();
  const result = await writeRunOutputs(config, task.outDir, {
    onTimeseriesRow: (row) => {
      curve.push([row.time_s ?? 0, row.leechers ?? 0, row.seeds ?? 0]);
      rows.push(row);
    },
    interrupt: task.stop ? flagSet(task.stop) : undefined,
    observers: [firstCopy],
  });
  const downloadTimesS: number[] = [];
  // peers.csv columns: arrival_s at 3, completion_s at 4; initial seeds have no completion.
  for (const row of result.peerRows) {
    if (row[4] === "") continue;
    downloadTimesS.push(Math.round(((row[4] as number) - (row[3] as number)) * 1e6) / 1e6);
  }
  downloadTimesS.sort((a, b) => a - b);
  return {
    variant: task.variant,
    seed: task.seed,
    summary: result.summary,
    downloadTimesS,
    curve,
    seeding: seedingFigures(rows, result.summary.peers.leechers, firstCopy, result.metainfo),
  };
}

/** Stranded-piece time from the time series; the seeds' upload at the first copy, in copies of the file. */
function seedingFigures(
  rows: readonly TimeseriesRow[],
  leechers: number,
  firstCopy: FirstCopyFigures,
  metainfo: Uint8Array,
): SeedingFigures {
  const f = firstCopy.result();
  const size = readTorrentFile(metainfo).lengthBytes;
  return {
    stranded_piece_s: strandedSeconds(rows, leechers),
    seed_copies_at_first_copy:
      f.seedUploadedBytes === null ? null : Math.round((f.seedUploadedBytes / size) * 1e6) / 1e6,
    first_copy_s: f.timeS,
  };
}

/** The worker's entry (compare-worker.mjs): a stopped run is an outcome, not an error. */
export async function runTaskOutcome(task: CompareTask): Promise<TaskOutcome> {
  if (task.stop && Atomics.load(task.stop, 0) !== 0)
    return { interrupted: { simTimeS: 0, events: 0 } };
  try {
    return { result: await runCompareTask(task) };
  } catch (e) {
    if (e instanceof SimulationInterrupted)
      return { interrupted: { simTimeS: e.simTimeS, events: e.events } };
    throw e;
  }
}

export default runTaskOutcome;
