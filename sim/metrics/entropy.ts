/**
 * Entropy as Legout et al. define it ("Rarest first and choke algorithms are
 * enough", IMC 2006, §4.1): for a peer x, the time x is interested in its
 * neighbours divided by the time x is connected to them, over x's leecher
 * state. Close to 1 means a peer almost always finds something it lacks at its
 * neighbours — the piece diversity rarest first aims for; low values mean
 * neighbours hold the same pieces (the last-pieces problem).
 */
import type { SwarmSnapshot } from "../observe/events.ts";
import { mean, percentileSorted, round } from "./stats.ts";

/** Below this much connected time (peer-seconds) a ratio says nothing. */
const MIN_CONNECTED_S = 1;

/** Per-leecher entropy ratios, in peer-id order, of peers that started as leechers. */
export function peerEntropies(s: SwarmSnapshot): number[] {
  const out: number[] = [];
  const it = s.interest;
  if (!it) return out;
  for (let i = 0; i < s.peers.length; i++) {
    if (s.peers[i].initialSeed) continue;
    const c = it.connectedS[i];
    if (c >= MIN_CONNECTED_S) out.push(Math.min(1, it.interestedS[i] / c));
  }
  return out;
}

/** Summary figures: mean, p10, p50 and min over leechers. */
export function entropyStats(ratios: readonly number[]) {
  const sorted = [...ratios].sort((a, b) => a - b);
  return {
    peers: sorted.length,
    mean: round(mean(sorted), 4),
    p10: round(percentileSorted(sorted, 0.1), 4),
    p50: round(percentileSorted(sorted, 0.5), 4),
    min: round(sorted.length ? sorted[0] : null, 4),
  };
}

/** Σ interested and Σ connected seconds over all leechers so far (for per-interval ratios). */
export function interestTotals(s: SwarmSnapshot): { interestedS: number; connectedS: number } {
  let interestedS = 0;
  let connectedS = 0;
  const it = s.interest;
  if (it) {
    for (let i = 0; i < s.peers.length; i++) {
      if (s.peers[i].initialSeed) continue;
      interestedS += it.interestedS[i];
      connectedS += it.connectedS[i];
    }
  }
  return { interestedS, connectedS };
}

/** Pieces whose only copies among present peers are at seeds (no leecher holds them). */
export function piecesOnlyAtSeeds(s: SwarmSnapshot): number {
  let seeds = 0;
  for (let i = 0; i < s.peers.length; i++)
    if (s.present[i] === 1 && s.piecesHave[i] === s.pieceCount) seeds++;
  if (seeds === 0) return 0;
  let n = 0;
  // Every seed holds every piece, so leecher copies = availability − seeds.
  for (let p = 0; p < s.pieceCount; p++) if (s.availability[p] === seeds) n++;
  return n;
}
