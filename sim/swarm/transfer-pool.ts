/**
 * Block transmissions in progress, as a pool of reusable records addressed by
 * integer ids (typed arrays), so the hot path allocates nothing per block.
 *
 * Under the block model a transfer is one block (`blockId`, `tag`). Under the
 * lean model it is a run of up to `maxRun` blocks of one piece (`runLength`;
 * the blocks and their damage tags in `runBlocks` / `runTags` at
 * `id × maxRun`).
 */
import { grown } from "../util/grow.ts";

export enum Phase {
  Free = 0,
  Sending = 1,
  Propagating = 2,
}

export class TransferPool {
  endId: Int32Array = new Int32Array(256);
  blockId: Int32Array = new Int32Array(256);
  bytes: Int32Array = new Int32Array(256);
  tag: Int32Array = new Int32Array(256);
  phase: Uint8Array = new Uint8Array(256);
  rate: Float64Array = new Float64Array(256);
  startUs: Float64Array = new Float64Array(256);
  handle: Float64Array = new Float64Array(256);
  sender: Int32Array = new Int32Array(256);
  receiver: Int32Array = new Int32Array(256);
  runLength: Int32Array = new Int32Array(256);
  /** Bytes the run takes on the links, overhead included (lean model). */
  wireBytes: Float64Array = new Float64Array(256);
  /** Lean model: wire bytes of the run still to send, as of `settledUs`. */
  remaining: Float64Array = new Float64Array(256);
  settledUs: Float64Array = new Float64Array(256);
  /** Lean model: payload bytes of the run already reported as progress (lean-uplink.ts `reportProgress`). */
  credited: Float64Array = new Float64Array(256);
  /** Lean model: blocks of the run the rate limiters were charged for (lean-quota.ts). */
  charged: Int32Array = new Int32Array(256);
  runBlocks: Int32Array;
  runTags: Int32Array;
  private free: number[] = [];
  private used = 0;

  constructor(readonly maxRun = 1) {
    this.runBlocks = new Int32Array(256 * maxRun);
    this.runTags = new Int32Array(256 * maxRun);
  }

  allocate(): number {
    const id = this.free.length > 0 ? this.free.pop()! : this.used++;
    if (id >= this.endId.length) this.grow();
    return id;
  }

  release(id: number): void {
    this.phase[id] = Phase.Free;
    this.free.push(id);
  }

  /** Payload bytes of blocks still on their way (sent or being sent, not yet delivered). */
  inFlightBytes(): number {
    let total = 0;
    for (let i = 0; i < this.used; i++)
      if (this.phase[i] === Phase.Propagating) total += this.bytes[i];
    return total;
  }

  /** Transfers in progress that involve `peer` as sender or receiver. */
  involving(peer: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.used; i++) {
      if (this.phase[i] !== Phase.Free && (this.sender[i] === peer || this.receiver[i] === peer)) {
        out.push(i);
      }
    }
    return out;
  }

  private grow(): void {
    const n = this.endId.length * 2;
    this.endId = grown(this.endId, n);
    this.blockId = grown(this.blockId, n);
    this.bytes = grown(this.bytes, n);
    this.tag = grown(this.tag, n);
    this.sender = grown(this.sender, n);
    this.receiver = grown(this.receiver, n);
    this.phase = grown(this.phase, n);
    this.rate = grown(this.rate, n);
    this.startUs = grown(this.startUs, n);
    this.handle = grown(this.handle, n);
    this.runLength = grown(this.runLength, n);
    this.wireBytes = grown(this.wireBytes, n);
    this.remaining = grown(this.remaining, n);
    this.settledUs = grown(this.settledUs, n);
    this.credited = grown(this.credited, n);
    this.charged = grown(this.charged, n);
    this.runBlocks = grown(this.runBlocks, n * this.maxRun);
    this.runTags = grown(this.runTags, n * this.maxRun);
  }
}
