/**
 * The comparison table: per N, the real swarm's figures (mean over reps) and
 * each simulated variant's (mean over reps and simulator seeds), with the
 * deviation sim / real − 1 for times and sim − real for capacity used.
 * As CSV rows, a Markdown table (console, VALIDATION.md) and the per-run and
 * per-peer CSVs.
 */
import { stringify } from "csv-stringify/sync";
import { meanFigures, type SwarmFigures } from "./figures.ts";
import type { HarnessResult } from "./harness.ts";

const MIB = 2 ** 20;

export interface CompareRow {
  readonly n: number;
  readonly source: "real" | "sim";
  /** The simulated variant (`default`, `protocol.profile=libtorrent`…); empty for real rows. */
  readonly variant: string;
  readonly reps: number;
  readonly figures: SwarmFigures;
  /** sim / real − 1 (times), sim − real (capacity used); null on real rows. */
  readonly devMean: number | null;
  readonly devMax: number | null;
  readonly devCapacity: number | null;
}

const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : a / b - 1;
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export function compareRows(r: HarnessResult): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const n of r.options.peers) {
    const runs = r.runs.filter((x) => x.n === n);
    if (runs.length === 0) continue;
    const real = meanFigures(runs.map((x) => x.realFigures));
    rows.push({
      n,
      source: "real",
      variant: "",
      reps: runs.length,
      figures: real,
      devMean: null,
      devMax: null,
      devCapacity: null,
    });
    for (const v of r.options.variants) {
      const sim = meanFigures(
        runs
          .map((x) => x.simulated.find((s) => s.variant === v.name)?.figures)
          .filter((f): f is SwarmFigures => f !== undefined),
      );
      rows.push({
        n,
        source: "sim",
        variant: v.name,
        reps: runs.length,
        figures: sim,
        devMean: ratio(sim.meanS, real.meanS),
        devMax: ratio(sim.maxS, real.maxS),
        devCapacity: diff(sim.capacityUsed, real.capacityUsed),
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

/** The table as Markdown: one line per N and simulated variant, the real figures repeated beside each. */
export function markdownTable(rows: readonly CompareRow[]): string {
  const lines = [
    "| N | variant | real mean / max (s) | sim mean / max (s) | deviation mean / max | first byte real / sim (s) | leecher upload real / sim (MiB/s) | capacity used real / sim (Δ) |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const real of rows.filter((r) => r.source === "real")) {
    const rf = real.figures;
    const done = rf.completed < rf.leechers ? ` (${rf.completed}/${rf.leechers} done)` : "";
    for (const sim of rows.filter((r) => r.source === "sim" && r.n === real.n)) {
      const sf = sim.figures;
      lines.push(
        `| ${real.n} | ${sim.variant} | ${num(rf.meanS, 1)} / ${num(rf.maxS, 1)}${done} | ${num(sf.meanS, 1)} / ${num(sf.maxS, 1)} | ${pct(sim.devMean)} / ${pct(sim.devMax)} | ` +
          `${num(rf.firstByteS, 2)} / ${num(sf.firstByteS, 2)} | ${num(mib(rf.leecherUpBytesPerS), 2)} / ${num(mib(sf.leecherUpBytesPerS), 2)} | ` +
          `${num(rf.capacityUsed, 2)} / ${num(sf.capacityUsed, 2)} (${signed(sim.devCapacity)}) |`,
      );
    }
  }
  return lines.join("\n");
}
