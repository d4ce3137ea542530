import type { ChokeCandidate } from "./types.ts";

/**
 * The `slots` interested candidates with the highest score. Ties keep the
 * candidates' given order, which the caller makes deterministic.
 */
export function topBy(
  candidates: readonly ChokeCandidate[],
  slots: number,
  score: (c: ChokeCandidate) => number,
  eligible: (c: ChokeCandidate) => boolean = (c) => c.interested,
): number[] {
  const pool = candidates.filter(eligible);
  const order = pool.map((c, i) => ({ c, i, s: score(c) }));
  order.sort((x, y) => y.s - x.s || x.i - y.i);
  return order.slice(0, slots).map((o) => o.c.handle);
}
