import { topBy } from "./rank.ts";
import type { Choker } from "./types.ts";

/**
 * Tit-for-tat (BEP 3; Cohen 2003): unchoke the interested peers that gave us
 * the best download rate over the rolling window. Snubbed peers get no regular
 * slot (mainline's anti-snubbing); they can still be the optimistic unchoke.
 */
export const titForTat: Choker = (candidates, ctx) =>
  topBy(
    candidates,
    ctx.slots,
    (c) => c.downloadRate,
    (c) => c.interested && !c.snubbed,
  );
