/**
 * Everything the peer protocol does to the world goes through this interface:
 * it is how the protocol stays sans-IO (as h11 is). The swarm implements it
 * over the event queue and the links; a test implements it with a recorder.
 * Arguments are integers or the protocol's own records, so nothing is
 * allocated per message. Calls happen in protocol order and the swarm acts on
 * each at once: that order is what makes runs deterministic, and it is where
 * delivery could later be batched without touching the protocol.
 */
import type { Connection } from "./connection.ts";
import type { Msg } from "./messages.ts";

/** Timers a peer sets; the swarm calls `PeerWire.onTimer(kind, arg)` when one fires. */
export const Timer = {
  Rechoke: 0,
  Announce: 1,
  Pex: 2,
  /** The one-second tick of libtorrent's peer_connection::second_tick (rates, request queue). */
  Second: 3,
} as const;
export type Timer = (typeof Timer)[keyof typeof Timer];

/** Tracker announce events (BEP 3), as codes. */
export const ANNOUNCE_EVENTS = ["started", "completed", "stopped", "periodic"] as const;
export type AnnounceCode = 0 | 1 | 2 | 3;

export interface Outbox {
  // ---- actions -----------------------------------------------------------
  /** Sends a control message to `conn`'s remote (it arrives after the pair's latency). */
  send(conn: Connection, msg: Msg, arg: number): void;
  /** The remote's queued requests on `conn` may be served: the uplink takes them from `theirRequests`. */
  uploadReady(conn: Connection): void;
  /**
   * We are about to choke `conn` with the Fast Extension on: requests the
   * transport took from `theirRequests` but has not begun sending go back to
   * its head, and requests that have reached us join it, so that the choke
   * rejects or keeps each (fast-extension.ts `chokeFast`). Optional: a
   * transport that takes one block at a time has nothing to hand back.
   */
  takeBackQueued?(conn: Connection): void;
  /** Dials a remote peer (the handshake reaches it after the pair's latency). */
  dial(peer: number, remote: number): void;
  /** Our side of `conn` is closing: blocks in flight either way are lost. */
  closing(conn: Connection): void;
  /** Tells the remote we closed (it closes its side after the latency); `idle`: closed as useless. */
  sendClose(conn: Connection, idle: boolean): void;
  /** Our side of `conn` is closed and forgotten. */
  closed(conn: Connection): void;
  /** Sends a PEX message (BEP 11) listing `peers` to `conn`'s remote. */
  sendPex(conn: Connection, peers: number[]): void;
  /** Sends an announce to the tracker. */
  announce(peer: number, event: AnnounceCode): void;
  /**
   * Whether the remote's host has left for good (the transport knows, as TCP
   * knows a reset): a closed connection to it also forgets its address.
   */
  hostGone(remote: number): boolean;
  /** Calls back `onTimer(kind, arg)` on `peer` after `delayUs`. */
  setTimer(peer: number, kind: Timer, delayUs: number, arg: number): void;

  // ---- reports (metrics and traces) ---------------------------------------
  /** Our interest in a remote changed (entropy metric). */
  interestChanged(peer: number, interested: boolean): void;
  /** A payload block reached us on an open connection (before it is used). */
  blockReceived(conn: Connection, bytes: number): void;
  /** A block arrived on a closed connection or after we left. */
  blockLost(bytes: number): void;
  /** A block we already had (endgame, or a request released by a choke). */
  duplicateBlock(bytes: number): void;
  /** A piece passed verification. */
  pieceAccepted(peer: number, piece: number): void;
  /** A piece failed verification and is discarded. */
  pieceRejected(peer: number, piece: number): void;
  /** `sender` sent a block of a piece that failed at some peer. */
  blamed(sender: number): void;
  /** `peer` banned `culprit`. */
  banned(peer: number, culprit: number): void;
  /** `peer` holds every piece. */
  completed(peer: number): void;
  /** A rechoke's regular unchokes and optimistic one (remote ids; −1 none). Optional: tracing. */
  rechoked?(peer: number, regular: readonly number[], optimistic: number): void;
}
