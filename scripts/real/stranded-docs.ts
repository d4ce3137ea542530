/**
 * Regenerates the measured table of docs/real-clients.md, "Selfish departure
 * and super-seeding": two harness runs of the same selfish crowd, one with a
 * plain seed and one with `--super-seed`, read back from their result.json
 * (outputs.ts) and set side by side per rep.
 *
 *   npm run real -- --peers 24 --size 16MiB --seed-up 1MiB/s --up 1MiB/s --down 4MiB/s \
 *       --leave --reps 3 --sim-seeds 3 --out results/real-ss-plain
 *   npm run real -- … --leave --super-seed … --out results/real-ss-super
 *   npx tsx scripts/real/stranded-docs.ts [--plain results/real-ss-plain] [--super results/real-ss-super]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mean } from "../../sim/metrics/stats.ts";
import { arg, rewriteBlocks } from "../docs-kit.ts";

/** The parts of one result.json run (outputs.ts) this table reads. */
interface Figures {
  readonly meanS: number | null;
  readonly maxS: number | null;
  readonly firstByteS: number | null;
}
interface Run {
  readonly rep: number;
  readonly real: Figures;
  readonly real_stranded_s: number | null;
  /** The first simulated variant: the twin. */
  readonly simulated: readonly [
    { readonly figures: Figures; readonly stranded_s: readonly (number | null)[] },
  ];
}

const runs = (dir: string): Run[] =>
  JSON.parse(readFileSync(join(dir, "result.json"), "utf8")).runs;
const plain = runs(arg("plain", "results/real-ss-plain"));
const superSeed = runs(arg("super", "results/real-ss-super"));

const known = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);
const avg = (xs: readonly (number | null)[]) => mean(known(xs));
const f = (x: number | null, d: number) => (x === null ? "-" : x.toFixed(d));

/** One column of the table: a side's figures and stranded seconds, per run. */
interface Column {
  readonly figures: (r: Run) => Figures;
  readonly stranded: (r: Run) => number | null;
}
const real: Column = { figures: (r) => r.real, stranded: (r) => r.real_stranded_s };
const twin: Column = {
  figures: (r) => r.simulated[0].figures,
  stranded: (r) => avg(r.simulated[0].stranded_s),
};
const cols: [Run[], Column][] = [
  [plain, real],
  [superSeed, real],
  [plain, twin],
  [superSeed, twin],
];

const dl = (x: Figures | undefined) => `${f(x?.meanS ?? null, 1)} / ${f(x?.maxS ?? null, 1)}`;
const lines = [
  "| rep | real plain mean / max dl | real super mean / max dl | twin plain mean / max dl | twin super mean / max dl | stranded: real plain | real super | twin plain | twin super |",
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...plain.map((p) => {
    const at = (rs: Run[]) => rs.find((r) => r.rep === p.rep);
    const figs = cols.map(([rs, c]) => dl(at(rs) && c.figures(at(rs)!)));
    const st = cols.map(([rs, c]) => f(at(rs) ? c.stranded(at(rs)!) : null, 2));
    return `| ${p.rep} | ${figs.join(" | ")} | ${st.join(" | ")} |`;
  }),
  `| mean | ${cols
    .map(
      ([rs, c]) =>
        `${f(avg(rs.map((r) => c.figures(r).meanS)), 1)} / ${f(avg(rs.map((r) => c.figures(r).maxS)), 1)}`,
    )
    .join(" | ")} | ${cols.map(([rs, c]) => f(avg(rs.map(c.stranded)), 2)).join(" | ")} |`,
  "",
];

// The twin per simulator seed, and each side's first byte (mean over reps).
const perSeed = (rs: Run[]) =>
  rs.map((r) => r.simulated[0].stranded_s.map((x) => f(x, 2)).join(" / ")).join(", ");
const firstByte = (rs: Run[], c: Column) => f(avg(rs.map((r) => c.figures(r).firstByteS)), 2);
lines.push(
  `Per twin seed (per rep), stranded seconds: plain ${perSeed(plain)}; super ${perSeed(superSeed)}. ` +
    `The first byte came after ${firstByte(plain, real)} s (real, plain), ${firstByte(superSeed, real)} s (real, super), ` +
    `${firstByte(plain, twin)} s (twin, plain) and ${firstByte(superSeed, twin)} s (twin, super).`,
);

rewriteBlocks("docs/real-clients.md", { "real-super-seed": lines.join("\n") });
console.log("docs/real-clients.md: the selfish-departure / super-seeding table regenerated");
