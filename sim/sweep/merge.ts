/**
 * `sim sweep merge`: the rows of sweep.csv and the data of sweep.html from the
 * plan and the summaries of the runs that are complete. Rows follow the plan's
 * (grid point, seed) order, so the output does not depend on which process,
 * shard or thread produced a run.
 */

import { metricValue } from "./metrics.ts";
import { cellText, type PlannedRun, pointCoords, type SweepPlan } from "./plan.ts";

export function sweepCsvColumns(plan: SweepPlan): string[] {
  return [
    "point",
    ...plan.vary.map((a) => a.path),
    "seed",
    "id",
    "end_reason",
    "leechers",
    "completed",
    ...plan.metrics,
  ];
}

export interface MergeResult {
  readonly rows: (string | number)[][];
  readonly present: readonly PlannedRun[];
  readonly missing: readonly PlannedRun[];
}

/** One row a complete run; `summaries` maps run id → parsed summary.json. */
export function mergeRows(plan: SweepPlan, summaries: ReadonlyMap<string, unknown>): MergeResult {
  const rows: (string | number)[][] = [];
  const present: PlannedRun[] = [];
  const missing: PlannedRun[] = [];
  for (const run of plan.runs) {
    const s = summaries.get(run.id);
    if (s === undefined) {
      missing.push(run);
      continue;
    }
    present.push(run);
    const coords = pointCoords(plan.vary, run.point);
    const summary = s as { end_reason?: string; peers?: { leechers?: number; completed?: number } };
    rows.push([
      run.point,
      ...plan.vary.map((a, i) => cellText(a.values[coords[i]])),
      run.seed,
      run.id,
      summary.end_reason ?? "",
      summary.peers?.leechers ?? "",
      summary.peers?.completed ?? "",
      ...plan.metrics.map((m) => metricValue(s, m) ?? ""),
    ]);
  }
  return { rows, present, missing };
}

/** What sweep.html draws (viz/sweep/main.ts imports only these types). */
export interface SweepChartData {
  readonly title: string;
  readonly description: string;
  readonly axes: readonly {
    readonly path: string;
    readonly labels: readonly string[];
    /** The values as numbers when every value is a number (a linear x axis), else null. */
    readonly numbers: readonly number[] | null;
  }[];
  readonly metrics: readonly string[];
  /** Default choices: axis index for x, metric name for y. */
  readonly x: number;
  readonly metric: string;
  readonly runs: readonly {
    readonly point: number;
    readonly seed: number;
    /** Index of each axis value. */
    readonly coords: readonly number[];
    readonly values: Readonly<Record<string, number | null>>;
  }[];
  readonly expected: number;
  readonly note: string;
}

/** The default x axis: the last key whose values are all numbers, else the last key. */
export function defaultXAxis(plan: SweepPlan): number {
  for (let i = plan.vary.length - 1; i >= 0; i--)
    if (plan.vary[i].values.every((v) => typeof v === "number")) return i;
  return plan.vary.length - 1;
}

export function sweepChartData(
  plan: SweepPlan,
  summaries: ReadonlyMap<string, unknown>,
  x: number,
  metric: string,
): SweepChartData {
  const runs = plan.runs
    .filter((r) => summaries.has(r.id))
    .map((r) => {
      const s = summaries.get(r.id);
      const values: Record<string, number | null> = {};
      for (const m of plan.metrics) values[m] = metricValue(s, m);
      return { point: r.point, seed: r.seed, coords: pointCoords(plan.vary, r.point), values };
    });
  return {
    title: `${plan.name}: ${plan.vary.map((a) => a.path).join(" × ")}`,
    description: plan.description,
    axes: plan.vary.map((a) => ({
      path: a.path,
      labels: a.values.map(cellText),
      numbers: a.values.every((v) => typeof v === "number") ? (a.values as number[]) : null,
    })),
    metrics: plan.metrics,
    x,
    metric,
    runs,
    expected: plan.runs.length,
    note:
      "Each point: mean over seeds; band: 95 % confidence interval (Student's t, n − 1 degrees " +
      "of freedom). One line per combination of the other grid keys.",
  };
}
