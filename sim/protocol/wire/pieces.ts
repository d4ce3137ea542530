/**
 * Receiving blocks, completing pieces and acting on their verification.
 *
 * Rules it owns:
 * - A block is bookkept against the piece it belongs to; one already held or
 *   already received from someone else (endgame, or a request released by a
 *   choke) is a wasted duplicate.
 * - Endgame (BEP 3): the first copy of a block wins and the same request is
 *   CANCELled on every other connection.
 * - A piece whose blocks are all here is verified against its hash (the
 *   PieceVerifier): a good piece is announced with HAVE to every neighbour not
 *   known to have it (libtorrent suppresses redundant HAVEs) and makes us lose
 *   interest where it was the last piece a remote had for us; a bad one is
 *   discarded and downloaded again, and its senders are held to account
 *   (smart-ban.ts).
 */
import type { Connection } from "./connection.ts";
import { pieceHeld } from "./fast-extension.ts";
import { refillAll, requestMore, updateInterest } from "./interest.ts";
import { Msg } from "./messages.ts";
import type { PartialPiece } from "./partial-piece.ts";
import type { PeerState } from "./peer-state.ts";
import { noteBlockReceived } from "./request-queue.ts";
import { onPieceFailed, onPiecePassed } from "./smart-ban.ts";

export function receiveBlock(
  peer: PeerState,
  conn: Connection,
  blockId: number,
  bytes: number,
  tag: number,
): void {
  if (!conn.open || !peer.present) {
    peer.out.blockLost(bytes);
    return;
  }
  const g = peer.settings.geometry;
  const i = conn.myRequests.indexOf(blockId);
  if (i >= 0) conn.myRequests.splice(i, 1);
  peer.out.blockReceived(conn, bytes);
  // Bytes counted early by onProgress are not counted twice.
  const early = Math.min(conn.recvCredit, bytes);
  conn.recvCredit -= early;
  conn.recvCur += bytes - early;
  noteBlockReceived(peer, conn, bytes - early);
  conn.lastRecvUs = peer.now;

  const piece = g.pieceOf(blockId);
  const b = g.blockOf(blockId);
  const pp = peer.partial.get(piece);
  if (pp === undefined || pp.state[b] === 2) {
    peer.out.duplicateBlock(bytes);
  } else {
    if (pp.state[b] === 0) {
      peer.unrequestedBlocks--;
      pp.unrequested--;
    }
    if (i >= 0 && pp.requests[b] > 0) pp.requests[b]--;
    pp.state[b] = 2;
    pp.tags[b] = tag;
    pp.senders[b] = conn.remote;
    pp.received++;
    if (pp.requests[b] > 0) cancelDuplicates(peer, blockId, pp, b);
    if (pp.received === pp.blocks) finishPiece(peer, pp);
  }
  if (peer.present) requestMore(peer, conn);
}

/** Endgame: the block is here, so withdraw the same request from every other peer (BEP 3 CANCEL). */
function cancelDuplicates(peer: PeerState, blockId: number, pp: PartialPiece, b: number): void {
  for (const c of peer.conns) {
    const j = c.myRequests.indexOf(blockId);
    if (j < 0) continue;
    c.myRequests.splice(j, 1);
    peer.out.send(c, Msg.Cancel, blockId);
  }
  // Reserved but never asked for: drop silently (nothing to cancel).
  for (const c of peer.conns) {
    const j = c.unsent.indexOf(blockId);
    if (j >= 0) c.unsent.splice(j, 1);
  }
  pp.requests[b] = 0;
}

function finishPiece(peer: PeerState, pp: PartialPiece): void {
  const piece = pp.piece;
  peer.partial.delete(piece);
  if (peer.settings.verifier.verify(piece, pp.tags)) {
    if (pp.tags.some((t) => t !== 0)) peer.acceptedDamaged.set(piece, pp.tags.slice());
    acceptPiece(peer, piece);
    onPiecePassed(peer, piece, pp);
  } else {
    rejectPiece(peer, pp);
  }
}

function acceptPiece(peer: PeerState, piece: number): void {
  peer.have[piece] = 1;
  peer.haveCount++;
  peer.out.pieceAccepted(peer.id, piece);
  if (peer.settings.allowedFast !== null) pieceHeld(peer, piece);
  for (const c of peer.conns) {
    if (c.remoteHas(piece)) {
      // We no longer need this piece from them; and they need no HAVE.
      c.useful--;
      if (c.redundantHave) peer.out.send(c, Msg.Have, piece);
      if (c.useful === 0) updateInterest(peer, c);
    } else {
      peer.out.send(c, Msg.Have, piece);
    }
  }
  if (peer.haveCount === peer.settings.geometry.pieceCount) {
    peer.isSeed = true;
    peer.out.completed(peer.id);
  }
}

function rejectPiece(peer: PeerState, pp: PartialPiece): void {
  const piece = pp.piece;
  peer.out.pieceRejected(peer.id, piece);
  // The piece is discarded and becomes missing again.
  peer.startable[piece] = 1;
  peer.unrequestedBlocks += pp.blocks;
  onPieceFailed(peer, pp);
  refillAll(peer);
}
