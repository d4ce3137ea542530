import { registryNames } from "../registry.ts";
import { fastestUpload } from "./fastest-upload.ts";
import { quotaRotation } from "./quota-rotation.ts";
import { roundRobin } from "./round-robin.ts";
import { titForTat } from "./tit-for-tat.ts";
import { titForTatRoundRobin } from "./tit-for-tat-rr.ts";
import type { ChokerStrategy } from "./types.ts";
import { unchokeAll } from "./unchoke-all.ts";

export { type OptimisticChoice, pickOptimistic } from "./optimistic.ts";
export type { ChokeCandidate, ChokeContext, Choker, ChokerStrategy } from "./types.ts";

/**
 * Registry for `protocol.choker` (used while a peer is a leecher). The
 * scenario schema takes its valid names from these keys.
 */
export const LEECHER_CHOKERS = {
  "tit-for-tat": { choose: titForTat, unlimited: false },
  "tit-for-tat-rr": { choose: titForTatRoundRobin, unlimited: false },
  "round-robin": { choose: roundRobin, unlimited: false },
  "quota-rotation": { choose: quotaRotation, unlimited: false },
  "unchoke-all": { choose: unchokeAll, unlimited: true },
} as const satisfies Readonly<Record<string, ChokerStrategy>>;

/** Registry for `protocol.seed_choker` (used once a peer holds the whole file). */
export const SEED_CHOKERS = {
  "fastest-upload": { choose: fastestUpload, unlimited: false },
  "round-robin": { choose: roundRobin, unlimited: false },
  "quota-rotation": { choose: quotaRotation, unlimited: false },
} as const satisfies Readonly<Record<string, ChokerStrategy>>;

export type ChokerName = keyof typeof LEECHER_CHOKERS;
export type SeedChokerName = keyof typeof SEED_CHOKERS;

/** In declaration order: the order error messages list them in. */
export const CHOKER_NAMES = registryNames<ChokerName>(LEECHER_CHOKERS);
export const SEED_CHOKER_NAMES = registryNames<SeedChokerName>(SEED_CHOKERS);
