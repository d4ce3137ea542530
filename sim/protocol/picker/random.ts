import type { PickerView } from "./types.ts";

/** Uniformly random among pieces the remote has and we can start (reservoir sampling: one pass, no allocation). */
export function pickRandom(view: PickerView): number {
  const { pieceCount, remoteHas, startable, rng } = view;
  let chosen = -1;
  let seen = 0;
  for (let p = 0; p < pieceCount; p++) {
    if (remoteHas[p] === 1 && startable[p] === 1) {
      seen++;
      if (seen === 1 || rng.next() * seen < 1) chosen = p;
    }
  }
  return chosen;
}
