import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { parseTimeseries, type SampleRow } from "../../sim/metrics/trading-window.ts";
import { sim, tempDir } from "../helpers/cli.ts";

export interface GroupFigures {
  readonly group: string;
  readonly leechers: number;
  readonly completed: number;
  readonly download_time_s: { readonly mean: number | null };
}

export interface RunFigures {
  readonly summary: {
    readonly end_reason: string;
    readonly peers: { readonly leechers: number; readonly completed: number };
    readonly groups: readonly GroupFigures[];
  };
  readonly rows: SampleRow[];
}

/** `sim run` as a user runs it; the figures come from the files it wrote. */
export function runScenario(file: string, args: readonly string[]): RunFigures {
  const out = join(tempDir(), "run");
  const r = sim(["run", file, ...args, "--out", out, "--quiet"]);
  expect(r.status, r.stderr).toBe(0);
  return {
    summary: JSON.parse(readFileSync(join(out, "summary.json"), "utf8")),
    rows: parseTimeseries(readFileSync(join(out, "timeseries.csv"), "utf8")),
  };
}

export function meanDownload(run: RunFigures, group: string): number {
  const g = run.summary.groups.find((x) => x.group === group);
  if (g?.download_time_s.mean == null) throw new Error(`no mean download time for ${group}`);
  return g.download_time_s.mean;
}
