import type { Rng } from "../engine/rng.ts";
import type { SeedTime } from "../scenario/types.ts";

/**
 * Seconds a peer stays after completing (`null`: it never leaves). The
 * exponential draw comes from `lifetime`; whether the peer seeds at all
 * (`share` < 1) from its own stream, made only when asked for, so groups
 * without a share draw exactly what they drew before the option existed.
 */
export function seedingSeconds(st: SeedTime, lifetime: Rng, shareStream: () => Rng): number | null {
  if (st === "never") return null;
  if (typeof st === "number") return st;
  if (st.share < 1 && !shareStream().chance(st.share)) return 0;
  return lifetime.exponential(st.exponential);
}
