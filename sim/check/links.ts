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
    this.checkRate(bytesPerSec, sender, receiver);
    this.book("uplink", sender, receiver, bytesPerSec);
    this.book("downlink", receiver, sender, bytesPerSec);
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
    this.unbook("uplink", sender, bytesPerSec);
    this.unbook("downlink", receiver, bytesPerSec);
    this.inner.release(sender, receiver, bytesPerSec);
  }

  /** An overhead burst on one link (sim/swarm/link-overhead.ts): held to the same capacity. */
  reserveUp(peer: number, bytesPerSec: number): void {
    this.checkRate(bytesPerSec, peer, peer);
    this.book("uplink", peer, -1, bytesPerSec);
    this.inner.reserveUp(peer, bytesPerSec);
  }

  reserveDown(peer: number, bytesPerSec: number): void {
    this.checkRate(bytesPerSec, peer, peer);
    this.book("downlink", peer, -1, bytesPerSec);
    this.inner.reserveDown(peer, bytesPerSec);
  }

  releaseUp(peer: number, bytesPerSec: number): void {
    this.unbook("uplink", peer, bytesPerSec);
    this.inner.releaseUp(peer, bytesPerSec);
  }

  releaseDown(peer: number, bytesPerSec: number): void {
    this.unbook("downlink", peer, bytesPerSec);
    this.inner.releaseDown(peer, bytesPerSec);
  }

  upBusy(peer: number): boolean {
    return this.inner.upBusy(peer);
  }

  downBusy(peer: number): boolean {
    return this.inner.downBusy(peer);
  }

  private checkRate(bytesPerSec: number, sender: number, receiver: number): void {
    this.reservations++;
    if (!(bytesPerSec > 0 && Number.isFinite(bytesPerSec))) {
      throw new InvariantViolation(
        "link capacity",
        this.now(),
        [sender, receiver],
        `a transmission from peer ${sender} to peer ${receiver} was given the rate ${bytesPerSec} B/s`,
      );
    }
  }

  /** Adds a rate to one link's ledger and holds it to the link's capacity (`other` −1: overhead). */
  private book(
    side: "uplink" | "downlink",
    peer: number,
    other: number,
    bytesPerSec: number,
  ): void {
    const load = side === "uplink" ? this.upLoad : this.downLoad;
    const open = side === "uplink" ? this.upOpen : this.downOpen;
    load[peer] += bytesPerSec;
    open[peer]++;
    const capacity = side === "uplink" ? this.trueUp[peer] : this.trueDown[peer];
    this.assertWithin(side, peer, other, load[peer], capacity);
  }

  /** Mirrors AccessLinks: an idle link's ledger is exactly 0, so float rounding never builds up. */
  private unbook(side: "uplink" | "downlink", peer: number, bytesPerSec: number): void {
    const load = side === "uplink" ? this.upLoad : this.downLoad;
    const open = side === "uplink" ? this.upOpen : this.downOpen;
    if (open[peer] === 0) {
      throw new InvariantViolation(
        "link capacity",
        this.now(),
        [peer],
        `released ${formatRate(bytesPerSec)} on peer ${peer}'s ${side}, which had no open transmission`,
      );
    }
    if (--open[peer] === 0) load[peer] = 0;
    else load[peer] -= bytesPerSec;
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
      other < 0 ? [peer] : [peer, other],
      `peer ${peer}'s ${side} carries ${formatRate(load)} in ${open} transmission(s) ` +
        `(the newest ${other < 0 ? "protocol overhead" : `${side === "uplink" ? "to" : "from"} peer ${other}`}), above its capacity of ${formatRate(capacity)}`,
    );
  }
}
