/**
 * `sim sweep SWEEP.yaml --out DIR [--jobs J] [--shard I/N] [--quiet]`: runs
 * every (grid point, seed) of a sweep file that is not already complete in
 * DIR/runs/, on the worker pool of `sim compare`. Each run is written into a
 * partial folder and renamed to DIR/runs/<id>/ when complete, so killing a
 * sweep loses only the runs in flight and running it again does only what is
 * missing. Without --shard, sweep.csv and sweep.html are merged at the end.
 *
 * `--emit slurm|parallel [--shards N] [--emit-out FILE]` prints (or writes) a
 * Slurm job-array script or a GNU parallel command line instead of running.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parallelCommand, slurmScript } from "../sweep/emit.ts";
import { inShard, type PlannedRun, parseShard, type Shard } from "../sweep/plan.ts";
import type { CompareTask } from "./compare-task.ts";
import { UsageError } from "./exit.ts";
import { Interrupted, Interrupter } from "./interrupts.ts";
import { formatSimTime } from "./progress.ts";
import { cleanStalePartials, describeStale } from "./stale-partials.ts";
import { PLAN_FILE, partialDir, planJson, RUNS_DIR, scanRuns, writeAtomic } from "./sweep-files.ts";
import { type LoadedSweep, loadSweep } from "./sweep-load.ts";
import { sweepMerge } from "./sweep-merge.ts";
import { sweepProgress } from "./sweep-progress.ts";
import { PoolStopped, runTasks } from "./task-pool.ts";

export interface SweepArgs {
  readonly sweep: string;
  readonly out?: string;
  readonly jobs?: number;
  readonly shard?: string;
  readonly quiet?: boolean;
  readonly emit?: string;
  readonly shards?: number;
  readonly emitOut?: string;
  /** Run even if the memory estimate says the runs cannot fit. */
  readonly force?: boolean;
}

export interface SweepOutcome {
  readonly dir: string;
  /** Runs of this shard. */
  readonly mine: number;
  /** Already complete before this invocation. */
  readonly reused: number;
  readonly ran: number;
}

function positiveInt(name: string, x: number | undefined, dflt: number): number {
  const v = x ?? dflt;
  if (!Number.isInteger(v) || v < 1)
    throw new UsageError(`sim sweep: --${name} must be an integer ≥ 1, got ${x}`);
  return v;
}

function emit(args: SweepArgs, loaded: LoadedSweep, out: string): void {
  const shards = positiveInt("shards", args.shards, 8);
  const opts = {
    sweepFile: args.sweep,
    out,
    shards,
    name: loaded.plan.name,
    runs: loaded.plan.runs.length,
    cpus: positiveInt("jobs", args.jobs, 1),
  };
  let text: string;
  if (args.emit === "slurm") text = slurmScript(opts);
  else if (args.emit === "parallel") text = `${parallelCommand(opts)}\n`;
  else throw new UsageError(`sim sweep: --emit must be slurm or parallel, got '${args.emit}'`);
  if (args.emitOut) {
    writeFileSync(args.emitOut, text, { mode: args.emit === "slurm" ? 0o755 : 0o644 });
    if (!args.quiet) process.stderr.write(`wrote ${args.emitOut}\n`);
  } else {
    process.stdout.write(text);
  }
}

function stoppedMessage(
  e: PoolStopped,
  runOf: ReadonlyMap<string, PlannedRun>,
  runsDir: string,
  mine: number,
  reused: number,
): string {
  const complete = reused + e.done;
  const runs = e.stopped.map(
    (r) =>
      `run ${runOf.get(r.task.outDir)?.id} (seed ${r.task.seed}) at simulated t=${formatSimTime(r.at!.simTimeS)}`,
  );
  if (e.unanswered > 0) runs.push(`${e.unanswered} run(s) that did not answer in time`);
  const inProgress =
    runs.length > 0 ? `; stopped ${runs.join(", ")} (their partial folders removed)` : "";
  return (
    `sim sweep: interrupted by ${e.signal}: ${complete} of ${mine} runs complete, kept in ${runsDir}${inProgress}; ` +
    `run the same command again to do the other ${mine - complete}`
  );
}

