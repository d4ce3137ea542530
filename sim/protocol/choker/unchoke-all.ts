import type { Choker } from "./types.ts";

/** Unchoke every interested peer: no incentives, a baseline for comparisons. */
export const unchokeAll: Choker = (candidates) =>
  candidates.filter((c) => c.interested).map((c) => c.handle);
