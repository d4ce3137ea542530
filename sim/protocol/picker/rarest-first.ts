import type { PickerView } from "./types.ts";

/**
 * Rarest first (BEP 3; Legout et al. 2006): among pieces the remote has and we
 * can start, the one with the fewest copies among our neighbours, ties broken
 * uniformly at random so that peers do not all chase the same piece.
 */
export function pickRarestFirst(view: PickerView): number {
  const { pieceCount, availability, remoteHas, startable, rng } = view;
  let chosen = -1;
  let best = Number.POSITIVE_INFINITY;
  let ties = 0;
  for (let p = 0; p < pieceCount; p++) {
    if (remoteHas[p] !== 1 || startable[p] !== 1) continue;
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
  return chosen;
}
