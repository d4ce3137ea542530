/**
 * Regenerates the measured parts of docs/flash-crowd.md: the two scenarios
 * side by side (a `sim compare`-style table over seeds 1..K, formatted by the
 * same code as `sim compare`), the done-when figures read back from each
 * run's summary.json and timeseries.csv, and the two replay screenshots.
 *
 *   npx tsx scripts/flash-crowd-docs.ts [--seeds 3] [--out results/flash-crowd-docs]
 *
 * Runs scenarios/flash-crowd.yaml and scenarios/selfish-departure.yaml on
 * every seed, one after the other (about a minute each), into --out, then
 * rewrites the blocks between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` in the doc and writes docs/replay-*.png.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCompareTask } from "../sim/cli/compare-task.ts";
import { buildReport, type RunResult } from "../sim/compare/aggregate.ts";
import type { Variant } from "../sim/compare/grid.ts";
import { type Estimate, estimate } from "../sim/compare/stats.ts";
import { formatMarkdownTable, TABLE_NOTE } from "../sim/compare/table.ts";
import { parseTimeseries, strandedStretch, tradingWindow } from "../sim/metrics/trading-window.ts";
import { arg, rewriteBlocks } from "./docs-kit.ts";
import { screenshotReplays } from "./screenshots.ts";

const K = Number(arg("seeds", "3"));
const OUT = arg("out", "results/flash-crowd-docs");
const DOC = "docs/flash-crowd.md";
const SCENARIOS = ["flash-crowd", "selfish-departure"] as const;
const seeds = Array.from({ length: K }, (_, i) => i + 1);

const variants: Variant[] = SCENARIOS.map((name) => ({
  name: `scenarios/${name}.yaml`,
  dir: name,
  sets: [],
  values: [name],
}));

interface Figures {
  readonly fibre: number | null;
  readonly dsl: number | null;
  readonly utilization: number | null;
  /** The same window's wire_utilization: every byte on the uplinks, protocol overhead included. */
  readonly wire: number | null;
  readonly strandedS: number;
  readonly leechers: number;
  readonly completed: number;
  readonly wallS: number;
}

const runs: RunResult[] = [];
const figures: Figures[][] = SCENARIOS.map(() => []);
for (const [v, name] of SCENARIOS.entries()) {
  for (const seed of seeds) {
    const outDir = join(OUT, name, `seed-${seed}`);
    const t0 = performance.now();
    const run = await runCompareTask({
      scenario: `scenarios/${name}.yaml`,
      sets: [],
      seed,
      variant: v,
      outDir,
    });
    const wallS = (performance.now() - t0) / 1000;
    runs.push(run);
    const rows = parseTimeseries(readFileSync(join(outDir, "timeseries.csv"), "utf8"));
    const s = run.summary;
    const window = tradingWindow(rows, s.peers.leechers);
    const stretch = window ? strandedStretch(rows, window.toS) : null;
    const mean = (g: string) => s.groups?.find((x) => x.group === g)?.download_time_s.mean ?? null;
    figures[v].push({
      fibre: mean("fibre"),
      dsl: mean("dsl"),
      utilization: window?.meanUtilization ?? null,
      wire: tradingWindow(rows, s.peers.leechers, "wire_utilization")?.meanUtilization ?? null,
      strandedS: stretch ? stretch.toS - stretch.fromS : 0,
      leechers: s.peers.leechers,
      completed: s.peers.completed,
      wallS,
    });
    console.log(`${name} seed ${seed}: ${wallS.toFixed(0)} s wall`);
  }
}

const report = buildReport(
  "flash-crowd vs selfish-departure",
  [{ path: "scenario", values: [...SCENARIOS] }],
  variants,
  seeds,
  runs,
);

const cell = (e: Estimate, digits: number) =>
  e.mean === null
    ? "-"
    : e.ci95 === null
      ? e.mean.toFixed(digits)
      : `${e.mean.toFixed(digits)} ± ${e.ci95.toFixed(digits)}`;
const est = (xs: (number | null)[]) => estimate(xs);

const doneWhen = [
  "| scenario | leechers | completed | fibre mean dl (s) | DSL mean dl (s) | fibre / DSL | upload util, trading window | piece stranded (s) |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...variants.map((variant, v) => {
    const f = figures[v];
    return `| ${variant.name} | ${cell(est(f.map((x) => x.leechers)), 0)} | ${f.filter((x) => x.completed === x.leechers).length}/${f.length} runs all | ${cell(est(f.map((x) => x.fibre)), 1)} | ${cell(est(f.map((x) => x.dsl)), 1)} | ${cell(est(f.map((x) => (x.fibre !== null && x.dsl !== null ? x.fibre / x.dsl : null))), 2)} | ${cell(est(f.map((x) => x.utilization)), 3)} | ${cell(est(f.map((x) => x.strandedS)), 0)} |`;
  }),
  "",
  `Per seed (${seeds.join(", ")}): trading-window upload utilization, payload ${SCENARIOS.map((name, v) => `${name} ${figures[v].map((x) => x.utilization?.toFixed(3) ?? "-").join(" / ")}`).join("; ")}; ` +
    `every byte on the wire ${SCENARIOS.map((name, v) => `${name} ${figures[v].map((x) => x.wire?.toFixed(3) ?? "-").join(" / ")}`).join("; ")}. ` +
    `Wall time per run on this machine: ${SCENARIOS.map((name, v) => `${name} ${figures[v].map((x) => x.wallS.toFixed(0)).join(" / ")} s`).join("; ")}.`,
].join("\n");

const compareTable = `${formatMarkdownTable(report)}\n${TABLE_NOTE} ${K} seeds each.`;

rewriteBlocks(DOC, { compare: compareTable, "done-when": doneWhen });
console.log(`${DOC}: tables regenerated`);

// Both at t = 5 min: the flash crowd trading at full tilt, the selfish crowd waiting on its last piece.
await screenshotReplays([
  {
    html: join(OUT, "flash-crowd", "seed-1", "replay.html"),
    png: "docs/replay-flash-crowd.png",
    timeS: 300,
  },
  {
    html: join(OUT, "selfish-departure", "seed-1", "replay.html"),
    png: "docs/replay-selfish-departure.png",
    timeS: 300,
  },
]);
