/**
 * One-way latency per peer pair, drawn once from [min, max] and symmetric.
 * It is a pure function of (seed, pair) rather than a table, so memory stays
 * O(1) whatever the swarm size and the value never depends on which pair was
 * asked first (no shared random stream is consumed).
 */
import { unitHash } from "../util/hash.ts";

export { unitHash } from "../util/hash.ts";

export class PairLatency {
  private readonly spanUs: number;

  constructor(
    private readonly seed: number,
    private readonly minUs: number,
    maxUs: number,
  ) {
    this.spanUs = maxUs - minUs;
  }

  /** Latency between two peers, in integer microseconds. */
  between(a: number, b: number): number {
    if (this.spanUs === 0) return this.minUs;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return this.minUs + Math.floor(unitHash(this.seed, lo, hi) * (this.spanUs + 1));
  }
}
