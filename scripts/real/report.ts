/**
 * The comparison table: per N, the real swarm's figures (mean over reps) and
 * each simulated variant's (mean over reps and simulator seeds), with the
 * deviation sim / real − 1 for times and sim − real for capacity used,
 * the spread of each figure over reps (sample standard deviation), and
 * whether the means over reps meet issue 14's targets (TARGETS). The real
 * swarm moves by seconds from run to run, so one rep is a coarse yardstick:
 * the verdict is on the mean over reps, and the spread says how far to trust it.
 * As CSV rows, a Markdown table (console, VALIDATION.md) and the per-run and
 * per-peer CSVs.
 */
import { stringify } from "csv-stringify/sync";
import { type FigureSpread, meanFigures, type SwarmFigures, spreadFigures } from "./figures.ts";
import type { HarnessResult } from "./harness.ts";

const MIB = 2 ** 20;

/**
 * Issue 14's done-when: the simulated mean and max download time within 10 %
 * of the real ones, capacity used within 0.05, each on the mean over reps.
 */
export const TARGETS = { time: 0.1, capacityUsed: 0.05 } as const;

export interface CompareRow {
  readonly n: number;
  readonly source: "real" | "sim";
  /** The simulated variant (`default`, `protocol.profile=libtorrent`…); empty for real rows. */
  readonly variant: string;
  readonly reps: number;
  readonly figures: SwarmFigures;
  /** Each figure's standard deviation over reps (real: the swarms; sim: each rep's mean over seeds). */
  readonly spread: FigureSpread;
  /** sim / real − 1 (times), sim − real (capacity used); null on real rows. */
  readonly devMean: number | null;
  readonly devMax: number | null;
  readonly devCapacity: number | null;
  /** Sim rows: whether every deviation is within TARGETS (null if a figure is missing). */
  readonly withinTarget: boolean | null;
}

function withinTarget(devMean: number | null, devMax: number | null, devCap: number | null) {
  if (devMean === null || devMax === null || devCap === null) return null;
  return (
    Math.abs(devMean) <= TARGETS.time &&
    Math.abs(devMax) <= TARGETS.time &&
    Math.abs(devCap) <= TARGETS.capacityUsed
  );
}

const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : a / b - 1;
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export function compareRows(r: HarnessResult): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const n of r.options.peers) {
    const runs = r.runs.filter((x) => x.n === n);
    if (runs.length === 0) continue;
    const realRuns = runs.map((x) => x.realFigures);
    const real = meanFigures(realRuns);
    rows.push({
      n,
      source: "real",
      variant: "",
      reps: runs.length,
      figures: real,
      spread: spreadFigures(realRuns),
      devMean: null,
      devMax: null,
      devCapacity: null,
      withinTarget: null,
    });
    for (const v of r.options.variants) {
      const simRuns = runs
        .map((x) => x.simulated.find((s) => s.variant === v.name)?.figures)
        .filter((f): f is SwarmFigures => f !== undefined);
      const sim = meanFigures(simRuns);
      const devMean = ratio(sim.meanS, real.meanS);
      const devMax = ratio(sim.maxS, real.maxS);
      const devCapacity = diff(sim.capacityUsed, real.capacityUsed);
      rows.push({
        n,
        source: "sim",
        variant: v.name,
        reps: runs.length,
        figures: sim,
        spread: spreadFigures(simRuns),
        devMean,
        devMax,
        devCapacity,
        withinTarget: withinTarget(devMean, devMax, devCapacity),
      });
    }
  }
  return rows;
}

const fix = (x: number | null, d: number) => (x === null ? "" : x.toFixed(d));
const mib = (x: number | null) => (x === null ? null : x / MIB);

export const COMPARE_COLUMNS = [
  "n",
  "source",
  "variant",
  "reps",
  "leechers",
  "completed",
  "mean_s",
  "max_s",
  "first_byte_s",
  "leecher_up_MiBps",
  "capacity_used",
  "arrival_spread_s",
  "dev_mean",
  "dev_max",
  "dev_capacity_used",
  "mean_s_sd",
  "max_s_sd",
  "first_byte_s_sd",
  "capacity_used_sd",
  "within_target",
] as const;

export function compareCsv(rows: readonly CompareRow[]): string {
  return stringify([
    [...COMPARE_COLUMNS],
    ...rows.map((r) => [
      r.n,
      r.source,
      r.variant,
      r.reps,
      r.figures.leechers,
      r.figures.completed,
      fix(r.figures.meanS, 3),
      fix(r.figures.maxS, 3),
      fix(r.figures.firstByteS, 3),
      fix(mib(r.figures.leecherUpBytesPerS), 4),
      fix(r.figures.capacityUsed, 4),
      fix(r.figures.arrivalSpreadS, 3),
      fix(r.devMean, 4),
      fix(r.devMax, 4),
      fix(r.devCapacity, 4),
      fix(r.spread.meanS, 3),
      fix(r.spread.maxS, 3),
      fix(r.spread.firstByteS, 3),
      fix(r.spread.capacityUsed, 4),
      r.withinTarget === null ? "" : r.withinTarget ? "yes" : "no",
    ]),
  ]);
}

