import type { Choker } from "./types.ts";

/**
 * Plain rotation by quota: an unchoked peer keeps its slot until it has been
 * sent its quota (`seeding_piece_quota` pieces, at least 256 KiB); after
 * that, and among choked peers, the one that has waited longest since we last
 * unchoked it goes first. Slots thus rotate through everyone regardless of
 * rate, in turns long enough to finish pieces.
 *
 * This is the simulator's round robin before libtorrent's own rules were
 * modelled (round-robin.ts adds libtorrent's one-minute hold and its
 * preference for the peers being served this round); it is kept for the
 * scenarios whose lesson was measured with it (selfish-departure.yaml).
 */
export const quotaRotation: Choker = (candidates, ctx) => {
  const quota = ctx.quotaBytes ?? 0;
  const pool = candidates
    .filter((c) => c.interested)
    .map((c, i) => {
      const inTurn = c.unchoked === true && (c.sentSinceUnchokeBytes ?? 0) < quota;
      return { c, i, score: (inTurn ? 1e18 : 0) - c.lastUnchokedUs };
    });
  pool.sort((x, y) => y.score - x.score || x.i - y.i);
  return pool.slice(0, ctx.slots).map((o) => o.c.handle);
};
