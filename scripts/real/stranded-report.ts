/**
 * The stranded-piece table (stranded.csv, and printed after the comparison
 * table): per real swarm, its mean and max download time and stranded-piece
 * seconds (stranded.ts), beside its twin's, per simulator seed and their mean.
 * The harness's --leave / --super-seed are the `leave` and `super_seed` columns.
 */
import { stringify } from "csv-stringify/sync";
import { mean } from "../../sim/metrics/stats.ts";
import type { HarnessResult } from "./harness.ts";

export interface StrandedRow {
  readonly n: number;
  readonly rep: number;
  /** `real`, or `sim <variant>` with the simulator seed (0: the mean over seeds). */
  readonly source: string;
  readonly seed: number;
  readonly meanS: number | null;
  readonly maxS: number | null;
  readonly strandedS: number | null;
}

const meanOf = (xs: readonly (number | null)[]) => mean(xs.filter((x): x is number => x !== null));

export function swarmMode(o: { leave: boolean; superSeed: boolean }): string {
  return `${o.leave ? "leave" : "stay"}, ${o.superSeed ? "super-seed" : "plain seed"}`;
}

export function strandedRows(r: HarnessResult): StrandedRow[] {
  const rows: StrandedRow[] = [];
  for (const run of r.runs) {
    const f = run.realFigures;
    rows.push({ n: run.n, rep: run.rep, source: "real", seed: 0, ...pick(f, run.realStrandedS) });
    for (const s of run.simulated) {
      const source = `sim ${s.variant}`;
      s.perSeed.forEach((pf, i) => {
        rows.push({ n: run.n, rep: run.rep, source, seed: i + 1, ...pick(pf, s.strandedS[i]) });
      });
      rows.push({
        n: run.n,
        rep: run.rep,
        source,
        seed: 0,
        meanS: s.figures.meanS,
        maxS: s.figures.maxS,
        strandedS: meanOf(s.strandedS),
      });
    }
  }
  return rows;
}

function pick(f: { meanS: number | null; maxS: number | null }, strandedS: number | null) {
  return { meanS: f.meanS, maxS: f.maxS, strandedS };
}

const fix = (x: number | null, d: number) => (x === null ? "" : x.toFixed(d));

export function strandedCsv(
  rows: readonly StrandedRow[],
  o: { leave: boolean; superSeed: boolean },
): string {
  return stringify([
    ["leave", "super_seed", "n", "rep", "source", "seed", "mean_s", "max_s", "stranded_s"],
    ...rows.map((x) => [
      String(o.leave),
      String(o.superSeed),
      x.n,
      x.rep,
      x.source,
      x.seed,
      fix(x.meanS, 3),
      fix(x.maxS, 3),
      fix(x.strandedS, 3),
    ]),
  ]);
}

/** The real swarms and the twins' means over seeds, one line each. */
export function strandedMarkdown(rows: readonly StrandedRow[], mode: string): string {
  const lines = [
    `Stranded pieces (${mode}): seconds ≥ 1 piece was held by seeds alone while leechers were present`,
    "",
    "| N | rep | source | mean dl (s) | max dl (s) | stranded (s) |",
    "| ---: | ---: | --- | ---: | ---: | ---: |",
  ];
  for (const x of rows.filter((r) => r.seed === 0)) {
    const src = x.source === "real" ? "real" : `${x.source} (mean of seeds)`;
    lines.push(
      `| ${x.n} | ${x.rep} | ${src} | ${fix(x.meanS, 1)} | ${fix(x.maxS, 1)} | ${fix(x.strandedS, 2)} |`,
    );
  }
  return lines.join("\n");
}
