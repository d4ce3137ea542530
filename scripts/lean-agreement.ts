/**
 * `npx tsx scripts/lean-agreement.ts [--seeds N]`: the lean model against the
 * block model over the agreement scenarios (scripts/lean/agreement.ts), and
 * the block model against itself on other seeds (chance). Rewrites the block
 * between `<!-- generated:lean-agreement -->` markers in docs/validation.md.
 */
import { join } from "node:path";
import { arg, rewriteBlocks } from "./docs-kit.ts";
import { AGREEMENT_CASES, deviation, runModel } from "./lean/agreement.ts";

const n = Number(arg("seeds", "10"));
const seeds = Array.from({ length: n }, (_, i) => i + 1);
const others = seeds.map((s) => s + 1000);
const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} %`;

const rows: string[] = [
  "| case | mean block / lean (s) | mean | p90 | max | utilization block / lean | completed | same bans | events block / lean | chance: mean / p90 / max |",
  "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
];
for (const c of AGREEMENT_CASES) {
  const b = runModel(c, "block", seeds);
  const l = runModel(c, "lean", seeds);
  const o = runModel(c, "block", others);
  const sameBans = b.banned.every((x, i) => x === l.banned[i]);
  rows.push(
    `| ${c.name} | ${b.mean.toFixed(1)} / ${l.mean.toFixed(1)} | ${pct(deviation(b.mean, l.mean))} | ${pct(deviation(b.p90, l.p90))} | ${pct(deviation(b.max, l.max))} | ${b.utilization.toFixed(3)} / ${l.utilization.toFixed(3)} | ${b.completed} / ${l.completed} | ${sameBans ? "yes" : "no"} | ${(b.events / 1e6).toFixed(2)} M / ${(l.events / 1e6).toFixed(2)} M (${(b.events / l.events).toFixed(1)}×) | ${pct(deviation(b.mean, o.mean))} / ${pct(deviation(b.p90, o.p90))} / ${pct(deviation(b.max, o.max))} |`,
  );
  console.log(rows.at(-1));
}
const table = [
  `Seeds 1–${n} under each model (averages over the seeds of each run's mean, p90 and max download time; deviation = lean / block − 1); every run under \`--check\`. "chance" compares the block model on seeds 1–${n} with the block model on seeds 1001–${1000 + n}: what two samples of the same model differ by.`,
  "",
  ...rows,
].join("\n");

rewriteBlocks(join(import.meta.dirname, "../docs/validation.md"), { "lean-agreement": table });
console.log(`docs/validation.md: lean-agreement table rewritten (${n} seeds)`);
