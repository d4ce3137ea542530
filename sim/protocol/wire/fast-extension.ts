/**
 * BEP 6, the Fast Extension, as libtorrent 2.0.8 runs it by default
 * (`protocol.allowed_fast_set_size` > 0; every peer of a swarm runs the same
 * protocol, so both ends of a connection support it or neither does —
 * mainline 3.x has no BEP 6).
 *
 * Rules it owns:
 * - HAVE_ALL / HAVE_NONE instead of a BITFIELD from a seed / a peer with no
 *   piece (and HAVE_NONE from a super-seed): bt_peer_connection.cpp
 *   `write_bitfield`.
 * - The allowed-fast set goes out once per connection, when the remote first
 *   says INTERESTED ("we defer sending the allowed set until the peer says
 *   it's interested in us": bt_peer_connection.cpp `on_interested`), from
 *   libtorrent's generation over the remote's address (../fast/, and
 *   peer_connection.cpp `send_allowed_set`: pieces the remote has are left
 *   out; none while super-seeding). Seeds send it too. The model's free
 *   riders, which never upload, send none.
 * - The sender serves requests for pieces it allowed even while it chokes
 *   the remote; any other request while choking is answered REJECT_REQUEST
 *   (peer_connection.cpp `incoming_request`). Choking rejects every queued
 *   request but the allowed-fast ones (`send_choke`); blocks on the wire
 *   finish.
 * - The receiver, choked, keeps its outstanding requests: with the Fast
 *   Extension a CHOKE cancels nothing (bt_peer_connection.cpp `on_choke`
 *   rejects implicitly only without it); only the requests not yet sent are
 *   dropped (`clear_request_queue`). A REJECT_REQUEST frees its block to be
 *   asked for again, here or elsewhere, and while choked removes its piece
 *   from the allowed set (`incoming_reject_request`).
 * - While choked, the receiver may request pieces of the remote's allowed
 *   set that the remote has and it lacks (request_blocks.cpp: the picker's
 *   mask is the allowed set; requests.ts). ALLOWED_FAST for a piece it holds
 *   is ignored, and a piece leaves the set once held
 *   (`incoming_allowed_fast`, `we_have`).
 */
import type { Connection } from "./connection.ts";
import { refillAll, requestMore } from "./interest.ts";
import { messageBytes } from "./message-bytes.ts";
import { Msg } from "./messages.ts";
import type { PeerState } from "./peer-state.ts";
import { releaseRequest } from "./requests.ts";

/** The message a peer sends in place of its BITFIELD: BEP 6's HAVE_ALL / HAVE_NONE where they say it. */
export function bitfieldMessage(peer: PeerState): Msg {
  if (peer.settings.allowedFast === null) return Msg.Bitfield;
  if (peer.superSeed !== null || peer.haveCount === 0) return Msg.HaveNone;
  if (peer.haveCount === peer.settings.geometry.pieceCount) return Msg.HaveAll;
  return Msg.Bitfield;
}

/** Bytes of that message (the dialler's rides on its handshake). */
export function bitfieldMessageBytes(peer: PeerState): number {
  return messageBytes(bitfieldMessage(peer), peer.settings.geometry.pieceCount);
}

/** The remote said INTERESTED: on the first time, send it its allowed-fast set. */
export function maybeSendAllowedSet(peer: PeerState, conn: Connection): void {
  const sets = peer.settings.allowedFast;
  if (sets === null || conn.acceptFast !== null) return;
  conn.acceptFast = [];
  if (peer.superSeed !== null || peer.freeRider) return;
  const pieces = sets.forRemote(conn.remote, (p) => conn.remoteHas(p));
  for (const piece of pieces) {
    conn.acceptFast.push(piece);
    peer.out.send(conn, Msg.AllowedFast, piece);
  }
}

/** Whether we serve `block` to the remote while we choke it (its piece is in the set we allowed). */
export function servesChoked(peer: PeerState, conn: Connection, block: number): boolean {
  return conn.acceptFast?.includes(peer.settings.geometry.pieceOf(block)) === true;
}

/**
 * Chokes `conn` with the Fast Extension: CHOKE, then REJECT_REQUEST for every
 * queued request but the allowed-fast ones, which are still served
 * (peer_connection.cpp `send_choke`).
 */
export function chokeFast(peer: PeerState, conn: Connection): void {
  // The transport hands back the requests it took but has not begun sending.
  peer.out.takeBackQueued?.(conn);
  conn.amChoking = true;
  peer.out.send(conn, Msg.Choke, 0);
  const queued = conn.theirRequests.splice(0);
  for (const block of queued) {
    if (servesChoked(peer, conn, block)) conn.theirRequests.push(block);
    else peer.out.send(conn, Msg.Reject, block);
  }
  if (conn.theirRequests.length > 0) peer.out.uploadReady(conn);
}

/** A REQUEST we do not take while choking is rejected (the Fast Extension; else dropped, BEP 3). */
export function refuseRequest(peer: PeerState, conn: Connection, block: number): void {
  if (conn.fast && conn.amChoking && !servesChoked(peer, conn, block)) {
    peer.out.send(conn, Msg.Reject, block);
  }
}

/** ALLOWED_FAST for `piece` arrived: we may request it while choked, unless we hold it. */
export function onAllowedFast(peer: PeerState, conn: Connection, piece: number): void {
  if (peer.have[piece] === 1 || conn.allowedFast.includes(piece)) return;
  conn.allowedFast.push(piece);
  if (conn.peerChoking) requestMore(peer, conn);
}

/** The remote choked us (Fast Extension): drop the requests not sent, keep those sent, ask for allowed pieces. */
export function onChokedFast(peer: PeerState, conn: Connection): void {
  for (const b of conn.unsent) releaseRequest(peer, b);
  conn.unsent.length = 0;
  refillAll(peer);
  requestMore(peer, conn);
}

/** REJECT_REQUEST for `block`: it is free to be asked for again. */
export function onReject(peer: PeerState, conn: Connection, block: number): void {
  const i = conn.myRequests.indexOf(block);
  if (conn.peerChoking) dropAllowed(conn, peer.settings.geometry.pieceOf(block));
  if (i < 0) return;
  conn.myRequests.splice(i, 1);
  releaseRequest(peer, block);
  requestMore(peer, conn);
  refillAll(peer);
}

/** We hold `piece` now: it leaves every connection's allowed set. */
export function pieceHeld(peer: PeerState, piece: number): void {
  for (const c of peer.conns) if (c.allowedFast.length > 0) dropAllowed(c, piece);
}

function dropAllowed(conn: Connection, piece: number): void {
  const j = conn.allowedFast.indexOf(piece);
  if (j >= 0) conn.allowedFast.splice(j, 1);
}
