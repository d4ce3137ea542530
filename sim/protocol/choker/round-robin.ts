import { topBy } from "./rank.ts";
import type { Choker } from "./types.ts";

/**
 * Round robin (libtorrent's default seed choker): an unchoked peer keeps its
 * slot until it has been sent its quota (`seeding_piece_quota` pieces, at
 * least 256 KiB); after that, and among choked peers, the one that has waited
 * longest since we last unchoked it goes first. Slots thus rotate through
 * everyone regardless of rate, but each turn is long enough to finish pieces —
 * a turn cut short leaves partial pieces only this seed can complete.
 */
export const roundRobin: Choker = (candidates, ctx) => {
  const quota = ctx.quotaBytes ?? 0;
  return topBy(candidates, ctx.slots, (c) => {
    const inTurn = c.unchoked === true && (c.sentSinceUnchokeBytes ?? 0) < quota;
    return (inTurn ? 1e18 : 0) - c.lastUnchokedUs;
  });
};
