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
import { assertSupported } from "../run/supported.ts";
import { compareHtml } from "./compare-html.ts";
import { type CompareTask, runCompareTask } from "./compare-task.ts";
import { UsageError } from "./exit.ts";
import { loadScenarioFile } from "./load-scenario.ts";
import { StagedDir } from "./output-dir.ts";

export interface CompareArgs {
  readonly scenario: string;
  readonly vary: readonly string[];
  readonly seeds?: number;
  readonly out?: string;
  readonly jobs?: number;
  readonly quiet?: boolean;
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
  for (const v of variants) {
    // Each seed only replaces `seed`; checking one per variant checks them all.
    const config = loadScenarioFile(args.scenario, { sets: v.sets, seed: 1 });
    assertSupported(config, args.scenario);
    name = config.name;
  }
  return { axes, variants, seeds, jobs, name };
}

async function runAll(
  tasks: readonly CompareTask[],
  jobs: number,
  onDone: () => void,
): Promise<RunResult[]> {
  if (jobs === 1 || tasks.length === 1) {
    // Inline: no threads at all.
    const out: RunResult[] = [];
    for (const t of tasks) {
      out.push(await runCompareTask(t));
      onDone();
    }
    return out;
  }
  const { Piscina } = await import("piscina");
  const pool = new Piscina({
    filename: new URL("./compare-worker.mjs", import.meta.url).href,
    minThreads: 1,
    maxThreads: Math.min(jobs, tasks.length),
    idleTimeout: 1000,
  });
  try {
    return await Promise.all(
      tasks.map(async (t) => {
        const r = (await pool.run(t)) as RunResult;
        onDone();
        return r;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

export async function compareCommand(args: CompareArgs): Promise<CompareOutcome> {
  const { axes, variants, seeds, jobs, name } = plan(args);
  const staged = new StagedDir(args.out ?? `results/${name}-compare`);
  const releaseSignals = staged.guardSignals();
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
    const quiet = args.quiet ?? false;
    if (!quiet)
      process.stderr.write(
        `compare: ${variants.length} variant(s) × ${seeds.length} seed(s) = ${tasks.length} runs on ${Math.min(jobs, tasks.length)} thread(s)\n`,
      );
    const runs = await runAll(tasks, jobs, () => {
      done++;
      if (!quiet) process.stderr.write(`compare: ${done}/${tasks.length} runs done\n`);
    });

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
