import { hasPiece } from "./piece-bits.ts";
import type { PickerView } from "./types.ts";

/** Lowest-index piece first, as a streaming client would (useful as a worst case for diversity). */
export function pickSequential(view: PickerView): number {
  const { pieceCount, remoteHas, startable } = view;
  for (let p = 0; p < pieceCount; p++) {
    if (hasPiece(remoteHas, p) === 1 && startable[p] === 1) return p;
  }
  return -1;
}
