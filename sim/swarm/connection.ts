import type { PieceBits } from "../protocol/picker/piece-bits.ts";
import type { Peer } from "./peer.ts";
import type { PieceBitSlab } from "./piece-bit-slab.ts";

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

  /**
   * Word offset of this end's record in the swarm's PieceBitSlab: the pieces
   * the remote has, as its BITFIELD and HAVEs told us. −1 once closed (the
   * record is recycled; a closed end is kept only for its id).
   */
  private haveOffset: number;
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
    readonly connectedUs: number,
    /** One-way latency to the remote, fixed per pair (cached: every message pays it). */
    readonly latencyUs: number,
    private readonly slab: PieceBitSlab,
  ) {
    this.haveOffset = slab.allocate();
    this.lastRecvUs = connectedUs;
    this.idleSinceUs = connectedUs;
  }

  /** Whether the remote has `piece`, as far as we know (false once closed). */
  remoteHas(piece: number): boolean {
    if (this.haveOffset < 0) return false;
    return ((this.slab.words[this.haveOffset + (piece >>> 5)] >>> (piece & 31)) & 1) === 1;
  }

  /** Records that the remote has `piece` (its BITFIELD or a HAVE said so). */
  noteRemoteHas(piece: number): void {
    this.slab.words[this.haveOffset + (piece >>> 5)] |= 1 << (piece & 31);
  }

  /** The remote's pieces as a picker view (valid until the next connection opens). */
  remotePieces(): PieceBits {
    return { words: this.slab.words, offset: this.haveOffset };
  }

  /** Calls `fn` for every piece the remote has, in increasing order. */
  forEachRemotePiece(fn: (piece: number) => void): void {
    if (this.haveOffset < 0) return;
    const words = this.slab.words;
    const end = this.haveOffset + this.slab.wordsPerRecord;
    for (let w = this.haveOffset; w < end; w++) {
      let bits = words[w];
      const base = (w - this.haveOffset) << 5;
      while (bits !== 0) {
        const low = bits & -bits;
        fn(base + 31 - Math.clz32(low));
        bits ^= low;
      }
    }
  }

  /** Frees the per-piece view (the connection closed). */
  releaseView(): void {
    if (this.haveOffset < 0) return;
    this.slab.release(this.haveOffset);
    this.haveOffset = -1;
  }

  /** Call after either interest flag changes. */
  noteInterest(nowUs: number): void {
    if (this.amInterested || this.peerInterested) this.idleSinceUs = -1;
    else if (this.idleSinceUs < 0) this.idleSinceUs = nowUs;
  }
}
