import type { ChokerName, SeedChokerName } from "../../scenario/types.ts";
import { fastestUpload } from "./fastest-upload.ts";
import { roundRobin } from "./round-robin.ts";
import { titForTat } from "./tit-for-tat.ts";
import type { Choker } from "./types.ts";
import { unchokeAll } from "./unchoke-all.ts";

export { pickOptimistic } from "./optimistic.ts";
export type { ChokeCandidate, ChokeContext, Choker } from "./types.ts";

/** Registry for `protocol.choker` (used while a peer is a leecher). */
export const LEECHER_CHOKERS: Readonly<Record<ChokerName, Choker>> = {
  "tit-for-tat": titForTat,
  "round-robin": roundRobin,
  "unchoke-all": unchokeAll,
};

/** Registry for `protocol.seed_choker` (used once a peer holds the whole file). */
export const SEED_CHOKERS: Readonly<Record<SeedChokerName, Choker>> = {
  "fastest-upload": fastestUpload,
  "round-robin": roundRobin,
};
