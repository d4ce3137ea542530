/**
 * A comparison's results: one record per run (variant × seed), reduced to the
 * headline metrics, and per variant the mean and 95 % CI of each. Everything
 * here is ordered by (variant index, seed) — never by completion order — so
 * the output is the same whatever the number of worker threads.
 */
import type { Summary } from "../metrics/summary.ts";
import type { Variant, VaryAxis } from "./grid.ts";
import { type Estimate, estimate } from "./stats.ts";

/** What a worker hands back for one run. */
export interface RunResult {
  readonly variant: number;
  readonly seed: number;
  readonly summary: Summary;
  /** Download times (arrival → completion) of the leechers that completed, sorted. */
  readonly downloadTimesS: readonly number[];
  /** The seeds/leechers curves: [time_s, leechers, seeds] per sample. */
  readonly curve: readonly (readonly [number, number, number])[];
  /** Figures read from the run's time series and samples, beyond summary.json (null where they do not apply). */
  readonly seeding?: SeedingFigures;
}

/**
 * What the initial seeds did for the crowd (sim/metrics/first-copy.ts,
 * strandedSeconds in sim/metrics/trading-window.ts): kept out of
 * summary.json so that its bytes stay pinned.
 */
export interface SeedingFigures {
  /** Seconds a piece was held by seeds alone while the crowd traded (first copy or completion → 90 % done). */
  readonly stranded_piece_s: number | null;
  /** Payload the initial seeds had uploaded when the crowd first held every piece, in copies of the file. */
  readonly seed_copies_at_first_copy: number | null;
  /** When the crowd first held every piece (sample time). */
  readonly first_copy_s: number | null;
}

export interface MetricDef {
  readonly key: string;
  /** Column header in the printed table. */
  readonly label: string;
  readonly digits: number;
  /** Scale applied for display only (bytes → MiB). */
  readonly scale?: number;
  readonly get: (s: Summary, seeding: SeedingFigures | undefined) => number | null;
}

const MIB = 1024 * 1024;

/** The headline metrics of `sim compare`, in table order. */
export const METRICS: readonly MetricDef[] = [
  {
    key: "download_time_mean_s",
    label: "mean dl (s)",
    digits: 1,
    get: (s) => s.download_time_s.mean,
  },
  { key: "download_time_p90_s", label: "p90 dl (s)", digits: 1, get: (s) => s.download_time_s.p90 },
  { key: "download_time_max_s", label: "max dl (s)", digits: 1, get: (s) => s.download_time_s.max },
  {
    key: "last_completion_s",
    label: "last done (s)",
    digits: 1,
    get: (s) => s.last_completion_s,
  },
  {
    key: "upload_utilization",
    label: "upload util",
    digits: 3,
    get: (s) => s.swarm?.upload_utilization ?? null,
  },
  {
    key: "min_piece_copies",
    label: "min copies",
    digits: 2,
    get: (s) => s.swarm?.min_piece_copies ?? null,
  },
  {
    key: "stranded_piece_s",
    label: "stranded (s)",
    digits: 1,
    get: (_s, f) => f?.stranded_piece_s ?? null,
  },
  {
    key: "seed_copies_at_first_copy",
    label: "seed copies",
    digits: 3,
    get: (_s, f) => f?.seed_copies_at_first_copy ?? null,
  },
  {
    key: "wasted_bytes",
    label: "wasted (MiB)",
    digits: 2,
    scale: 1 / MIB,
    // null (not zero) where the distribution has no pieces (client-server, napster).
    get: (s) =>
      s.bytes.wasted_duplicate === null
        ? null
        : s.bytes.wasted_duplicate + (s.bytes.wasted_corrupt ?? 0),
  },
];

export interface VariantStats {
  readonly name: string;
  readonly dir: string;
  readonly sets: readonly string[];
  readonly runs: number;
  /** Runs in which every leecher completed. */
  readonly runs_all_done: number;
  readonly leechers_completed: number;
  readonly leechers: number;
  readonly metrics: Record<string, Estimate>;
}

export interface CompareReport {
  readonly scenario: string;
  readonly seeds: readonly number[];
  readonly vary: readonly VaryAxis[];
  readonly metrics: readonly { key: string; label: string }[];
  readonly variants: readonly VariantStats[];
}

export function sortRuns(runs: readonly RunResult[]): RunResult[] {
  return [...runs].sort((a, b) => a.variant - b.variant || a.seed - b.seed);
}

export function buildReport(
  scenario: string,
  axes: readonly VaryAxis[],
  variants: readonly Variant[],
  seeds: readonly number[],
  runs: readonly RunResult[],
): CompareReport {
  const sorted = sortRuns(runs);
  return {
    scenario,
    seeds: [...seeds],
    vary: axes,
    metrics: METRICS.map((m) => ({ key: m.key, label: m.label })),
    variants: variants.map((v, i) => {
      const mine = sorted.filter((r) => r.variant === i);
      const metrics: Record<string, Estimate> = {};
      for (const m of METRICS)
        metrics[m.key] = roundEstimate(estimate(mine.map((r) => m.get(r.summary, r.seeding))));
      return {
        name: v.name,
        dir: v.dir,
        sets: v.sets,
        runs: mine.length,
        runs_all_done: mine.filter((r) => r.summary.peers.completed === r.summary.peers.leechers)
          .length,
        leechers_completed: mine.reduce((n, r) => n + r.summary.peers.completed, 0),
        leechers: mine.reduce((n, r) => n + r.summary.peers.leechers, 0),
        metrics,
      };
    }),
  };
}

function roundEstimate(e: Estimate): Estimate {
  const r = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
  return { n: e.n, mean: r(e.mean), sd: r(e.sd), ci95: r(e.ci95) };
}

/** compare.csv: one row a run. */
export function csvColumns(axes: readonly VaryAxis[]): string[] {
  return [
    "variant",
    ...axes.map((a) => a.path),
    "seed",
    "dir",
    "end_reason",
    "leechers",
    "completed",
    ...METRICS.map((m) => m.key),
  ];
}

export function csvRows(
  variants: readonly Variant[],
  runs: readonly RunResult[],
): (string | number)[][] {
  return sortRuns(runs).map((r) => {
    const v = variants[r.variant];
    const s = r.summary;
    return [
      v.name,
      ...v.values,
      r.seed,
      `${v.dir}/seed-${r.seed}`,
      s.end_reason,
      s.peers.leechers,
      s.peers.completed,
      ...METRICS.map((m) => m.get(s, r.seeding) ?? ""),
    ];
  });
}
