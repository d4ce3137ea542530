/**
 * The transport side of one connection end: what the network needs beside
 * the protocol's `Connection` record — the pair's latency (cached: every
 * message pays it), the uplink's queue membership and the block
 * transmissions in progress. Ends come in pairs, 2k and 2k+1.
 */
import type { Connection } from "../protocol/wire/connection.ts";
import type { Peer } from "./peer.ts";

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
