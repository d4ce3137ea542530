import type { PickerView } from "./types.ts";

/**
 * Rarest first (BEP 3; Legout et al. 2006): among pieces the remote has and we
 * can start, the one with the fewest copies among our neighbours, ties broken
 * uniformly at random so that peers do not all chase the same piece.
 *
 * Walks the remote's pieces word by word (32 pieces at a time, skipping empty
 * words), in increasing piece order.
 */
export function pickRarestFirst(view: PickerView): number {
  const { pieceCount, availability, remoteHas, startable, rng } = view;
  const { words, offset } = remoteHas;
  const wordCount = (pieceCount + 31) >>> 5;
  let chosen = -1;
  let best = Number.POSITIVE_INFINITY;
  let ties = 0;
  for (let w = 0; w < wordCount; w++) {
    let bits = words[offset + w];
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const p = (w << 5) + 31 - Math.clz32(low);
      if (startable[p] !== 1) continue;
      const a = availability[p];
      if (a < best) {
        best = a;
        chosen = p;
        ties = 1;
      } else if (a === best) {
        ties++;
        if (rng.next() * ties < 1) chosen = p;
      }
    }
  }
  return chosen;
}
