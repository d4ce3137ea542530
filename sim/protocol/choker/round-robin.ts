import { topBy } from "./rank.ts";
import type { Choker } from "./types.ts";

/**
 * Round robin (libtorrent's default seed choker): unchoke the interested peers
 * that have waited longest since we last unchoked them, so upload slots rotate
 * through everyone regardless of rate.
 */
export const roundRobin: Choker = (candidates, ctx) =>
  topBy(candidates, ctx.slots, (c) => -c.lastUnchokedUs);
