/**
 * `sim sweep merge DIR [--x PATH] [--metric M] [--strict]`: aggregates every
 * complete run of DIR/runs/ that belongs to the plan in DIR/sweep.json into
 * DIR/sweep.csv (one row a run, grid values as columns, in (grid point, seed)
 * order) and DIR/sweep.html (a metric against a grid key, mean and 95 % CI),
 * and lists the runs still missing. Works from DIR alone.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stringify as stringifySync } from "csv-stringify/sync";
import { defaultXAxis, mergeRows, sweepChartData, sweepCsvColumns } from "../sweep/merge.ts";
import { cellText, pointCoords } from "../sweep/plan.ts";
import { normalizeKeyPath } from "../sweep/spec.ts";
import { UsageError } from "./exit.ts";
import { RUNS_DIR, readPlan, scanRuns, writeAtomic } from "./sweep-files.ts";
import { sweepHtml } from "./sweep-html.ts";

export interface MergeArgs {
  readonly dir: string;
  readonly x?: string;
  readonly metric?: string;
  readonly strict?: boolean;
  readonly quiet?: boolean;
}

export interface MergeOutcome {
  readonly present: number;
  readonly missing: readonly string[];
}

/** An error whose message is the whole report (main prints its stack), exit 1. */
function incomplete(message: string): Error {
  const e = new Error(message);
  e.stack = message.replace(/^sim /, "");
  return e;
}

export async function sweepMerge(args: MergeArgs): Promise<MergeOutcome> {
  const dir = resolve(args.dir);
  const plan = readPlan(dir);
  let x = defaultXAxis(plan);
  if (args.x !== undefined) {
    x = plan.vary.findIndex((a) => normalizeKeyPath(a.path) === normalizeKeyPath(args.x ?? ""));
    if (x < 0)
      throw new UsageError(
        `sim sweep merge: --x ${args.x}: not a grid key (${plan.vary.map((a) => a.path).join(", ")})`,
      );
  }
  const metric = args.metric ?? plan.metrics[0];
  if (!plan.metrics.includes(metric))
    throw new UsageError(
      `sim sweep merge: --metric ${metric}: not collected by this sweep (${plan.metrics.join(", ")})`,
    );

  const runsDir = join(dir, RUNS_DIR);
  const { complete, partial } = scanRuns(runsDir);
  const summaries = new Map<string, unknown>();
  for (const r of plan.runs) {
    if (!complete.has(r.id)) continue;
    summaries.set(r.id, JSON.parse(readFileSync(join(runsDir, r.id, "summary.json"), "utf8")));
  }
  const { rows, present, missing } = mergeRows(plan, summaries);
  writeAtomic(
    join(dir, "sweep.csv"),
    stringifySync(rows, { header: true, columns: sweepCsvColumns(plan) }),
  );
  writeAtomic(join(dir, "sweep.html"), sweepHtml(sweepChartData(plan, summaries, x, metric)));

  const planned = new Set(plan.runs.map((r) => r.id));
  const extra = [...complete].filter((id) => !planned.has(id)).length;
  const quiet = args.quiet ?? false;
  if (!quiet) {
    process.stdout.write(
      `sweep ${plan.name}: ${present.length}/${plan.runs.length} runs merged into ${join(dir, "sweep.csv")} and sweep.html\n`,
    );
    if (extra > 0)
      process.stdout.write(`  ${extra} complete run(s) from other grids in runs/, not merged\n`);
    if (partial > 0)
      process.stdout.write(`  ${partial} unfinished run folder(s) (.partial) ignored\n`);
  }
  if (missing.length > 0) {
    const lines = missing.slice(0, 50).map((r) => {
      const coords = pointCoords(plan.vary, r.point);
      const vals = plan.vary.map((a, i) => `${a.path}=${cellText(a.values[coords[i]])}`);
      return `  ${r.id}  ${vals.join(",")} seed=${r.seed}`;
    });
    if (missing.length > 50) lines.push(`  … and ${missing.length - 50} more`);
    const msg = `sim sweep merge: warning: ${missing.length} run(s) missing (run the sweep again to complete them):\n${lines.join("\n")}`;
    if (args.strict) throw incomplete(msg.replace("warning: ", ""));
    process.stderr.write(`${msg}\n`);
  }
  return { present: present.length, missing: missing.map((r) => r.id) };
}
