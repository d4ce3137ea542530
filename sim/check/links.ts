/**
 * Invariant: no access link ever carries more than its capacity.
 *
 * A decorator around whatever link model the run uses. It keeps its own
 * ledger of the rates reserved on each uplink and downlink, against the
 * capacities the swarm set (`setCapacity`, i.e. the scenario's figures), and
 * never asks the wrapped model for spare capacity or load: a model that lies
 * about either (a fake uplink that ignores capacity) is caught at the first
 * reservation that overbooks a link. Both the block transmissions
 * (sim/swarm/uplink.ts) and the fluid flows of client-server and Napster
 * (sim/distribution/fluid.ts) reserve every rate they use, so this sees all
 * traffic.
 */
import type { LinkModel } from "../net/links.ts";
import { formatRate, InvariantViolation, REL_TOLERANCE } from "./violation.ts";

export class CheckedLinks implements LinkModel {
  /** Capacities as set by the swarm (bytes/s): the truth the ledger is held to. */
  readonly trueUp: Float64Array;
  readonly trueDown: Float64Array;
  private readonly upLoad: Float64Array;
  private readonly downLoad: Float64Array;
  private readonly upOpen: Int32Array;
  private readonly downOpen: Int32Array;
  /** Reservations checked so far. */
  reservations = 0;

  constructor(
    private readonly inner: LinkModel,
    peerCapacity: number,
    /** Current simulated time (µs), for the violation's timestamp. */
    private readonly now: () => number,
  ) {
    this.trueUp = new Float64Array(peerCapacity);
    this.trueDown = new Float64Array(peerCapacity);
    this.upLoad = new Float64Array(peerCapacity);
    this.downLoad = new Float64Array(peerCapacity);
    this.upOpen = new Int32Array(peerCapacity);
    this.downOpen = new Int32Array(peerCapacity);
  }

  get upCapacity(): Float64Array {
    return this.inner.upCapacity;
  }

  get downCapacity(): Float64Array {
    return this.inner.downCapacity;
  }

  setCapacity(peer: number, upBytesPerSec: number, downBytesPerSec: number): void {
    this.trueUp[peer] = upBytesPerSec;
    this.trueDown[peer] = downBytesPerSec;
    this.inner.setCapacity(peer, upBytesPerSec, downBytesPerSec);
  }

  upSpare(peer: number): number {
    return this.inner.upSpare(peer);
  }

  downSpare(peer: number): number {
    return this.inner.downSpare(peer);
  }

  reserve(sender: number, receiver: number, bytesPerSec: number): void {
    this.reservations++;
    if (!(bytesPerSec > 0 && Number.isFinite(bytesPerSec))) {
      throw new InvariantViolation(
        "link capacity",
        this.now(),
        [sender, receiver],
        `a transmission from peer ${sender} to peer ${receiver} was given the rate ${bytesPerSec} B/s`,
      );
    }
    this.upLoad[sender] += bytesPerSec;
    this.upOpen[sender]++;
    this.downLoad[receiver] += bytesPerSec;
    this.downOpen[receiver]++;
    this.assertWithin("uplink", sender, receiver, this.upLoad[sender], this.trueUp[sender]);
    this.assertWithin(
      "downlink",
      receiver,
      sender,
      this.downLoad[receiver],
      this.trueDown[receiver],
    );
    this.inner.reserve(sender, receiver, bytesPerSec);
  }

  release(sender: number, receiver: number, bytesPerSec: number): void {
    if (this.upOpen[sender] === 0 || this.downOpen[receiver] === 0) {
      throw new InvariantViolation(
        "link capacity",
        this.now(),
        [sender, receiver],
        `released ${formatRate(bytesPerSec)} from peer ${sender} to peer ${receiver}, which had no open transmission`,
      );
    }
    // Mirrors AccessLinks: an idle link's ledger is exactly 0, so float rounding never builds up.
    if (--this.upOpen[sender] === 0) this.upLoad[sender] = 0;
    else this.upLoad[sender] -= bytesPerSec;
    if (--this.downOpen[receiver] === 0) this.downLoad[receiver] = 0;
    else this.downLoad[receiver] -= bytesPerSec;
    this.inner.release(sender, receiver, bytesPerSec);
  }

  private assertWithin(
    side: "uplink" | "downlink",
    peer: number,
    other: number,
    load: number,
    capacity: number,
  ): void {
    if (load <= capacity * (1 + REL_TOLERANCE)) return;
    const open = side === "uplink" ? this.upOpen[peer] : this.downOpen[peer];
    throw new InvariantViolation(
      "link capacity",
      this.now(),
      [peer, other],
      `peer ${peer}'s ${side} carries ${formatRate(load)} in ${open} transmission(s) ` +
        `(the newest ${side === "uplink" ? "to" : "from"} peer ${other}), above its capacity of ${formatRate(capacity)}`,
    );
  }
}
