import type { Random } from "../random.ts";
import type { ChokeCandidate } from "./types.ts";

/** How the optimistic unchoke is chosen (`protocol.optimistic_choice`). */
export type OptimisticChoice = "random" | "longest-waiting";

/**
 * The optimistic unchoke (BEP 3): one interested peer outside the regular
 * slots, chosen regardless of its rate, so newcomers get a first piece and
 * better partners can be discovered. Returns the handle, or -1.
 *
 * - `random` (mainline Choker.py): at random, newly connected peers three
 *   times as likely.
 * - `longest-waiting` (libtorrent session_impl.cpp
 *   `last_optimistic_unchoke_cmp`): the peer optimistically unchoked longest
 *   ago, never-chosen peers first; ties at random (libtorrent's order among
 *   them is its connection set's, by memory address).
 */
export function pickOptimistic(
  candidates: readonly ChokeCandidate[],
  exclude: ReadonlySet<number>,
  rng: Random,
  choice: OptimisticChoice = "random",
): number {
  return choice === "random"
    ? pickRandom(candidates, exclude, rng)
    : pickLongestWaiting(candidates, exclude, rng);
}

function pickRandom(
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

function pickLongestWaiting(
  candidates: readonly ChokeCandidate[],
  exclude: ReadonlySet<number>,
  rng: Random,
): number {
  let best = -1;
  let bestUs = Number.POSITIVE_INFINITY;
  let ties = 0;
  for (const c of candidates) {
    if (!c.interested || exclude.has(c.handle)) continue;
    const at = c.lastOptimisticUs ?? -1;
    if (at < bestUs) {
      best = c.handle;
      bestUs = at;
      ties = 1;
    } else if (at === bestUs && rng.next() * ++ties < 1) {
      best = c.handle; // reservoir: each tied candidate equally likely
    }
  }
  return best;
}
