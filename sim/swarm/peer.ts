/**
 * A peer as the swarm holds it: who it is (PeerInfo), its protocol state
 * machine (`wire`), its transport state (the uplink's queue and the senders
 * waiting on its downlink) and its lifecycle times; and the transport side
 * of each of its connection ends (WireEnd).
 */
import type { Rng } from "../engine/rng.ts";
import type { PeerInfo } from "../observe/events.ts";
import { Connection, ConnPhase } from "../protocol/wire/connection.ts";
import type { PeerWire } from "../protocol/wire/peer-wire.ts";
import { PieceBitSlab } from "../protocol/wire/piece-bit-slab.ts";

export interface CorruptBehaviour {
  readonly probability: number;
  readonly pieces: ReadonlySet<number> | null;
}

/** The lifecycle's per-peer times (sim/population/), read through the peer for convenience. */
export interface LifeTimes {
  readonly arrivalUs: Float64Array;
  readonly completedUs: Float64Array;
  readonly departedUs: Float64Array;
  readonly aborted: Uint8Array;
}

export class Peer {
  /** Ends with queued requests from their remote, served round robin by the uplink. */
  readonly uploadQueue: WireEnd[] = [];
  uploadCursor = 0;
  /** Sender-side ends whose next block waits for this peer's downlink to free up. */
  waitingSenders: WireEnd[] = [];
  /** The tick (µs) the uplink's rate limiter granted quota for its next block at (net/quota-ticks.ts). */
  quotaGrantUs = -1;
  /** Lean model: the runs on this peer's uplink, which share it (lean-uplink.ts). */
  readonly runs: number[] = [];
  /** Lean model: runs in progress to this peer (lean-quota.ts charges its download limiter for them). */
  readonly inRuns: number[] = [];
  /** Lean model: when the runs on / into this peer's links were last charged to its rate limiters (lean-quota.ts). */
  upChargedUs = -1;
  downChargedUs = -1;
  /** Lean model: the runs' rates must be worked out again (a run ended, a link freed up). */
  reshareNeeded = false;
  /** Lean model: the engine event at which the uplink's next run ends (−1: none), and its time. */
  upDueHandle = -1;
  upDueUs = -1;
  /** Draws for transit damage on this peer's uplink; its own stream, made on first use. */
  linkRng: Rng | null = null;

  constructor(
    readonly id: number,
    readonly info: PeerInfo,
    readonly wire: PeerWire,
    /** Abort delay, seed time, crash and corruption draws (one stream, as before: goldens). */
    readonly faultRng: Rng,
    readonly corrupt: CorruptBehaviour | null,
    private readonly life: LifeTimes,
  ) {}

  get arrivalUs(): number {
    return this.life.arrivalUs[this.id];
  }

  get completedUs(): number {
    return this.life.completedUs[this.id];
  }

  get departedUs(): number {
    return this.life.departedUs[this.id];
  }

  get aborted(): boolean {
    return this.life.aborted[this.id] === 1;
  }

  get present(): boolean {
    return this.wire.present;
  }

  get isSeed(): boolean {
    return this.wire.isSeed;
  }

  get freeRider(): boolean {
    return this.wire.freeRider;
  }

  /** Drops transport state once the peer has left. */
  releaseAfterDeparture(): void {
    this.uploadQueue.length = 0;
    this.waitingSenders = [];
    this.runs.length = 0;
    this.inRuns.length = 0;
    this.wire.releaseAfterDeparture();
  }
}

/**
 * A connection end as the swarm creates it: the protocol's `Connection`
 * record plus what the network needs beside it — the two peers, the pair's
 * latency (cached: every message pays it), the uplink's queue membership and
 * the block transmissions in progress. The protocol sees only the
 * Connection; the composition root, which made the record, reads the rest.
 * Ends come in pairs, 2k and 2k+1.
 */
export class WireEnd extends Connection {
  inUploadQueue = false;
  waitingOnDownlink = false;
  /** When the last control message sent on this end reaches the remote (they keep their order). */
  lastMessageUs = -1;
  /** When this end's peer last read a control message on it (its connect or accept at first): net/quota-ticks.ts `readAt`. */
  lastReadUs: number;
  /**
   * Lean model: while ≥ 0, the remote is taking something this end sent
   * ahead of its landing — a block of a run that just ended, an instant HAVE
   * — and the REQUESTs and CANCELs it sends back in reply leave at this time,
   * when that would have landed (lean-transfer.ts, instant-messages.ts).
   */
  repliesLeaveUs = -1;
  /** Lean model: messages and blocks queued for delivery to this end at the end of the current event (instant-messages.ts). */
  instantQueued = 0;
  /** Lean model: when the last control message sent on this end that is an engine event arrives (held-requests.ts keeps behind it). */
  lastEventUs = -1;
  /** Lean model: REQUESTs on their way to this (sender's) end, held here with their arrival times, from `heldHead` on (held-requests.ts). */
  readonly heldBlocks: number[] = [];
  readonly heldUs: number[] = [];
  heldHead = 0;
  /** When a `heldDue` event is due for this end (−1: none). */
  heldWakeUs = -1;
  /** Transfers in progress from this end's peer to the remote (sending phase). */
  readonly activeTx: number[] = [];

  constructor(
    id: number,
    readonly owner: Peer,
    readonly remotePeer: Peer,
    connectedUs: number,
    slab: PieceBitSlab,
    /** One-way latency to the remote, fixed per pair. */
    readonly latencyUs: number,
  ) {
    super(id, owner.id, remotePeer.id, connectedUs, slab);
    this.lastReadUs = connectedUs;
  }
}

/**
 * Stands in the end table for both ends of a connection closed on both sides
 * (a real WireEnd, so the hot paths see one shape): closed, owned by nobody.
 */
export const CLOSED_END: WireEnd = (() => {
  const nobody = { id: -1 } as Peer;
  const end = new WireEnd(-1, nobody, nobody, 0, new PieceBitSlab(1, 1), 0);
  end.phase = ConnPhase.Closed;
  end.releaseView();
  return end;
})();
