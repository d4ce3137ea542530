import type { Rng } from "../../engine/rng.ts";

/**
 * What a piece picker sees when a peer needs a new piece to start from one
 * remote peer. Pieces are indices; arrays hold one entry per piece.
 */
export interface PickerView {
  readonly pieceCount: number;
  /** Copies of each piece among the peers we are connected to (as their HAVEs told us). */
  readonly availability: Int32Array;
  /** 1 where the remote peer has the piece. */
  readonly remoteHas: Uint8Array;
  /** 1 where we may start the piece: not held, not already in progress. */
  readonly startable: Uint8Array;
  /** Pieces we hold (verified). */
  readonly piecesHeld: number;
  readonly rng: Rng;
}

/** Returns the piece to start, or -1 when the remote has none we can start. */
export type PiecePicker = (view: PickerView) => number;
