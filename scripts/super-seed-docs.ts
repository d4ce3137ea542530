/**
 * Regenerates the super-seeding section of docs/flash-crowd.md: the table of
 *
 *   npx sim compare scenarios/selfish-departure.yaml --vary groups.0.super_seed=false,true \
 *       --vary metrics.sample_interval=1s --seeds 3 --jobs 1
 *
 * (the same runs, formatted by the same code) and the per-seed figures behind
 * its last columns.
 *
 *   npx tsx scripts/super-seed-docs.ts [--seeds 3] [--out results/super-seed-docs]
 *
 * Six runs of about a minute and a half each, one after the other. The 1 s
 * samples make the seeds' upload at the first copy exact to 1.25 MB (the
 * origin's 10 Mbit/s for one second, ~0.01 copy); they change no dynamics.
 * Rewrites the block between `<!-- generated:super-seed -->` and
 * `<!-- /generated:super-seed -->`.
 */
import { join } from "node:path";
import { runCompareTask } from "../sim/cli/compare-task.ts";
import { buildReport, type RunResult } from "../sim/compare/aggregate.ts";
import { expandGrid, type VaryAxis } from "../sim/compare/grid.ts";
import { formatMarkdownTable, TABLE_NOTE } from "../sim/compare/table.ts";
import { arg, rewriteBlocks } from "./docs-kit.ts";

const K = Number(arg("seeds", "3"));
const OUT = arg("out", "results/super-seed-docs");
const DOC = "docs/flash-crowd.md";
const SCENARIO = "scenarios/selfish-departure.yaml";
const seeds = Array.from({ length: K }, (_, i) => i + 1);
const axes: VaryAxis[] = [
  { path: "groups.0.super_seed", values: ["false", "true", "strict"] },
  { path: "metrics.sample_interval", values: ["1s"] },
];
const variants = expandGrid(axes);

const runs: RunResult[] = [];
for (const [v, variant] of variants.entries()) {
  for (const seed of seeds) {
    const t0 = performance.now();
    runs.push(
      await runCompareTask({
        scenario: SCENARIO,
        sets: variant.sets,
        seed,
        variant: v,
        outDir: join(OUT, variant.dir, `seed-${seed}`),
      }),
    );
    console.log(
      `${variant.name} seed ${seed}: ${((performance.now() - t0) / 1000).toFixed(0)} s wall`,
    );
  }
}

const report = buildReport(SCENARIO, axes, variants, seeds, runs);
const fmt = (x: number | null | undefined, digits: number) =>
  x === null || x === undefined ? "-" : x.toFixed(digits);
const perSeed = variants
  .map((variant, v) => {
    const mine = runs.filter((r) => r.variant === v);
    const col = (f: (r: RunResult) => string) => mine.map(f).join(" / ");
    return (
      `${variant.sets[0]}: crowd first holds every piece at ${col((r) => fmt(r.seeding?.first_copy_s, 0))} s, ` +
      `the origin having uploaded ${col((r) => fmt(r.seeding?.seed_copies_at_first_copy, 3))} copies by then ` +
      `(${col((r) => fmt((r.summary.groups[0]?.uploaded_bytes ?? 0) / 2 ** 27, 2))} in the whole run); ` +
      `stranded ${col((r) => fmt(r.seeding?.stranded_piece_s, 0))} s`
    );
  })
  .join(".\n");
const body = [
  formatMarkdownTable(report),
  `${TABLE_NOTE} stranded = seconds a piece was held by seeds alone while leechers were present, ` +
    "from the first sample at which the crowd held every piece or a leecher had completed until 90 % of the leechers had completed; " +
    "seed copies = payload the origin had uploaded at that first sample, in copies of the file. " +
    `${K} seeds each.`,
  "",
  `Per seed (${seeds.join(", ")}): ${perSeed}.`,
].join("\n");

rewriteBlocks(DOC, { "super-seed": body });
console.log(`${DOC}: super-seeding table regenerated`);
