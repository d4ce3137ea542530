/**
 * Access-link capacity accounting.
 *
 * Model: every peer has an uplink and a downlink of fixed capacity (bytes/s).
 * A block transmission reserves a constant rate on the sender's uplink AND the
 * receiver's downlink for its whole duration, and the rate is chosen as
 * min(spare uplink, spare downlink) when it starts. So, by construction, the
 * sum of the rates through a link never exceeds its capacity. Spare capacity
 * is handed out again as soon as a transmission ends (the swarm then starts
 * the next waiting block), which keeps links busy whenever a transfer could use
 * them — work-conserving at block granularity (16 KiB). See docs/model.md, "The network model".
 *
 * Protocol overhead that is not part of a block (control messages, TCP
 * acknowledgements) is sent in bursts that reserve one side alone
 * (`reserveUp`/`reserveDown`).
 *
 * Rates are floats; a reservation and its release use the identical value, and
 * an idle link is reset to exactly 0, so rounding never accumulates.
 */

/**
 * What the swarm and the fluid flows need of a link model. AccessLinks is the
 * one the simulator uses; the interface lets `sim run --check` wrap it with a
 * checker (sim/check/links.ts) and lets tests inject a deliberately broken one.
 */
export interface LinkModel {
  readonly upCapacity: Float64Array;
  readonly downCapacity: Float64Array;
  setCapacity(peer: number, upBytesPerSec: number, downBytesPerSec: number): void;
  upSpare(peer: number): number;
  downSpare(peer: number): number;
  reserve(sender: number, receiver: number, bytesPerSec: number): void;
  release(sender: number, receiver: number, bytesPerSec: number): void;
  /** One side alone: protocol overhead that is not part of a block (sim/swarm/link-overhead.ts). */
  reserveUp(peer: number, bytesPerSec: number): void;
  reserveDown(peer: number, bytesPerSec: number): void;
  releaseUp(peer: number, bytesPerSec: number): void;
  releaseDown(peer: number, bytesPerSec: number): void;
  /** Whether anything is being sent on the uplink / received on the downlink now. */
  upBusy(peer: number): boolean;
  downBusy(peer: number): boolean;
}

/** Builds the link model for peer ids in [0, peerCapacity). */
export type LinkModelFactory = (peerCapacity: number) => LinkModel;

export class AccessLinks implements LinkModel {
  readonly upCapacity: Float64Array;
  readonly downCapacity: Float64Array;
  readonly upInUse: Float64Array;
  readonly downInUse: Float64Array;
  /** Open transmissions per link, to reset the float balance to exactly 0 when idle. */
  private readonly upCount: Int32Array;
  private readonly downCount: Int32Array;

  constructor(capacity: number) {
    this.upCapacity = new Float64Array(capacity);
    this.downCapacity = new Float64Array(capacity);
    this.upInUse = new Float64Array(capacity);
    this.downInUse = new Float64Array(capacity);
    this.upCount = new Int32Array(capacity);
    this.downCount = new Int32Array(capacity);
  }

  setCapacity(peer: number, upBytesPerSec: number, downBytesPerSec: number): void {
    this.upCapacity[peer] = upBytesPerSec;
    this.downCapacity[peer] = downBytesPerSec;
  }

  /** Whether anything is being sent on the uplink / received on the downlink now. */
  upBusy(peer: number): boolean {
    return this.upCount[peer] > 0;
  }

  downBusy(peer: number): boolean {
    return this.downCount[peer] > 0;
  }

  upSpare(peer: number): number {
    return this.upCapacity[peer] - this.upInUse[peer];
  }

  downSpare(peer: number): number {
    return this.downCapacity[peer] - this.downInUse[peer];
  }

  reserve(sender: number, receiver: number, bytesPerSec: number): void {
    this.reserveUp(sender, bytesPerSec);
    this.reserveDown(receiver, bytesPerSec);
  }

  release(sender: number, receiver: number, bytesPerSec: number): void {
    this.releaseUp(sender, bytesPerSec);
    this.releaseDown(receiver, bytesPerSec);
  }

  /** One side alone: protocol overhead that is not part of a block (sim/swarm/link-overhead.ts). */
  reserveUp(peer: number, bytesPerSec: number): void {
    this.upInUse[peer] += bytesPerSec;
    this.upCount[peer]++;
  }

  reserveDown(peer: number, bytesPerSec: number): void {
    this.downInUse[peer] += bytesPerSec;
    this.downCount[peer]++;
  }

  releaseUp(peer: number, bytesPerSec: number): void {
    if (--this.upCount[peer] === 0) this.upInUse[peer] = 0;
    else this.upInUse[peer] -= bytesPerSec;
  }

  releaseDown(peer: number, bytesPerSec: number): void {
    if (--this.downCount[peer] === 0) this.downInUse[peer] = 0;
    else this.downInUse[peer] -= bytesPerSec;
  }
}
