/**
 * Preemptive unchoke (`protocol.preemptive_unchoke`; libtorrent 2.0.8
 * src/bt_peer_connection.cpp `on_receive_handshake` → peer_connection.cpp
 * `maybe_unchoke_this_peer`, src/session_impl.cpp `preemptive_unchoke`).
 *
 * Rules it owns:
 * - When a connection's handshake completes (the acceptor has read the
 *   dialler's handshake; the dialler has read the acceptor's, which the model
 *   delivers with its BITFIELD), a peer that holds at least one piece and has
 *   fewer peers unchoked than upload slots unchokes the remote at once, with
 *   its bitfield, before the remote has said it is interested: "to save a
 *   round-trip in case it's interested". libtorrent counts every unchoked
 *   peer here (`num_peers_up_unchoked`), interested or not.
 * - Only with fixed upload slots (libtorrent: `fixed_slots_choker`); never
 *   for a free rider, and not for a super-seed (BEP 16 governs what it offers).
 * - A remote unchoked this way that never becomes interested is choked at the
 *   next rechoke, which unchokes interested peers only (choke-round.ts).
 */
import type { Connection } from "./connection.ts";
import type { PeerState } from "./peer-state.ts";
import { setChoked } from "./slots.ts";

export function preemptiveUnchoke(peer: PeerState, conn: Connection): void {
  const s = peer.settings;
  if (!s.preemptiveUnchoke || s.uploadSlots !== "fixed") return;
  if (!peer.present || peer.freeRider || peer.superSeed !== null || peer.haveCount === 0) return;
  if (!conn.amChoking || !conn.open) return;
  let unchoked = 0;
  for (const c of peer.conns) if (!c.amChoking) unchoked++;
  if (unchoked >= peer.uploadSlots) return;
  setChoked(peer, conn, false);
}
