/**
 * The data compare.html draws, embedded in the page as JSON: per variant the
 * pooled download times (for the CDF) and each run's seeds/leechers curve.
 * viz/compare imports only these types.
 */
import { type CompareReport, type RunResult, sortRuns } from "./aggregate.ts";
import type { Variant } from "./grid.ts";
import { tableRows } from "./table.ts";

export interface ChartVariant {
  readonly name: string;
  /** Download times of every completed leecher over all seeds, sorted. */
  readonly downloadTimesS: readonly number[];
  /** Leechers that never completed, over all seeds (the CDF stops below 1). */
  readonly incomplete: number;
  readonly runs: readonly {
    readonly seed: number;
    readonly curve: readonly (readonly [number, number, number])[];
  }[];
}

export interface ChartData {
  readonly title: string;
  readonly report: CompareReport;
  /** The table as the terminal prints it (table.ts): header row, then one row a variant. */
  readonly table: readonly (readonly string[])[];
  readonly note: string;
  readonly variants: readonly ChartVariant[];
}

export function chartData(
  report: CompareReport,
  variants: readonly Variant[],
  runs: readonly RunResult[],
  note: string,
): ChartData {
  const sorted = sortRuns(runs);
  return {
    title: `${report.scenario}: ${report.vary.map((a) => a.path).join(" × ")}`,
    report,
    table: tableRows(report),
    note,
    variants: variants.map((v, i) => {
      const mine = sorted.filter((r) => r.variant === i);
      return {
        name: v.name,
        downloadTimesS: mine.flatMap((r) => r.downloadTimesS).sort((a, b) => a - b),
        incomplete: mine.reduce(
          (n, r) => n + r.summary.peers.leechers - r.summary.peers.completed,
          0,
        ),
        runs: mine.map((r) => ({ seed: r.seed, curve: r.curve })),
      };
    }),
  };
}
