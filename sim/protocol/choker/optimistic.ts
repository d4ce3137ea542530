import type { Random } from "../random.ts";
import type { ChokeCandidate } from "./types.ts";

/**
 * The optimistic unchoke (BEP 3): one interested, currently choked peer chosen
 * at random regardless of its rate, so newcomers get a first piece and better
 * partners can be discovered. Newly connected peers are three times as likely
 * to be chosen (mainline client). Returns the handle, or -1.
 */
export function pickOptimistic(
  candidates: readonly ChokeCandidate[],
  exclude: ReadonlySet<number>,
  rng: Random,
): number {
  let total = 0;
  for (const c of candidates) {
    if (c.interested && !exclude.has(c.handle)) total += c.isNew ? 3 : 1;
  }
  if (total === 0) return -1;
  let r = rng.next() * total;
  for (const c of candidates) {
    if (!c.interested || exclude.has(c.handle)) continue;
    r -= c.isNew ? 3 : 1;
    if (r < 0) return c.handle;
  }
  return -1;
}
