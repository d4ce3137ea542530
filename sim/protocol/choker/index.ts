import type { ChokerName, SeedChokerName } from "../../scenario/types.ts";
import { fastestUpload } from "./fastest-upload.ts";
import { roundRobin } from "./round-robin.ts";
import { titForTat } from "./tit-for-tat.ts";
import type { ChokerStrategy } from "./types.ts";
import { unchokeAll } from "./unchoke-all.ts";

export { pickOptimistic } from "./optimistic.ts";
export type { ChokeCandidate, ChokeContext, Choker, ChokerStrategy } from "./types.ts";

/** Registry for `protocol.choker` (used while a peer is a leecher). */
export const LEECHER_CHOKERS: Readonly<Record<ChokerName, ChokerStrategy>> = {
  "tit-for-tat": { choose: titForTat, unlimited: false },
  "round-robin": { choose: roundRobin, unlimited: false },
  "unchoke-all": { choose: unchokeAll, unlimited: true },
};

/** Registry for `protocol.seed_choker` (used once a peer holds the whole file). */
export const SEED_CHOKERS: Readonly<Record<SeedChokerName, ChokerStrategy>> = {
  "fastest-upload": { choose: fastestUpload, unlimited: false },
  "round-robin": { choose: roundRobin, unlimited: false },
};
