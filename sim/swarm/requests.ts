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
 */
import type { PieceBits } from "../protocol/picker/piece-bits.ts";
import type { ConnEnd } from "./connection.ts";
import { PartialPiece, type Peer } from "./peer.ts";
import type { Swarm } from "./swarm.ts";

export function nextRequest(swarm: Swarm, end: ConnEnd): number {
  const peer = end.peer;
  const strict = swarm.config.protocol.strict_priority;
  let block = strict ? fromStartedPieces(swarm, end) : -1;
  if (block < 0) block = fromNewPiece(swarm, end);
  if (block < 0 && !strict) block = fromStartedPieces(swarm, end);
  if (block < 0 && peer.unrequestedBlocks === 0 && swarm.config.protocol.endgame) {
    block = endgameBlock(swarm, end);
  }
  return block;
}

function fromStartedPieces(swarm: Swarm, end: ConnEnd): number {
  for (const pp of end.peer.partial.values()) {
    // Pieces with every block asked for are skipped first (cheap, and most are);
    // exclusive ones still go through exclusiveAllows, which may hand them to this remote.
    if (pp.unrequested === 0 && !pp.exclusive) continue;
    if (!end.remoteHas(pp.piece)) continue;
    if (pp.exclusive ? !exclusiveAllows(end, pp) : avoided(end, pp.piece)) continue;
    for (let b = 0; b < pp.blocks; b++) {
      if (pp.state[b] === 0) return markRequested(swarm, end.peer, pp, b);
    }
  }
  return -1;
}

function fromNewPiece(swarm: Swarm, end: ConnEnd): number {
  const peer = end.peer;
  const piece = swarm.picker({
    pieceCount: swarm.geometry.pieceCount,
    availability: peer.availability,
    remoteHas: peer.avoid.size > 0 ? withoutAvoided(swarm, end) : end.remotePieces(),
    startable: peer.startable,
    piecesHeld: peer.haveCount,
    rng: peer.pickerRng,
  });
  if (piece < 0) return -1;
  const pp = new PartialPiece(piece, swarm.geometry.blocksIn(piece), peer.avoid.has(piece));
  if (pp.exclusive) pp.source = end.remote.id;
  peer.partial.set(piece, pp);
  peer.startable[piece] = 0;
  return markRequested(swarm, peer, pp, 0);
}

function endgameBlock(swarm: Swarm, end: ConnEnd): number {
  let best = -1;
  let bestRequests = Number.POSITIVE_INFINITY;
  for (const pp of end.peer.partial.values()) {
    if (!end.remoteHas(pp.piece) || !exclusiveAllows(end, pp)) continue;
    for (let b = 0; b < pp.blocks; b++) {
      if (pp.state[b] !== 1 || pp.requests[b] >= bestRequests) continue;
      const id = swarm.geometry.blockId(pp.piece, b);
      if (end.myRequests.includes(id)) continue;
      best = id;
      bestRequests = pp.requests[b];
    }
  }
  if (best >= 0) {
    const pp = end.peer.partial.get(swarm.geometry.pieceOf(best))!;
    pp.requests[swarm.geometry.blockOf(best)]++;
  }
  return best;
}

function markRequested(swarm: Swarm, peer: Peer, pp: PartialPiece, b: number): number {
  pp.state[b] = 1;
  pp.requests[b] = 1;
  pp.unrequested--;
  peer.unrequestedBlocks--;
  return swarm.geometry.blockId(pp.piece, b);
}

/** One outstanding request for `blockId` is gone (choke, close, cancel): the block may be missing again. */
export function releaseRequest(swarm: Swarm, peer: Peer, blockId: number): void {
  const pp = peer.partial.get(swarm.geometry.pieceOf(blockId));
  if (!pp) return;
  const b = swarm.geometry.blockOf(blockId);
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
function avoided(end: ConnEnd, piece: number): boolean {
  const suspects = end.peer.avoid.get(piece);
  if (suspects === undefined || !suspects.has(end.remote.id)) return false;
  for (const e of end.peer.ends) {
    if (e.remoteHas(piece) && !suspects.has(e.remote.id)) return true;
  }
  return false;
}

/** The remote's pieces minus those we avoid asking it for (see `avoided`). */
function withoutAvoided(swarm: Swarm, end: ConnEnd): PieceBits {
  const view = end.remotePieces();
  let copy: Uint32Array | null = null;
  for (const piece of end.peer.avoid.keys()) {
    if (end.remoteHas(piece) && avoided(end, piece)) {
      copy ??= view.words.slice(view.offset, view.offset + swarm.pieceViews.wordsPerRecord);
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
function exclusiveAllows(end: ConnEnd, pp: PartialPiece): boolean {
  if (!pp.exclusive || pp.source === end.remote.id) return true;
  const current = end.peer.connectedTo.get(pp.source);
  if (current !== undefined && !current.peerChoking) return false;
  if (avoided(end, pp.piece)) return false;
  pp.source = end.remote.id;
  return true;
}
