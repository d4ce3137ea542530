import { registryNames } from "../registry.ts";
import { pickRandom } from "./random.ts";
import { pickRarestFirst } from "./rarest-first.ts";
import { pickSequential } from "./sequential.ts";
import type { PickerView, PiecePicker } from "./types.ts";

export { hasPiece, type PieceBits, pieceBitsOf } from "./piece-bits.ts";
export type { PickerView, PiecePicker } from "./types.ts";

/**
 * The registry of `protocol.picker`: the scenario schema takes its valid
 * names from these keys, so an entry here is all a new picker needs.
 */
export const PICKERS = {
  "rarest-first": pickRarestFirst,
  random: pickRandom,
  sequential: pickSequential,
} as const satisfies Readonly<Record<string, PiecePicker>>;

export type PickerName = keyof typeof PICKERS;

/** In declaration order: the order error messages list them in. */
export const PICKER_NAMES = registryNames<PickerName>(PICKERS);

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
