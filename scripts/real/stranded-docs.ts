/**
 * Regenerates the measured table of docs/real-clients.md, "Selfish departure
 * and super-seeding": two harness runs of the same selfish crowd, one with a
 * plain seed and one with `--super-seed`, read back from their stranded.csv
 * (stranded-report.ts) and compare.csv, side by side per rep.
 *
 *   npm run real -- --peers 24 --size 16MiB --seed-up 1MiB/s --up 1MiB/s --down 4MiB/s \
 *       --leave --reps 3 --sim-seeds 3 --out results/real-ss-plain
 *   npm run real -- … --leave --super-seed … --out results/real-ss-super
 *   npx tsx scripts/real/stranded-docs.ts [--plain results/real-ss-plain] [--super results/real-ss-super]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { arg, rewriteBlocks } from "../docs-kit.ts";

type Row = Record<string, string>;
/** A csv-stringify file → one record a row (a field may be quoted: variant names can hold commas). */
function read(dir: string, file: string): Row[] {
  const split = (line: string) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
      .slice(0, -1)
      .map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"'));
  const [header, ...rows] = readFileSync(join(dir, file), "utf8").trim().split("\n").map(split);
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

const dirs = {
  plain: arg("plain", "results/real-ss-plain"),
  super: arg("super", "results/real-ss-super"),
};
const stranded = {
  plain: read(dirs.plain, "stranded.csv"),
  super: read(dirs.super, "stranded.csv"),
};
const compare = { plain: read(dirs.plain, "compare.csv"), super: read(dirs.super, "compare.csv") };

const num = (s: string | undefined) => (s === undefined || s === "" ? null : Number(s));
const mean = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length;
};
const f = (x: number | null, d: number) => (x === null ? "-" : x.toFixed(d));

/** Real rows, or the twin's mean over simulator seeds (seed 0), per rep. */
const pick = (rows: Row[], real: boolean) =>
  rows.filter((r) => (real ? r.source === "real" : r.source !== "real" && r.seed === "0"));
const reps = [...new Set(stranded.plain.map((r) => r.rep))].sort((a, b) => Number(a) - Number(b));
const cols = [
  pick(stranded.plain, true),
  pick(stranded.super, true),
  pick(stranded.plain, false),
  pick(stranded.super, false),
];
const at = (rows: Row[], rep: string) => rows.find((r) => r.rep === rep);
const dl = (r: Row | undefined) => `${f(num(r?.mean_s), 1)} / ${f(num(r?.max_s), 1)}`;
const st = (r: Row | undefined) => f(num(r?.stranded_s), 2);

const lines = [
  "| rep | real plain mean / max dl | real super mean / max dl | twin plain mean / max dl | twin super mean / max dl | stranded: real plain | real super | twin plain | twin super |",
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...reps.map(
    (rep) =>
      `| ${rep} | ${cols.map((c) => dl(at(c, rep))).join(" | ")} | ${cols.map((c) => st(at(c, rep))).join(" | ")} |`,
  ),
  `| mean | ${cols
    .map(
      (c) =>
        `${f(mean(c.map((r) => num(r.mean_s))), 1)} / ${f(mean(c.map((r) => num(r.max_s))), 1)}`,
    )
    .join(" | ")} | ${cols.map((c) => f(mean(c.map((r) => num(r.stranded_s))), 2)).join(" | ")} |`,
  "",
];

// The twin per simulator seed, and each side's first byte (compare.csv: mean over reps).
const perSeed = (rows: Row[]) =>
  reps
    .map((rep) =>
      rows
        .filter((r) => r.source !== "real" && r.seed !== "0" && r.rep === rep)
        .map((r) => f(num(r.stranded_s), 2))
        .join(" / "),
    )
    .join(", ");
const firstByte = (rows: Row[], source: string) =>
  f(num(rows.find((r) => r.source === source)?.first_byte_s), 2);
lines.push(
  `Per twin seed (per rep), stranded seconds: plain ${perSeed(stranded.plain)}; super ${perSeed(stranded.super)}. ` +
    `The first byte came after ${firstByte(compare.plain, "real")} s (real, plain), ${firstByte(compare.super, "real")} s (real, super), ` +
    `${firstByte(compare.plain, "sim")} s (twin, plain) and ${firstByte(compare.super, "sim")} s (twin, super).`,
);

rewriteBlocks("docs/real-clients.md", { "real-super-seed": lines.join("\n") });
console.log("docs/real-clients.md: the selfish-departure / super-seeding table regenerated");
