import type { Random } from "../random.ts";
import type { PieceBits } from "./piece-bits.ts";

/**
 * What a piece picker sees when a peer needs a new piece to start from one
 * remote peer. Pieces are indices; arrays hold one entry per piece, bit sets one bit.
 */
export interface PickerView {
  readonly pieceCount: number;
  /** Copies of each piece among the peers we are connected to (as their HAVEs told us). */
  readonly availability: Int32Array;
  /** The pieces the remote peer has (a bit set; read with `hasPiece`). */
  readonly remoteHas: PieceBits;
  /** 1 where we may start the piece: not held, not already in progress. */
  readonly startable: Uint8Array;
  /** Pieces we hold (verified). */
  readonly piecesHeld: number;
  readonly rng: Random;
}

/** Returns the piece to start, or -1 when the remote has none we can start. */
export type PiecePicker = (view: PickerView) => number;
