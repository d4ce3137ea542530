/**
 * One-way latency per peer pair, drawn once from [min, max] and symmetric.
 * It is a pure function of (seed, pair) rather than a table, so memory stays
 * O(1) whatever the swarm size and the value never depends on which pair was
 * asked first (no shared random stream is consumed).
 */
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

/** A well-mixed hash of three integers to [0, 1) (murmur3 finaliser rounds). */
export function unitHash(x: number, y: number, z: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ y, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ z, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x165667b1);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
