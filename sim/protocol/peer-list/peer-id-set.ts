/**
 * A set of peer ids as a bitset over the swarm's id space: one bit per
 * possible peer instead of a hash-set entry per member. Each peer keeps one
 * for its known-peer list; with thousands of peers each knowing thousands,
 * hash sets cost tens of bytes per entry, this an eighth of a byte per id.
 * The bits are allocated on first use and dropped by `clear`.
 */
export class PeerIdSet {
  private bits: Uint8Array | null = null;

  constructor(private readonly capacity: number) {}

  has(id: number): boolean {
    return this.bits !== null && (this.bits[id >> 3] & (1 << (id & 7))) !== 0;
  }

  /** Adds `id`; returns false if it was already there. */
  add(id: number): boolean {
    this.bits ??= new Uint8Array((this.capacity + 7) >> 3);
    const mask = 1 << (id & 7);
    if ((this.bits[id >> 3] & mask) !== 0) return false;
    this.bits[id >> 3] |= mask;
    return true;
  }

  /** Removes `id`; returns false if it was not there. */
  delete(id: number): boolean {
    if (!this.has(id)) return false;
    this.bits![id >> 3] &= ~(1 << (id & 7));
    return true;
  }

  clear(): void {
    this.bits = null;
  }
}
