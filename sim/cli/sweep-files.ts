/**
 * The layout of a sweep folder:
 *
 *   DIR/sweep.json                 the plan (every run's id, point and seed)
 *   DIR/runs/<id>/                 a complete run: the usual outputs + params.json
 *   DIR/runs/.<id>.partial-<host>-<pid>/   a run being written (renamed when complete)
 *   DIR/sweep.csv, DIR/sweep.html  written by `sim sweep merge`
 *
 * A run folder only ever appears by rename, so it is complete or absent.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SweepPlan } from "../sweep/plan.ts";
import { UsageError } from "./exit.ts";
import { HOST, partialName } from "./stale-partials.ts";

export const PLAN_FILE = "sweep.json";
export const RUNS_DIR = "runs";

const PARTIAL = /^\.([0-9a-f]{16})\.partial-(.+)-(\d+)$/;
const RUN_ID = /^[0-9a-f]{16}$/;

export function partialDir(runsDir: string, id: string): string {
  return join(runsDir, partialName(id));
}

/** Writes a file through a temporary sibling renamed over it: readers see the old or the new. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${HOST}-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Ids of the complete runs (folders renamed into place) and the count of partial folders. */
export function scanRuns(runsDir: string): { complete: Set<string>; partial: number } {
  const complete = new Set<string>();
  let partial = 0;
  if (!existsSync(runsDir)) return { complete, partial };
  for (const e of readdirSync(runsDir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    if (RUN_ID.test(e.name)) complete.add(e.name);
    else if (PARTIAL.test(e.name)) partial++;
  }
  return { complete, partial };
}

export function planJson(plan: SweepPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export function readPlan(dir: string): SweepPlan {
  const path = join(dir, PLAN_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(
      `sim sweep merge: ${path}: no such file — is ${dir} the --out folder of a sim sweep?`,
    );
  }
  const plan = JSON.parse(text) as SweepPlan;
  if (plan.format !== 1 || !Array.isArray(plan.runs))
    throw new UsageError(`sim sweep merge: ${path}: not a sweep plan this version can read`);
  return plan;
}
