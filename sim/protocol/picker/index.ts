import type { PickerName } from "../../scenario/types.ts";
import { pickRandom } from "./random.ts";
import { pickRarestFirst } from "./rarest-first.ts";
import { pickSequential } from "./sequential.ts";
import type { PickerView, PiecePicker } from "./types.ts";

export { hasPiece, type PieceBits, pieceBitsOf } from "./piece-bits.ts";
export type { PickerView, PiecePicker } from "./types.ts";

/** The registry the scenario schema's `protocol.picker` names. */
export const PICKERS: Readonly<Record<PickerName, PiecePicker>> = {
  "rarest-first": pickRarestFirst,
  random: pickRandom,
  sequential: pickSequential,
};

/**
 * Wraps a picker with the mainline client's random-first-piece rule: until
 * `randomFirstPieces` pieces are held, pick at random, because a newcomer
 * needs *any* complete piece quickly to have something to trade, and the
 * rarest pieces are by definition the slowest to find (mainline's
 * rarest_first_cutoff = 4).
 */
export function withRandomFirst(picker: PiecePicker, randomFirstPieces: number): PiecePicker {
  if (randomFirstPieces <= 0 || picker === pickRandom) return picker;
  return (view: PickerView) =>
    view.piecesHeld < randomFirstPieces ? pickRandom(view) : picker(view);
}
