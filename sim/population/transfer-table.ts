/**
 * Bytes moved between pairs of peers since the previous metrics sample (the
 * snapshot's `transfers`): one row per (from, to) pair that moved anything,
 * found through an index, so the cost is O(1) per transfer and the table's
 * size the number of active pairs.
 */
import { grown } from "../util/grow.ts";

export class TransferTable {
  readonly rows: { count: number; from: Int32Array; to: Int32Array; bytes: Float64Array };
  private readonly index = new Map<number, number>();

  constructor(
    /** Peer ids range over [0, idSpace). */
    private readonly idSpace: number,
  ) {
    const n = 1 << 12;
    this.rows = {
      count: 0,
      from: new Int32Array(n),
      to: new Int32Array(n),
      bytes: new Float64Array(n),
    };
  }

  record(from: number, to: number, bytes: number): void {
    const key = from * this.idSpace + to;
    let i = this.index.get(key);
    const t = this.rows;
    if (i === undefined) {
      i = t.count++;
      if (i >= t.from.length) {
        t.from = grown(t.from, 2 * t.from.length);
        t.to = grown(t.to, 2 * t.to.length);
        t.bytes = grown(t.bytes, 2 * t.bytes.length);
      }
      this.index.set(key, i);
      t.from[i] = from;
      t.to[i] = to;
      t.bytes[i] = 0;
    }
    t.bytes[i] += bytes;
  }

  /** Starts a new sample period. */
  clear(): void {
    this.rows.count = 0;
    this.index.clear();
  }
}
