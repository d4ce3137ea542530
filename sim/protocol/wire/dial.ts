/**
 * Dialling known peers.
 *
 * Rules it owns:
 * - A peer dials known peers round robin, from where the last round stopped,
 *   while it has fewer than max_connections / 2 connections (mainline's
 *   max_initiate 40 of 80 leaves room for incoming ones). It dials on tracker
 *   replies, PEX and DHT results, and whenever a connection closes.
 * - Peers that recently refused us, or that we closed as useless, are skipped
 *   (libtorrent's reconnect back-off), so a neighbourhood with nothing to
 *   trade does not simply reconnect to itself. Banned peers are never dialled.
 * - A refused dial backs off 60 s; a dial that finds the peer gone forgets it.
 */
import { US_PER_SECOND } from "../time.ts";
import type { PeerState } from "./peer-state.ts";

/** A peer that refused our connection (full) is not dialled again for this long (libtorrent's min_reconnect_time). */
const RECONNECT_BACKOFF_US = 60 * US_PER_SECOND;

export function dialKnown(peer: PeerState): void {
  if (!peer.present) return;
  const maxInitiate = Math.ceil(peer.settings.maxConnections / 2);
  const list = peer.peers;
  const known = list.known;
  const now = peer.now;
  for (let tried = 0; tried < known.length; tried++) {
    if (peer.connectionCount >= maxInitiate) return;
    if (list.cursor >= known.length) list.cursor = 0;
    const other = known[list.cursor++];
    if (peer.connectedTo.has(other) || peer.pendingTo.has(other) || peer.banned.has(other))
      continue;
    if (!list.mayDial(other, now)) continue;
    peer.pendingTo.add(other);
    peer.out.dial(peer.id, other);
  }
}

/** Our dial was refused (`gone`: the remote has left, so forget it). */
export function onDialRefused(peer: PeerState, remote: number, gone: boolean): void {
  peer.pendingTo.delete(remote);
  if (gone) peer.peers.forget(remote);
  else peer.peers.backOff(remote, peer.now + RECONNECT_BACKOFF_US);
}