/** One row per (N, rep, source): what each swarm did, and the machine's load while it ran. */
export function runsCsv(r: HarnessResult): string {
  const out: (string | number)[][] = [
    [
      "n",
      "rep",
      "source",
      "variant",
      "completed",
      "mean_s",
      "max_s",
      "first_byte_s",
      "leecher_up_MiBps",
      "capacity_used",
      "window_start_s",
      "window_end_s",
      "end_reason",
      "client_cpu_s",
      "loadavg_start",
      "loadavg_end",
    ],
  ];
  for (const run of r.runs) {
    const line = (source: string, variant: string, f: SwarmFigures, extra: (string | number)[]) => [
      run.n,
      run.rep,
      source,
      variant,
      f.completed,
      fix(f.meanS, 3),
      fix(f.maxS, 3),
      fix(f.firstByteS, 3),
      fix(mib(f.leecherUpBytesPerS), 4),
      fix(f.capacityUsed, 4),
      fix(f.window?.[0] ?? null, 3),
      fix(f.window?.[1] ?? null, 3),
      ...extra,
    ];
    const cpu = run.real.clients.reduce((s, c) => s + (c.cpuS ?? 0), 0);
    out.push(
      line("real", "", run.realFigures, [
        run.real.endReason,
        cpu.toFixed(2),
        run.real.loadAvg.start[0].toFixed(2),
        run.real.loadAvg.end[0].toFixed(2),
      ]),
    );
    for (const s of run.simulated) out.push(line("sim", s.variant, s.figures, ["", "", "", ""]));
  }
  return stringify(out);
}

/**
 * One row per peer: the real clients and the simulated twin's peers (seed 1
 * of each variant). Real rows also give the process's start (spawn_s, on
 * the arrival axis: Python and libtorrent load in between) and the delay from
 * arrival to the first tracker reply (announce_s).
 */
export function peersCsv(r: HarnessResult): string {
  const out: (string | number)[][] = [
    [
      "n",
      "rep",
      "source",
      "variant",
      "peer",
      "role",
      "arrival_s",
      "first_byte_s",
      "completion_s",
      "download_s",
      "uploaded_bytes",
      "spawn_s",
      "announce_s",
    ],
  ];
  for (const run of r.runs) {
    const sets = [
      { source: "real", variant: "", traces: run.realTraces },
      ...run.simulated.map((s) => ({ source: "sim", variant: s.variant, traces: s.traces })),
    ];
    for (const { source, variant, traces } of sets) {
      for (const p of traces) {
        const first = p.samples.find((s) => s.down > 0);
        const last = p.samples[p.samples.length - 1];
        // Real clients only: process start (before Python and libtorrent load) and first tracker reply.
        const c = source === "real" ? run.real.clients.find((x) => x.name === p.name) : undefined;
        out.push([
          run.n,
          run.rep,
          source,
          variant,
          p.name,
          p.role,
          fix(p.arrivalS, 3),
          fix(first ? first.t - p.arrivalS : null, 3),
          fix(p.completionS, 3),
          fix(p.completionS === null ? null : p.completionS - p.arrivalS, 3),
          last ? Math.round(last.up) : 0,
          fix(c ? c.spawnS : null, 3),
          fix(c?.announcedS != null ? c.announcedS - p.arrivalS : null, 3),
        ]);
      }
    }
  }
  return stringify(out);
}

const pct = (x: number | null) =>
  x === null ? "–" : `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} %`;
const signed = (x: number | null) =>
  x === null ? "–" : `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;
const num = (x: number | null, d: number) => (x === null ? "–" : x.toFixed(d));
/** A mean and, over two reps or more, its spread: `36.5 ± 1.2`. */
const pm = (x: number | null, sd: number | null, d: number) =>
  sd === null ? num(x, d) : `${num(x, d)} ± ${sd.toFixed(d)}`;
const verdict = (w: boolean | null) => (w === null ? "–" : w ? "yes" : "no");

/**
 * The table as Markdown: one line per N and simulated variant, the real
 * figures repeated beside each; real figures as mean ± standard deviation
 * over reps, simulated ones as the mean over reps and seeds.
 */
export function markdownTable(rows: readonly CompareRow[]): string {
  const lines = [
    "| N | variant | reps | real mean / max (s) | sim mean / max (s) | deviation mean / max | first byte real / sim (s) | leecher upload real / sim (MiB/s) | capacity used real / sim (Δ) | within target |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const real of rows.filter((r) => r.source === "real")) {
    const rf = real.figures;
    const done = rf.completed < rf.leechers ? ` (${rf.completed}/${rf.leechers} done)` : "";
    for (const sim of rows.filter((r) => r.source === "sim" && r.n === real.n)) {
      const sf = sim.figures;
      const rs = real.spread;
      lines.push(
        `| ${real.n} | ${sim.variant} | ${real.reps} | ${pm(rf.meanS, rs.meanS, 1)} / ${pm(rf.maxS, rs.maxS, 1)}${done} | ${num(sf.meanS, 1)} / ${num(sf.maxS, 1)} | ${pct(sim.devMean)} / ${pct(sim.devMax)} | ` +
          `${pm(rf.firstByteS, rs.firstByteS, 2)} / ${num(sf.firstByteS, 2)} | ${num(mib(rf.leecherUpBytesPerS), 2)} / ${num(mib(sf.leecherUpBytesPerS), 2)} | ` +
          `${pm(rf.capacityUsed, rs.capacityUsed, 2)} / ${num(sf.capacityUsed, 2)} (${signed(sim.devCapacity)}) | ${verdict(sim.withinTarget)} |`,
      );
    }
  }
  return lines.join("\n");
}
