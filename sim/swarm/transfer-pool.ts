/**
 * Block transmissions in progress, as a pool of reusable records addressed by
 * integer ids (typed arrays), so the hot path allocates nothing per block.
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
  private free: number[] = [];
  private used = 0;

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
  }
}
