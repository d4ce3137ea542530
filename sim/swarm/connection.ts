import type { Peer } from "./peer.ts";

/**
 * One side of a peer-wire connection (BEP 3). A connection is two ends with
 * ids 2k and 2k+1, so the opposite end of `id` is `id ^ 1`. Each end holds
 * its own peer's view: the four choke/interest flags, what it believes the
 * remote holds, its outstanding requests to the remote and the remote's
 * queued requests to it.
 */
export class ConnEnd {
  open = true;
  /** The remote's bitfield has arrived. */
  ready = false;
  amChoking = true;
  amInterested = false;
  peerChoking = true;
  peerInterested = false;

  /** Emptied when the connection closes (a closed end is kept only for its id). */
  remoteHave: Uint8Array;
  /** Pieces the remote has that we lack: we are interested iff > 0. */
  useful = 0;

  /** Block ids we asked the remote for and have not received. */
  readonly myRequests: number[] = [];
  /** Block ids the remote asked us for, in arrival order. */
  theirRequests: number[] = [];
  inUploadQueue = false;
  waitingOnDownlink = false;
  /** Transfers in progress from this end's peer to the remote. */
  readonly activeTx: number[] = [];

  /** Payload bytes received from / sent to the remote in the current and previous rechoke periods. */
  recvCur = 0;
  recvPrev = 0;
  sentCur = 0;
  /** Payload bytes sent since we last unchoked the remote. */
  sentSinceUnchoke = 0;
  sentPrev = 0;

  lastRecvUs: number;
  /** Since when neither side has been interested; -1 while either is. */
  idleSinceUs: number;
  remoteUnchokedUsAt = -1;
  /** When we last became interested in the remote. */
  amInterestedSinceUs = -1;
  lastUnchokedUs = -1;

  constructor(
    readonly id: number,
    readonly peer: Peer,
    readonly remote: Peer,
    pieceCount: number,
    readonly connectedUs: number,
    /** One-way latency to the remote, fixed per pair (cached: every message pays it). */
    readonly latencyUs: number,
  ) {
    this.remoteHave = new Uint8Array(pieceCount);
    this.lastRecvUs = connectedUs;
    this.idleSinceUs = connectedUs;
  }

  /** Call after either interest flag changes. */
  noteInterest(nowUs: number): void {
    if (this.amInterested || this.peerInterested) this.idleSinceUs = -1;
    else if (this.idleSinceUs < 0) this.idleSinceUs = nowUs;
  }
}
