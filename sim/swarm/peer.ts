/**
 * A peer as the swarm holds it: who it is (PeerInfo), its protocol state
 * machine (`wire`), its transport state (the uplink's queue and the senders
 * waiting on its downlink) and its lifecycle times; and the transport side
 * of each of its connection ends (WireEnd).
 */
import type { Rng } from "../engine/rng.ts";
import type { PeerInfo } from "../observe/events.ts";
import type { Connection } from "../protocol/wire/connection.ts";
import type { PeerWire } from "../protocol/wire/peer-wire.ts";

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
    this.wire.releaseAfterDeparture();
  }
}

/**
 * The transport side of one connection end: what the network needs beside
 * the protocol's `Connection` record — the pair's latency (cached: every
 * message pays it), the uplink's queue membership and the block
 * transmissions in progress. Ends come in pairs, 2k and 2k+1.
 */

export class WireEnd {
  inUploadQueue = false;
  waitingOnDownlink = false;
  /** Transfers in progress from this end's peer to the remote (sending phase). */
  readonly activeTx: number[] = [];

  constructor(
    readonly conn: Connection,
    readonly peer: Peer,
    readonly remote: Peer,
    /** One-way latency to the remote, fixed per pair. */
    readonly latencyUs: number,
  ) {}

  get id(): number {
    return this.conn.id;
  }

  get open(): boolean {
    return this.conn.open;
  }
}

/** Stands in the end table for both ends of a connection closed on both sides. */
export const CLOSED_END = Object.freeze({
  open: false,
  activeTx: Object.freeze([]),
}) as unknown as WireEnd;
