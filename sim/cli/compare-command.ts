/**
 * `sim compare SCENARIO --vary PATH=V1,V2 [--vary …] [--seeds K] [--out DIR] [--jobs J]`:
 * every variant (the grid of the --vary flags) on seeds 1..K, run on worker
 * threads, each run's outputs in DIR/<variant>/seed-<n>/; then a table of
 * mean ± 95 % CI per variant, compare.csv (a row a run), compare.json (the
 * table) and compare.html (charts). The whole folder is staged and renamed
 * into place at the end, like `sim run`'s.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { stringify as stringifySync } from "csv-stringify/sync";
import { buildReport, csvColumns, csvRows, type RunResult } from "../compare/aggregate.ts";
import { chartData } from "../compare/chart-data.ts";
import { expandGrid, parseVary, type Variant, type VaryAxis } from "../compare/grid.ts";
import { formatTable, TABLE_NOTE } from "../compare/table.ts";
import { compareHtml } from "./compare-html.ts";
import type { CompareTask } from "./compare-task.ts";
import { UsageError } from "./exit.ts";
import { Interrupted, Interrupter } from "./interrupts.ts";
import { loadScenarioFile } from "./load-scenario.ts";
import { StagedDir } from "./output-dir.ts";
import { formatSimTime } from "./progress.ts";
import { describeStale } from "./stale-partials.ts";
import { PoolStopped, runTasks } from "./task-pool.ts";

export interface CompareArgs {
  readonly scenario: string;
  readonly vary: readonly string[];
  readonly seeds?: number;
  readonly out?: string;
  readonly jobs?: number;
  readonly quiet?: boolean;
  /** Run even if the memory estimate says the runs cannot fit. */
  readonly force?: boolean;
}

export interface CompareOutcome {
  readonly dir: string;
  readonly report: ReturnType<typeof buildReport>;
  readonly table: string;
}

function positiveInt(name: string, x: number | undefined, dflt: number): number {
  const v = x ?? dflt;
  if (!Number.isInteger(v) || v < 1)
    throw new UsageError(`sim compare: --${name} must be an integer ≥ 1, got ${x}`);
  return v;
}

/** Parses the flags and checks every variant's scenario before anything runs or is written. */
function plan(args: CompareArgs) {
  if (args.vary.length === 0)
    throw new UsageError("sim compare: give at least one --vary PATH=V1,V2");
  let axes: VaryAxis[];
  let variants: Variant[];
  try {
    axes = args.vary.map(parseVary);
    variants = expandGrid(axes);
  } catch (e) {
    throw new UsageError(`sim compare: ${(e as Error).message}`);
  }
  const k = positiveInt("seeds", args.seeds, 5);
  const jobs = positiveInt("jobs", args.jobs, availableParallelism());
  const seeds = Array.from({ length: k }, (_, i) => i + 1);
  let name = "";
  const concurrent = Math.min(jobs, variants.length * seeds.length);
  for (const v of variants) {
    // Each seed only replaces `seed`; checking one per variant checks them all.
    const config = loadScenarioFile(args.scenario, {
      sets: v.sets,
      seed: 1,
      guard: { force: args.force, concurrent },
    });
    name = config.name;
  }
  return { axes, variants, seeds, jobs, name };
}

function stoppedMessage(e: PoolStopped, variants: readonly Variant[], total: number): string {
  const runs = e.stopped.map(
    (s) =>
      `${variants[s.task.variant].name} seed ${s.task.seed} at simulated t=${formatSimTime(s.at!.simTimeS)}`,
  );
  if (e.unanswered > 0) runs.push(`${e.unanswered} run(s) that did not answer in time`);
  const inProgress = runs.length > 0 ? `; stopped ${runs.join(", ")}` : "";
  return (
    `sim compare: interrupted by ${e.signal} with ${e.done} of ${total} runs done${inProgress}; ` +
    "nothing written (the partial folder was removed)"
  );
}

export async function compareCommand(args: CompareArgs): Promise<CompareOutcome> {
  const { axes, variants, seeds, jobs, name } = plan(args);
  const quiet = args.quiet ?? false;
  const staged = new StagedDir(args.out ?? `results/${name}-compare`);
  if (!quiet) for (const s of staged.removedStale) process.stderr.write(describeStale(s));
  const interrupter = new Interrupter();
  const releaseSignals = interrupter.install();
  try {
    const tasks: CompareTask[] = variants.flatMap((v, variant) =>
      seeds.map((seed) => ({
        scenario: args.scenario,
        sets: v.sets,
        seed,
        variant,
        outDir: join(staged.path, v.dir, `seed-${seed}`),
      })),
    );
    let done = 0;
    if (!quiet)
      process.stderr.write(
        `compare: ${variants.length} variant(s) × ${seeds.length} seed(s) = ${tasks.length} runs on ${Math.min(jobs, tasks.length)} thread(s)\n`,
      );
    let runs: RunResult[];
    try {
      runs = await runTasks(tasks, jobs, interrupter, () => {
        done++;
        if (!quiet) process.stderr.write(`compare: ${done}/${tasks.length} runs done\n`);
      });
    } catch (e) {
      if (e instanceof PoolStopped)
        throw new Interrupted(e.signal, stoppedMessage(e, variants, tasks.length));
      throw e;
    }

    const report = buildReport(name, axes, variants, seeds, runs);
    writeFileSync(
      staged.file("compare.csv"),
      stringifySync(csvRows(variants, runs), { header: true, columns: csvColumns(axes) }),
    );
    writeFileSync(staged.file("compare.json"), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(
      staged.file("compare.html"),
      compareHtml(chartData(report, variants, runs, TABLE_NOTE)),
    );
    staged.commit();
    const table = formatTable(report);
    if (!quiet) {
      process.stdout.write(
        `${name}: ${variants.length} variant(s) × seeds ${seeds[0]}..${seeds[seeds.length - 1]}\n\n${table}\n${TABLE_NOTE}\n\noutputs in ${staged.finalPath}\n`,
      );
    }
    return { dir: staged.finalPath, report, table };
  } finally {
    releaseSignals();
    staged.abandon();
  }
}
