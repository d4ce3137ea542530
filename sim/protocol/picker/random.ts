import type { PickerView } from "./types.ts";

/**
 * Uniformly random among pieces the remote has and we can start (reservoir
 * sampling: one pass in increasing piece order, no allocation).
 */
export function pickRandom(view: PickerView): number {
  const { pieceCount, remoteHas, startable, rng } = view;
  const { words, offset } = remoteHas;
  const wordCount = (pieceCount + 31) >>> 5;
  let chosen = -1;
  let seen = 0;
  for (let w = 0; w < wordCount; w++) {
    let bits = words[offset + w];
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const p = (w << 5) + 31 - Math.clz32(low);
      if (startable[p] !== 1) continue;
      seen++;
      if (seen === 1 || rng.next() * seen < 1) chosen = p;
    }
  }
  return chosen;
}
