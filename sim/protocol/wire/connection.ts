/**
 * One side of a peer-wire connection (BEP 3): the whole state a peer keeps
 * about one remote, as one record.
 *
 * Rules it owns:
 * - Phase: a connection is `AwaitingBitfield` until the remote's BITFIELD
 *   has arrived (the dialler's rides on the handshake, so the acceptor starts
 *   `Ready`), then `Ready`, then `Closed` for good.
 * - The four BEP 3 flags: `amChoking`/`peerChoking` start true,
 *   `amInterested`/`peerInterested` false.
 * - What we know of the remote's pieces is only what its BITFIELD and HAVEs
 *   said (`remoteHas`); `useful` counts those pieces we lack, and we are
 *   interested iff it is > 0.
 * - Our outstanding requests to the remote (`myRequests`, at most the
 *   request queue's depth, request-queue.ts), blocks reserved for it but not
 *   yet requested (`unsent`), and its queued requests to us
 *   (`theirRequests`, dropped when we choke it, BEP 3; with the Fast
 *   Extension, rejected but for the allowed-fast ones: fast-extension.ts).
 * - BEP 6 (`fast`): the pieces the remote allowed us while it chokes us
 *   (`allowedFast`), and those we allowed it (`acceptFast`, sent once).
 *
 * Ends come in pairs with ids 2k and 2k+1: the opposite end of `id` is `id ^ 1`.
 */
import type { PieceBits } from "../picker/piece-bits.ts";
import type { PieceBitSlab } from "./piece-bit-slab.ts";

export const ConnPhase = {
  AwaitingBitfield: 0,
  Ready: 1,
  Closed: 2,
} as const;
export type ConnPhase = (typeof ConnPhase)[keyof typeof ConnPhase];

export class Connection {
  phase: ConnPhase = ConnPhase.AwaitingBitfield;
  amChoking = true;
  amInterested = false;
  peerChoking = true;
  peerInterested = false;

  /**
   * Word offset of this end's record in the shared PieceBitSlab: the pieces
   * the remote has. −1 once closed (the record is recycled).
   */
  private haveOffset: number;
  /** Pieces the remote has that we lack: we are interested iff > 0. */
  useful = 0;
  /**
   * Tell the remote of every piece we complete, even one it is known to have
   * (libtorrent's send_redundant_have, on by default). Set only toward a
   * libtorrent super-seed, the one remote that acts on such a HAVE
   * (super-seed.ts); elsewhere the model leaves them out.
   */
  redundantHave = false;

  /** BEP 6, the Fast Extension, is on for this connection (both ends support it). */
  fast = false;
  /** Pieces the remote allowed us to request while it chokes us (its ALLOWED_FAST messages). */
  readonly allowedFast: number[] = [];
  /** Pieces we allowed the remote (sent at its first INTERESTED); null until then. */
  acceptFast: number[] | null = null;

  /** Block ids we asked the remote for and have not received. */
  readonly myRequests: number[] = [];
  /**
   * Blocks reserved for this remote but not asked for yet: a whole-piece pick
   * takes every block of its pieces at once, and they are sent as the request
   * queue allows (libtorrent's request queue beside its download queue).
   */
  readonly unsent: number[] = [];

  /** Requests the queue may hold (request-queue.ts); starts at `pipeline_depth`. */
  desiredQueue = 0;
  /** libtorrent's slow start: the queue grows by one per block until the rate levels off. */
  slowStart = true;
  /** Payload bytes received in the current and the previous second, and their 5-second average (bytes/s). */
  recvThisSecond = 0;
  recvLastSecond = 0;
  downloadRate = 0;
  /** Block ids the remote asked us for, in arrival order (served by the uplink). */
  theirRequests: number[] = [];

  /** Payload bytes received from / sent to the remote in the current and previous rechoke periods. */
  recvCur = 0;
  recvPrev = 0;
  sentCur = 0;
  sentPrev = 0;
  /** Payload bytes sent since we last unchoked the remote (round robin's quota). */
  sentSinceUnchoke = 0;
  /**
   * Payload bytes already counted toward the rates above while their blocks
   * were still on the way (`PeerWire.onProgress`); the blocks, when they
   * complete, count only the rest.
   */
  recvCredit = 0;
  sentCredit = 0;

  lastRecvUs: number;
  /** Since when neither side has been interested; −1 while either is. */
  idleSinceUs: number;
  remoteUnchokedUsAt = -1;
  /** When we last became interested in the remote. */
  amInterestedSinceUs = -1;
  lastUnchokedUs = -1;
  /** When we last made the remote an optimistic unchoke (libtorrent's longest-waiting choice). */
  lastOptimisticUs = -1;

  constructor(
    readonly id: number,
    /** Our peer's id. */
    readonly peer: number,
    readonly remote: number,
    readonly connectedUs: number,
    private readonly slab: PieceBitSlab,
  ) {
    this.haveOffset = slab.allocate();
    this.lastRecvUs = connectedUs;
    this.idleSinceUs = connectedUs;
  }

  get open(): boolean {
    return this.phase !== ConnPhase.Closed;
  }

  /** The remote's bitfield has arrived (and the connection is open). */
  get ready(): boolean {
    return this.phase === ConnPhase.Ready;
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
