import { registryNames } from "../registry.ts";
import { fastestUpload } from "./fastest-upload.ts";
import { roundRobin } from "./round-robin.ts";
import { titForTat } from "./tit-for-tat.ts";
import type { Choker } from "./types.ts";
import { unchokeAll } from "./unchoke-all.ts";

export { pickOptimistic } from "./optimistic.ts";
export type { ChokeCandidate, ChokeContext, Choker } from "./types.ts";

/**
 * Registry for `protocol.choker` (used while a peer is a leecher). The
 * scenario schema takes its valid names from these keys.
 */
export const LEECHER_CHOKERS = {
  "tit-for-tat": titForTat,
  "round-robin": roundRobin,
  "unchoke-all": unchokeAll,
} as const satisfies Readonly<Record<string, Choker>>;

/** Registry for `protocol.seed_choker` (used once a peer holds the whole file). */
export const SEED_CHOKERS = {
  "fastest-upload": fastestUpload,
  "round-robin": roundRobin,
} as const satisfies Readonly<Record<string, Choker>>;

export type ChokerName = keyof typeof LEECHER_CHOKERS;
export type SeedChokerName = keyof typeof SEED_CHOKERS;

/** In declaration order: the order error messages list them in. */
export const CHOKER_NAMES = registryNames<ChokerName>(LEECHER_CHOKERS);
export const SEED_CHOKER_NAMES = registryNames<SeedChokerName>(SEED_CHOKERS);
