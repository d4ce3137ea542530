/**
 * Reads a sweep file and its base scenario and checks every grid point before
 * anything runs: each point's values go through the `--set` machinery, so
 * they are validated exactly like a scenario, and a bad value is reported at
 * its line:col in the sweep file. Then every (point, seed) gets its run id.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Where } from "../scenario/document.ts";
import { formatPath, ScenarioError } from "../scenario/errors.ts";
import { parseScenario } from "../scenario/load.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import {
  describePoint,
  type GridPoint,
  gridPoints,
  runId,
  type SweepPlan,
  setExpr,
} from "../sweep/plan.ts";
import { normalizeKeyPath, parseSweepSpec, type SweepSpec } from "../sweep/spec.ts";
import { cliChecks } from "./load-scenario.ts";
import type { GuardOptions } from "./resource-guard.ts";

export interface LoadedSweep {
  /** The sweep file as given. */
  readonly file: string;
  readonly spec: SweepSpec;
  /** The base scenario's absolute path (what workers load). */
  readonly baseAbs: string;
  readonly points: readonly GridPoint[];
  readonly plan: SweepPlan;
}

function readText(
  path: string,
  what: string,
  where: { file: string; line?: number; col?: number },
) {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new ScenarioError(
      where,
      what === "sweep" ? "" : "base",
      `cannot read the ${what}: ${reason}`,
    );
  }
}

/** The id must not depend on where the sweep is run from: `torrent.file` relative to the sweep file. */
function portable(config: ScenarioConfig, sweepDir: string): ScenarioConfig {
  const f = config.torrent.file;
  if (f === null) return config;
  const rel = relative(sweepDir, resolve(f)).split(sep).join("/");
  return { ...config, torrent: { ...config.torrent, file: rel } };
}

/** `guard`: the memory guard for the runs (omitted: not checked, as for --emit). */
export function loadSweep(file: string, guard?: GuardOptions): LoadedSweep {
  const text = readText(file, "sweep", { file });
  const spec = parseSweepSpec(text, file);
  const sweepDir = dirname(resolve(file));
  const baseLabel = isAbsolute(spec.base) ? spec.base : join(dirname(file), spec.base);
  const baseAbs = resolve(sweepDir, spec.base);
  const baseText = readText(baseAbs, "base scenario", spec.baseWhere);

  // `--set` labels of the grid values → where the value is written in the sweep file.
  const origin = new Map<string, { where: Where; key: string; scenarioPath: string }>();
  for (const axis of spec.vary) {
    const scenarioPath = formatPath(
      normalizeKeyPath(axis.path)
        .split(".")
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    );
    axis.values.forEach((v, j) => {
      origin.set(`--set ${setExpr(axis.path, v)}`, {
        where: axis.where[j],
        key: `${formatPath(["vary", axis.path])}[${j}]`,
        scenarioPath,
      });
    });
  }

  const axes = spec.vary.map((a) => ({ path: a.path, values: a.values }));
  const points = gridPoints(axes);
  const ids = new Map<string, { point: number; seed: number }>();
  const runs: { id: string; point: number; seed: number }[] = [];
  let name = spec.name;
  for (const point of points) {
    let config: ScenarioConfig;
    try {
      config = parseScenario(
        baseText,
        baseLabel,
        { sets: point.sets, seed: spec.seeds[0], checks: cliChecks({ guard }) },
        dirname(baseAbs),
      );
    } catch (e) {
      const from = e instanceof ScenarioError ? origin.get(e.file) : undefined;
      if (e instanceof ScenarioError && from) {
        const inner = e.path !== "" && e.path !== from.scenarioPath ? `${e.path}: ` : "";
        throw new ScenarioError(from.where, from.key, `${inner}${e.problem}`);
      }
      throw e;
    }
    name ??= `${basename(file, extname(file))}`;
    const stable = portable(config, sweepDir);
    for (const seed of spec.seeds) {
      const id = runId({ ...stable, seed });
      const twin = ids.get(id);
      if (twin) {
        throw new ScenarioError(
          spec.varyWhere,
          "vary",
          `grid points ${describePoint(axes, points[twin.point].values)} and ${describePoint(axes, point.values)} give the same scenario`,
        );
      }
      ids.set(id, { point: point.index, seed });
      runs.push({ id, point: point.index, seed });
    }
  }
  const plan: SweepPlan = {
    format: 1,
    name: name ?? basename(file, extname(file)),
    description: spec.description,
    base: spec.base,
    vary: axes,
    seeds: spec.seeds,
    metrics: spec.metrics,
    runs,
  };
  return { file, spec, baseAbs, points, plan };
}
