/**
 * Storage for the per-connection "pieces the remote has" views: fixed-size
 * bit records in one growable Uint32Array, recycled through a free list when
 * connections close. One record is ⌈pieces/32⌉ words, so 1,000 pieces take
 * 128 bytes instead of a 1,000-byte typed array with its own object and
 * buffer per connection — at 10⁴–10⁵ peers with up to 80 connections each,
 * this is most of the simulator's memory.
 *
 * Records are addressed by word offset; the array may be replaced when it
 * grows, so holders keep the offset and read `words` from here each time.
 */
export class PieceBitSlab {
  readonly wordsPerRecord: number;
  words: Uint32Array;
  private readonly free: number[] = [];
  private used = 0;

  constructor(pieceCount: number, initialRecords = 256) {
    this.wordsPerRecord = Math.max(1, (pieceCount + 31) >>> 5);
    this.words = new Uint32Array(this.wordsPerRecord * initialRecords);
  }

  /** A zeroed record; returns its word offset. */
  allocate(): number {
    const recycled = this.free.pop();
    if (recycled !== undefined) return recycled;
    const offset = this.used;
    this.used += this.wordsPerRecord;
    if (this.used > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    return offset;
  }

  /** Returns a record for reuse (zeroed now, so `allocate` hands out empty sets). */
  release(offset: number): void {
    this.words.fill(0, offset, offset + this.wordsPerRecord);
    this.free.push(offset);
  }
}
