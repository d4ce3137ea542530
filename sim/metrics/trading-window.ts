/**
 * Figures read back from a run's timeseries.csv (docs/flash-crowd.md and the
 * scenario tests use them): the trading window and the stranded-piece stretch.
 *
 * The trading window runs from the first sample at which no piece is held by
 * seeds alone (`pieces_only_at_seeds` = 0: every piece has left the origin,
 * so the crowd could trade the whole file) to the first at which 90 % of the
 * leechers have completed. Before it the origin's upload bounds the swarm
 * (leechers can only trade what it has sent); after it a few stragglers do.
 */

/** One timeseries.csv row: column → number, or null for an empty cell. */
export type SampleRow = Readonly<Record<string, number | null>>;

/** Parses timeseries.csv (numbers and empty cells only, no quoting). */
export function parseTimeseries(csv: string): SampleRow[] {
  const [header, ...lines] = csv.trim().split("\n");
  const cols = header.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] === "" ? null : Number(cells[i])]));
  });
}

export interface TradingWindow {
  readonly fromS: number;
  readonly toS: number;
  /** Mean of the utilization column (upload_utilization: payload) over the samples in [fromS, toS]. */
  readonly meanUtilization: number;
  readonly samples: number;
}

export function tradingWindow(
  rows: readonly SampleRow[],
  leechers: number,
  /** upload_utilization (goodput) or wire_utilization (every byte on the uplinks). */
  column: "upload_utilization" | "wire_utilization" = "upload_utilization",
): TradingWindow | null {
  const from = rows.find((r) => r.pieces_only_at_seeds === 0);
  const to = rows.find((r) => (r.completed ?? 0) >= 0.9 * leechers);
  if (from === undefined || to === undefined) return null;
  const fromS = from.time_s!;
  const toS = to.time_s!;
  const u = rows
    .filter((r) => r.time_s! >= fromS && r.time_s! <= toS && r[column] !== null)
    .map((r) => r[column]!);
  if (u.length === 0) return null;
  return {
    fromS,
    toS,
    meanUtilization: u.reduce((a, b) => a + b, 0) / u.length,
    samples: u.length,
  };
}

export interface Stretch {
  readonly fromS: number;
  readonly toS: number;
  readonly samples: number;
}

/**
 * The longest run of consecutive samples up to `untilS` in which some piece is
 * held by seeds alone (pieces_only_at_seeds ≥ 1) after the crowd had once held
 * every piece: a piece that left the swarm with the leechers that completed
 * and is back to its copy at the origin. (Late in a run a newcomer alone
 * lacks most pieces too; pass the trading window's end to leave that out.)
 */
export function strandedStretch(rows: readonly SampleRow[], untilS = Infinity): Stretch | null {
  const start = rows.findIndex((r) => r.pieces_only_at_seeds === 0);
  if (start < 0) return null;
  let best: Stretch | null = null;
  let runFrom = -1;
  for (let i = start; i <= rows.length; i++) {
    const r = rows[i] !== undefined && rows[i].time_s! <= untilS ? rows[i] : undefined;
    const stranded = r !== undefined && (r.leechers ?? 0) > 0 && (r.pieces_only_at_seeds ?? 0) >= 1;
    if (stranded && runFrom < 0) runFrom = i;
    if (!stranded && runFrom >= 0) {
      const s = { fromS: rows[runFrom].time_s!, toS: rows[i - 1].time_s!, samples: i - runFrom };
      if (best === null || s.samples > best.samples) best = s;
      runFrom = -1;
    }
  }
  return best;
}

/**
 * Stranded-piece time: simulated seconds during which some piece was held by
 * seeds alone (pieces_only_at_seeds ≥ 1) while leechers were present, from
 * the first sample at which the crowd had held every piece — the crowd held
 * every piece at once (pieces_only_at_seeds = 0), or a leecher had completed,
 * whichever came first — to the first at which 90 % of the leechers had
 * completed (the end of the run if they never did): the time the crowd waits
 * on a seed for a piece it once had. Each stranded sample counts the
 * interval that ends at it. Null if neither ever happened.
 */
export function strandedSeconds(rows: readonly SampleRow[], leechers: number): number | null {
  const start = rows.findIndex((r) => r.pieces_only_at_seeds === 0 || (r.completed ?? 0) >= 1);
  if (start < 0 || rows[start].pieces_only_at_seeds === null) return null;
  let end = rows.findIndex((r) => (r.completed ?? 0) >= 0.9 * leechers);
  if (end < 0) end = rows.length - 1;
  let total = 0;
  for (let i = start + 1; i <= end; i++) {
    const r = rows[i];
    if ((r.leechers ?? 0) > 0 && (r.pieces_only_at_seeds ?? 0) >= 1)
      total += r.time_s! - rows[i - 1].time_s!;
  }
  return Math.round(total * 1e6) / 1e6;
}
