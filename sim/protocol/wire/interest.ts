/**
 * Interest and requests (BEP 3).
 *
 * Rules it owns:
 * - We are interested in a remote iff it has a piece we lack (as its
 *   BITFIELD and HAVEs told us) and we are not a seed; INTERESTED /
 *   NOT_INTERESTED is sent only when that changes.
 * - While the remote unchokes us and we are interested, we keep the request
 *   queue full (request-queue.ts: mainline's fixed backlog of 5, or
 *   libtorrent's rate-adaptive queue), sending blocks already reserved for
 *   the remote (a whole-piece pick) before picking new ones.
 * - A HAVE for a piece we lack either makes us interested or, if we already
 *   are and are unchoked, lets us request more.
 * - Choked by a remote that allowed us pieces (BEP 6, fast-extension.ts), we
 *   keep requesting those (requests.ts picks among them only).
 */
import type { Connection } from "./connection.ts";
import { ConnPhase } from "./connection.ts";
import { Msg } from "./messages.ts";
import type { PeerState } from "./peer-state.ts";
import { queueDepth } from "./request-queue.ts";
import { nextRequest, stillWanted } from "./requests.ts";

/** Copies the remote's pieces into the connection's view (a BITFIELD; union with HAVEs seen). */
export function learnBitfield(peer: PeerState, conn: Connection, remoteHave: ArrayLike<number>) {
  conn.phase = ConnPhase.Ready;
  for (let p = 0; p < remoteHave.length; p++) {
    if (remoteHave[p] === 1 && !conn.remoteHas(p)) {
      conn.noteRemoteHas(p);
      peer.availability[p]++;
      if (peer.have[p] === 0) conn.useful++;
    }
  }
  updateInterest(peer, conn);
}

export function onHave(peer: PeerState, conn: Connection, piece: number): void {
  if (conn.remoteHas(piece)) return;
  conn.noteRemoteHas(piece);
  peer.availability[piece]++;
  if (peer.have[piece] === 0) {
    conn.useful++;
    if (conn.useful === 1) updateInterest(peer, conn);
    else requestMore(peer, conn);
  }
}

/** Sends INTERESTED / NOT_INTERESTED when our interest in the remote changes. */
export function updateInterest(peer: PeerState, conn: Connection): void {
  if (!conn.ready) return;
  const want = conn.useful > 0 && !peer.isSeed;
  if (want === conn.amInterested) return;
  const now = peer.now;
  conn.amInterested = want;
  if (want) conn.amInterestedSinceUs = now;
  peer.out.interestChanged(peer.id, want);
  conn.noteInterest(now);
  peer.out.send(conn, want ? Msg.Interested : Msg.NotInterested, 0);
  if (want) requestMore(peer, conn);
}

/**
 * Fills the request pipeline to the remote, if we want something and it
 * unchokes us (or, choking us, allowed us pieces: BEP 6).
 */
export function requestMore(peer: PeerState, conn: Connection): void {
  if (!conn.amInterested || !conn.open) return;
  if (conn.peerChoking && conn.allowedFast.length === 0) return;
  const depth = queueDepth(peer, conn);
  while (conn.myRequests.length < depth) {
    let block = -1;
    while (!conn.peerChoking && conn.unsent.length > 0 && block < 0) {
      const b = conn.unsent.shift()!;
      if (stillWanted(peer, b)) block = b;
    }
    if (block < 0) block = nextRequest(peer, conn);
    if (block < 0) return;
    conn.myRequests.push(block);
    peer.out.send(conn, Msg.Request, block);
  }
}

/** Offers every unchoked connection the chance to request (after requests were released). */
export function refillAll(peer: PeerState): void {
  for (const c of peer.conns) if (c.amInterested && !c.peerChoking) requestMore(peer, c);
}
