/**
 * Closing a connection.
 *
 * Rules it owns:
 * - Closing drops everything in flight on the connection (Outbox.closing),
 *   the remote's pieces from our availability counts, our outstanding
 *   requests (their blocks become missing again) and the remote's queued ones.
 * - With `notify`, the remote closes its side a latency later (a departure, a
 *   ban, an idle close); `idle` marks a close as useless, and both sides then
 *   back off `inactivity_timeout` before dialling each other again.
 * - A remote that has left is forgotten.
 * - A peer still present then refills what the connection held: dials
 *   another known peer, re-announces early if short of peers, re-requests the
 *   released blocks elsewhere and gives the freed upload slot away.
 */
import type { Connection } from "./connection.ts";
import { ConnPhase } from "./connection.ts";
import { dialKnown } from "./dial.ts";
import { refillAll } from "./interest.ts";
import type { PeerState } from "./peer-state.ts";
import { releaseAll } from "./requests.ts";
import { onSlotFreed } from "./slots.ts";

export function closeConnection(
  peer: PeerState,
  conn: Connection,
  notify: boolean,
  idle = false,
): void {
  conn.phase = ConnPhase.Closed;
  peer.out.closing(conn);
  const i = peer.conns.indexOf(conn);
  if (i >= 0) peer.conns.splice(i, 1);
  peer.connectedTo.delete(conn.remote);
  const o = peer.optimistic.indexOf(conn);
  if (o >= 0) peer.optimistic.splice(o, 1);
  peer.superSeed?.forget(conn.id);
  const availability = peer.availability;
  conn.forEachRemotePiece((p) => availability[p]--);
  conn.releaseView();
  releaseAll(peer, conn);
  conn.theirRequests.length = 0;
  if (idle) peer.peers.backOff(conn.remote, peer.now + peer.settings.inactivityUs);
  if (notify) peer.out.sendClose(conn, idle);
  if (peer.out.hostGone(conn.remote)) peer.peers.forget(conn.remote);
  if (peer.present) {
    dialKnown(peer);
    peer.tracker.announceEarlyIfShort(peer.connectionCount);
    refillAll(peer);
    if (!conn.amChoking) onSlotFreed(peer);
  }
  peer.out.closed(conn);
}

/** The remote closed its side (`idle`: as useless, so back off before redialling). */
export function onRemoteClosed(peer: PeerState, conn: Connection, idle: boolean): void {
  if (!conn.open) return;
  if (idle) peer.peers.backOff(conn.remote, peer.now + peer.settings.inactivityUs);
  closeConnection(peer, conn, false);
}
