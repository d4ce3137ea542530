/**
 * The real counterpart of the simulator's `pieces_only_at_seeds`
 * (sim/metrics/entropy.ts piecesOnlyAtSeeds) and of its stranded-piece time
 * (sim/metrics/trading-window.ts strandedSeconds), from the clients' status
 * polls: each poll carries the pieces the client holds (client.py `have`).
 *
 * At any moment a client is present from its arrival (readyS) until it left
 * (leftS; with --leave, the instant it completed) and holds the pieces of its
 * latest poll. A present client holding every piece is a seed (the origin,
 * or a leecher that completed and stayed); a piece held by present seeds and
 * by no present leecher is held by seeds alone. The rows built here have the
 * simulator's timeseries.csv columns (time_s, leechers, completed,
 * pieces_only_at_seeds), sampled every `stepS` as the twin samples its own
 * (metrics.sample_interval = the poll interval), so the simulator's own
 * strandedSeconds measures both sides by one definition at one resolution.
 */
import { type SampleRow, strandedSeconds } from "../../sim/metrics/trading-window.ts";
import type { Role } from "./plan.ts";

/** What the computation needs of a client record (plan.ts ClientRecord). */
export interface HoldingTrace {
  readonly role: Role;
  readonly readyS: number | null;
  readonly completeS: number | null;
  readonly leftS: number | null;
  /** Polls in time order; `have` as client.py writes it. */
  readonly samples: readonly { readonly t: number; readonly have?: string }[];
}

/** The hex bitfield as one flag per piece (piece 0 = the first digit's high bit). */
export function decodeHave(hex: string, pieceCount: number): Uint8Array {
  const out = new Uint8Array(pieceCount);
  for (let p = 0; p < pieceCount; p++) {
    const digit = Number.parseInt(hex[p >> 2] ?? "0", 16);
    out[p] = (digit >> (3 - (p & 3))) & 1;
  }
  return out;
}

interface Change {
  readonly t: number;
  readonly client: number;
  /** The client's pieces from t on; null: it is no longer present. */
  readonly have: Uint8Array | null;
}

/**
 * One row per moment any client's holding or presence changed (and at each
 * completion), in time order, from the first moment a seed is present. A seed's polls may carry an empty bitfield (a
 * seed_mode torrent has no piece picker): a role-`seed` client is taken to
 * hold every piece throughout.
 */
export function holdingRows(clients: readonly HoldingTrace[], pieceCount: number): SampleRow[] {
  const all = new Uint8Array(pieceCount).fill(1);
  const changes: Change[] = [];
  const completions: number[] = [];
  clients.forEach((c, i) => {
    if (c.readyS === null) return;
    if (c.role === "seed") changes.push({ t: c.readyS, client: i, have: all });
    else {
      changes.push({ t: c.readyS, client: i, have: new Uint8Array(pieceCount) });
      let last = "";
      for (const s of c.samples) {
        if (s.have === undefined || s.have === last || s.t < c.readyS) continue;
        if (c.leftS !== null && s.t >= c.leftS) break;
        last = s.have;
        changes.push({ t: s.t, client: i, have: decodeHave(s.have, pieceCount) });
      }
      if (c.completeS !== null) {
        completions.push(c.completeS);
        // Complete at completeS whatever the poll said last (the poll that saw it is that instant).
        changes.push({ t: c.completeS, client: i, have: all });
      }
    }
    if (c.leftS !== null) changes.push({ t: c.leftS, client: i, have: null });
  });
  // Stable: at one instant a client's completion precedes its departure.
  changes.sort((a, b) => a.t - b.t);
  completions.sort((a, b) => a - b);
  const holding: (Uint8Array | null)[] = clients.map(() => null);
  const rows: SampleRow[] = [];
  let done = 0;
  let seeded = false;
  for (let k = 0; k < changes.length; k++) {
    const ch = changes[k];
    holding[ch.client] = ch.have;
    if (k + 1 < changes.length && changes[k + 1].t === ch.t) continue;
    while (done < completions.length && completions[done] <= ch.t) done++;
    const row = onlyAtSeeds(holding, pieceCount);
    // Rows start when a seed is first present: before it (a leecher's Python
    // may load first) no piece is "at seeds alone", which would read as the
    // crowd holding every piece and start the stranded count at time 0.
    seeded ||= row.seeds > 0;
    if (!seeded) continue;
    rows.push({
      time_s: ch.t,
      completed: done,
      leechers: row.leechers,
      pieces_only_at_seeds: row.only,
    });
  }
  return rows;
}

/** Present seeds and leechers, and pieces held by present seeds but by no present leecher. */
function onlyAtSeeds(
  holding: readonly (Uint8Array | null)[],
  pieceCount: number,
): { seeds: number; leechers: number; only: number } {
  const leecherCopies = new Int32Array(pieceCount);
  let seeds = 0;
  let leechers = 0;
  for (const h of holding) {
    if (h === null) continue;
    let n = 0;
    for (let p = 0; p < pieceCount; p++) n += h[p];
    if (n === pieceCount) {
      seeds++;
      continue;
    }
    leechers++;
    for (let p = 0; p < pieceCount; p++) leecherCopies[p] += h[p];
  }
  let only = 0;
  if (seeds > 0) for (let p = 0; p < pieceCount; p++) if (leecherCopies[p] === 0) only++;
  return { seeds, leechers, only };
}

/**
 * The step function of holdingRows read every `stepS` from its first row to
 * its last (each grid row is the state of the latest change at or before it),
 * as the simulator's sampler reads its swarm.
 */
export function gridRows(rows: readonly SampleRow[], stepS: number): SampleRow[] {
  if (rows.length === 0) return [];
  const t0 = rows[0].time_s as number;
  const end = rows[rows.length - 1].time_s as number;
  const out: SampleRow[] = [];
  let k = 0;
  for (let i = 0; ; i++) {
    // i × step from t0, not repeated addition: no drift over thousands of rows.
    const t = Math.min(t0 + i * stepS, end);
    while (k + 1 < rows.length && (rows[k + 1].time_s as number) <= t) k++;
    out.push({ ...rows[k], time_s: t });
    if (t >= end) return out;
  }
}

/** Stranded seconds of a real swarm (null: the crowd never held every piece and none completed). */
export function realStrandedSeconds(
  clients: readonly HoldingTrace[],
  pieceCount: number,
  stepS: number,
): number | null {
  const leechers = clients.filter((c) => c.role === "leecher").length;
  return strandedSeconds(gridRows(holdingRows(clients, pieceCount), stepS), leechers);
}
