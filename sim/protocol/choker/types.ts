import type { Random } from "../random.ts";

/** One connected peer as the choker sees it at a rechoke. */
export interface ChokeCandidate {
  /** Opaque handle the caller maps back to its connection. */
  readonly handle: number;
  readonly interested: boolean;
  /** Payload bytes/s received from this peer over the rolling window (20 s). */
  readonly downloadRate: number;
  /** Payload bytes/s sent to this peer over the rolling window. */
  readonly uploadRate: number;
  /** Unchoked us but sent nothing for `snub_timeout`: no reciprocation (anti-snubbing). */
  readonly snubbed: boolean;
  /** Simulated time (µs) this peer was last unchoked by us; -1 if never. */
  readonly lastUnchokedUs: number;
  /** Connected recently (within 3 optimistic intervals): 3× as likely to be the optimistic pick. */
  readonly isNew: boolean;
  /** Currently unchoked by us (absent = choked). */
  readonly unchoked?: boolean;
  /** Payload bytes sent to it since we last unchoked it (for round-robin's quota). */
  readonly sentSinceUnchokeBytes?: number;
  /** Payload bytes received from / sent to it in the current round (libtorrent's `*_in_last_round`). */
  readonly downloadedLastRoundBytes?: number;
  readonly uploadedLastRoundBytes?: number;
  /** Simulated time (µs) this peer was last optimistically unchoked by us; -1 if never. */
  readonly lastOptimisticUs?: number;
}

export interface ChokeContext {
  readonly slots: number;
  /** Round robin keeps an unchoked peer until it has been sent this many bytes (absent = rotate every round)… */
  readonly quotaBytes?: number;
  /** …and has been unchoked for longer than this (libtorrent: one minute; absent = 0). */
  readonly minUnchokeUs?: number;
  /** The current simulated time (µs), for the hold above. */
  readonly nowUs?: number;
  readonly rng: Random;
}

/**
 * A choking policy: given the candidates, return the handles to unchoke in
 * regular slots (at most `ctx.slots`, only interested peers). Pure: the same
 * candidates and random stream give the same answer.
 */
export type Choker = (candidates: readonly ChokeCandidate[], ctx: ChokeContext) => number[];

/** A choker as registered by name: the policy and how it uses the slots. */
export interface ChokerStrategy {
  readonly choose: Choker;
  /**
   * Unchokes every interested peer: no slot limit and no optimistic unchoke
   * (`unchoke-all`, a no-incentive baseline). The choke round asks this
   * instead of comparing names.
   */
  readonly unlimited: boolean;
}
