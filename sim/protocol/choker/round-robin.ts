import type { ChokeCandidate, ChokeContext, Choker } from "./types.ts";

/**
 * Round robin (libtorrent's default seed choker, src/choker.cpp
 * `unchoke_compare_rr`). Among interested peers, in order:
 *
 * 1. A peer unchoked, sent more than its quota (`seeding_piece_quota`
 *    pieces, at least 256 KiB) since we unchoked it AND unchoked for longer
 *    than `seeding_min_unchoke` (libtorrent: one minute) has had its turn: it
 *    goes behind everyone else.
 * 2. Then the bytes we sent it this round, counted only while it is unchoked
 *    (so the status quo holds: an unchoked peer we are serving keeps its slot).
 * 3. Then whoever has waited longest since we last unchoked it.
 *
 * Slots thus rotate through everyone regardless of rate, but each turn is long
 * enough to finish pieces — a turn cut short leaves partial pieces only this
 * seed can complete.
 */
export const roundRobin: Choker = (candidates, ctx) =>
  rankBy(candidates, ctx, (a, b) => roundRobinCompare(a, b, ctx));

/**
 * The `slots` interested candidates first in `order` (> 0: a before b). Ties
 * fall in an arbitrary order, as in libtorrent, which ranks the peers of its
 * connection set — a std::set of pointers, so in memory-address order
 * (session_impl.hpp `connection_map`): here a shuffle drawn from the peer's
 * choker stream. (Ranking ties in connection order instead would make every
 * peer favour the same early connections.)
 */
export function rankBy(
  candidates: readonly ChokeCandidate[],
  ctx: ChokeContext,
  order: (a: ChokeCandidate, b: ChokeCandidate) => number,
): number[] {
  const pool = candidates.filter((c) => c.interested);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(ctx.rng.next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const ranked = pool.map((c, i) => ({ c, i }));
  ranked.sort((x, y) => order(y.c, x.c) || x.i - y.i);
  return ranked.slice(0, ctx.slots).map((o) => o.c.handle);
}

/** > 0 when `a` should be unchoked before `b` under round robin. */
export function roundRobinCompare(a: ChokeCandidate, b: ChokeCandidate, ctx: ChokeContext): number {
  const doneA = turnOver(a, ctx);
  const doneB = turnOver(b, ctx);
  if (doneA !== doneB) return doneA ? -1 : 1;
  const sentA = a.unchoked === true ? (a.uploadedLastRoundBytes ?? a.uploadRate) : 0;
  const sentB = b.unchoked === true ? (b.uploadedLastRoundBytes ?? b.uploadRate) : 0;
  if (sentA !== sentB) return sentA - sentB;
  return b.lastUnchokedUs - a.lastUnchokedUs;
}

function turnOver(c: ChokeCandidate, ctx: ChokeContext): boolean {
  return (
    c.unchoked === true &&
    (c.sentSinceUnchokeBytes ?? 0) > (ctx.quotaBytes ?? 0) &&
    (ctx.nowUs ?? 0) - c.lastUnchokedUs > (ctx.minUnchokeUs ?? 0)
  );
}
