/**
 * Which block to ask a remote for next: the request policy around the piece
 * picker.
 *
 * 1. Strict priority: blocks of pieces already started come first, so pieces
 *    complete (and can be shared) as soon as possible (BEP 3, libtorrent).
 * 2. Otherwise the piece picker (rarest-first, random, …) chooses a new piece.
 * 3. Endgame (BEP 3): once every missing block has been requested, ask for
 *    blocks already requested elsewhere; the first copy to arrive wins and the
 *    others are cancelled. Duplicates that still arrive are wasted bytes.
 * 4. After a hash failure, the piece is fetched again preferably from peers
 *    that did not send blocks of the bad copy, and from one peer only
 *    (`PartialPiece.exclusive`), so a second failure names its culprit.
 */
import type { PieceBits } from "../picker/piece-bits.ts";
import type { Connection } from "./connection.ts";
import { PartialPiece } from "./partial-piece.ts";
import type { PeerState } from "./peer-state.ts";

/** The next block to request from `conn`'s remote, marked requested; −1 if none. */
export function nextRequest(peer: PeerState, conn: Connection): number {
  const s = peer.settings;
  const strict = s.strictPriority;
  let block = strict ? fromStartedPieces(peer, conn) : -1;
  if (block < 0) block = fromNewPiece(peer, conn);
  if (block < 0 && !strict) block = fromStartedPieces(peer, conn);
  if (block < 0 && peer.unrequestedBlocks === 0 && s.endgame) block = endgameBlock(peer, conn);
  return block;
}

function fromStartedPieces(peer: PeerState, conn: Connection): number {
  for (const pp of peer.partial.values()) {
    // Pieces with every block asked for are skipped first (cheap, and most are);
    // exclusive ones still go through exclusiveAllows, which may hand them to this remote.
    if (pp.unrequested === 0 && !pp.exclusive) continue;
    if (!conn.remoteHas(pp.piece)) continue;
    if (pp.exclusive ? !exclusiveAllows(peer, conn, pp) : avoided(peer, conn, pp.piece)) continue;
    for (let b = 0; b < pp.blocks; b++) {
      if (pp.state[b] === 0) return markRequested(peer, pp, b);
    }
  }
  return -1;
}

function fromNewPiece(peer: PeerState, conn: Connection): number {
  const g = peer.settings.geometry;
  const piece = peer.settings.picker({
    pieceCount: g.pieceCount,
    availability: peer.availability,
    remoteHas: peer.avoid.size > 0 ? withoutAvoided(peer, conn) : conn.remotePieces(),
    startable: peer.startable,
    piecesHeld: peer.haveCount,
    rng: peer.rng.picker,
  });
  if (piece < 0) return -1;
  const pp = new PartialPiece(piece, g.blocksIn(piece), peer.avoid.has(piece));
  if (pp.exclusive) pp.source = conn.remote;
  peer.partial.set(piece, pp);
  peer.startable[piece] = 0;
  return markRequested(peer, pp, 0);
}

function endgameBlock(peer: PeerState, conn: Connection): number {
  const g = peer.settings.geometry;
  let best = -1;
  let bestRequests = Number.POSITIVE_INFINITY;
  for (const pp of peer.partial.values()) {
    if (!conn.remoteHas(pp.piece) || !exclusiveAllows(peer, conn, pp)) continue;
    for (let b = 0; b < pp.blocks; b++) {
      if (pp.state[b] !== 1 || pp.requests[b] >= bestRequests) continue;
      const id = g.blockId(pp.piece, b);
      if (conn.myRequests.includes(id)) continue;
      best = id;
      bestRequests = pp.requests[b];
    }
  }
  if (best >= 0) {
    const pp = peer.partial.get(g.pieceOf(best))!;
    pp.requests[g.blockOf(best)]++;
  }
  return best;
}

function markRequested(peer: PeerState, pp: PartialPiece, b: number): number {
  pp.state[b] = 1;
  pp.requests[b] = 1;
  pp.unrequested--;
  peer.unrequestedBlocks--;
  return peer.settings.geometry.blockId(pp.piece, b);
}

/** One outstanding request for `blockId` is gone (choke, close, cancel): the block may be missing again. */
export function releaseRequest(peer: PeerState, blockId: number): void {
  const g = peer.settings.geometry;
  const pp = peer.partial.get(g.pieceOf(blockId));
  if (!pp) return;
  const b = g.blockOf(blockId);
  if (pp.state[b] !== 1) return;
  if (pp.requests[b] > 0) pp.requests[b]--;
  if (pp.requests[b] === 0) {
    pp.state[b] = 0;
    pp.unrequested++;
    peer.unrequestedBlocks++;
  }
}

/**
 * A piece that failed verification is fetched again preferably from peers
 * that did not send blocks of a bad copy: the remote is avoided for it while
 * another connected peer that is not suspect has the piece.
 */
function avoided(peer: PeerState, conn: Connection, piece: number): boolean {
  const suspects = peer.avoid.get(piece);
  if (suspects === undefined || !suspects.has(conn.remote)) return false;
  for (const c of peer.conns) {
    if (c.remoteHas(piece) && !suspects.has(c.remote)) return true;
  }
  return false;
}

/** The remote's pieces minus those we avoid asking it for (see `avoided`). */
function withoutAvoided(peer: PeerState, conn: Connection): PieceBits {
  const view = conn.remotePieces();
  let copy: Uint32Array | null = null;
  for (const piece of peer.avoid.keys()) {
    if (conn.remoteHas(piece) && avoided(peer, conn, piece)) {
      copy ??= view.words.slice(view.offset, view.offset + peer.slab.wordsPerRecord);
      copy[piece >>> 5] &= ~(1 << (piece & 31));
    }
  }
  return copy === null ? view : { words: copy, offset: 0 };
}

/**
 * An exclusive piece takes blocks only from its source while the source can
 * serve it (connected and not choking us); otherwise this remote, if not a
 * suspect for the piece, becomes the new source.
 */
function exclusiveAllows(peer: PeerState, conn: Connection, pp: PartialPiece): boolean {
  if (!pp.exclusive || pp.source === conn.remote) return true;
  const current = peer.connectedTo.get(pp.source);
  if (current !== undefined && !current.peerChoking) return false;
  if (avoided(peer, conn, pp.piece)) return false;
  pp.source = conn.remote;
  return true;
}