export async function sweepCommand(args: SweepArgs): Promise<SweepOutcome | null> {
  // Everything is checked before anything is written (the memory guard only when running).
  const jobsWanted =
    args.emit === undefined ? positiveInt("jobs", args.jobs, availableParallelism()) : 1;
  const loaded = loadSweep(
    args.sweep,
    args.emit === undefined ? { force: args.force, concurrent: jobsWanted } : undefined,
  );
  const { plan } = loaded;
  const out = args.out ?? `results/${plan.name}`;
  if (args.emit !== undefined) {
    emit(args, loaded, out);
    return null;
  }
  if (args.shards !== undefined || args.emitOut !== undefined)
    throw new UsageError("sim sweep: --shards and --emit-out go with --emit");
  let shard: Shard | null = null;
  if (args.shard !== undefined) {
    try {
      shard = parseShard(args.shard);
    } catch (e) {
      throw new UsageError(`sim sweep: ${(e as Error).message}`);
    }
  }
  const jobs = jobsWanted;
  const quiet = args.quiet ?? false;

  const dir = resolve(out);
  const runsDir = join(dir, RUNS_DIR);
  mkdirSync(runsDir, { recursive: true });
  // The plan: the same bytes from every shard, so concurrent writers agree.
  const planText = planJson(plan);
  const planPath = join(dir, PLAN_FILE);
  const oldPlan = existsSync(planPath) ? readFileSync(planPath, "utf8") : null;
  if (oldPlan !== planText) writeAtomic(planPath, planText);
  const cleaned = cleanStalePartials(runsDir);
  if (!quiet) for (const c of cleaned) process.stderr.write(describeStale(c));

  const mine = plan.runs.filter((r) => inShard(r.id, shard));
  const { complete } = scanRuns(runsDir);
  const todo = mine.filter((r) => !complete.has(r.id));
  const reused = mine.length - todo.length;
  const effJobs = Math.min(jobs, Math.max(todo.length, 1));
  if (!quiet) {
    const where = shard ? ` (shard ${shard.index}/${shard.count}: ${mine.length})` : "";
    process.stderr.write(
      `sweep ${plan.name}: ${plan.runs.length} runs${where}; ${reused} already complete` +
        `${cleaned.length ? `, ${cleaned.length} unfinished removed` : ""}; running ${todo.length} on ${effJobs} thread(s)\n`,
    );
  }

  const runOf = new Map<string, PlannedRun>(todo.map((r) => [partialDir(runsDir, r.id), r]));
  const tasks: CompareTask[] = todo.map((r) => ({
    scenario: loaded.baseAbs,
    sets: loaded.points[r.point].sets,
    seed: r.seed,
    variant: r.point,
    outDir: partialDir(runsDir, r.id),
  }));
  const inFlight = new Set(tasks.map((t) => t.outDir));
  const abandon = () => {
    for (const p of inFlight) rmSync(p, { recursive: true, force: true });
  };
  process.once("exit", abandon);
  const interrupter = new Interrupter();
  const releaseSignals = interrupter.install();
  const progress = sweepProgress(quiet, tasks.length);
  try {
    await runTasks(tasks, jobs, interrupter, (t) => {
      const run = runOf.get(t.outDir) as PlannedRun;
      const id = run.id;
      const values = Object.fromEntries(
        plan.vary.map((a, i) => [a.path, loaded.points[run.point].values[i]]),
      );
      writeFileSync(
        join(t.outDir, "params.json"),
        `${JSON.stringify({ id, sweep: plan.name, values, seed: run.seed }, null, 2)}\n`,
      );
      const final = join(runsDir, id);
      try {
        renameSync(t.outDir, final);
      } catch (e) {
        // Another process completed the same run first: keep theirs.
        if (!existsSync(final)) throw e;
        rmSync(t.outDir, { recursive: true, force: true });
      }
      inFlight.delete(t.outDir);
      progress.tick();
    });
  } catch (e) {
    if (e instanceof PoolStopped) {
      progress.stop();
      abandon();
      throw new Interrupted(e.signal, stoppedMessage(e, runOf, runsDir, mine.length, reused));
    }
    throw e;
  } finally {
    progress.stop();
    abandon();
    releaseSignals();
    process.removeListener("exit", abandon);
  }

  if (!quiet)
    process.stderr.write(
      `sweep ${plan.name}: ${todo.length} run(s) done, ${reused} reused; runs in ${runsDir}\n`,
    );
  if (shard === null) {
    await sweepMerge({ dir, quiet });
  } else if (!quiet) {
    process.stderr.write(
      `shard ${shard.index}/${shard.count} done; when every shard is, run: sim sweep merge ${out}\n`,
    );
  }
  return { dir, mine: mine.length, reused, ran: todo.length };
}
