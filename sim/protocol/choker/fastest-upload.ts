import { topBy } from "./rank.ts";
import type { Choker } from "./types.ts";

/**
 * Seed choking of BEP 3 and the mainline client: a seed has no download rate
 * to reciprocate, so it unchokes the peers it can upload to fastest.
 */
export const fastestUpload: Choker = (candidates, ctx) =>
  topBy(candidates, ctx.slots, (c) => c.uploadRate);
