/**
 * When the choke round (choke-round.ts) runs, and what a freed or wanted
 * upload slot does between rounds.
 *
 * Rules it owns:
 * - Fixed slots (`upload_slots: fixed`): a round every `rechoke_interval`,
 *   the optimistic unchokes rotated every `optimistic_interval` / that many
 *   rounds. A slot is filled at once when a peer becomes interested while
 *   fewer than `unchoke_slots` are unchoked (libtorrent's preemptive unchoke,
 *   peer_connection.cpp `maybe_unchoke_this_peer`, and mainline's rechoke on
 *   interest), and a slot freed between rounds — its holder lost interest or
 *   closed — is given to the next in line at once (slots.ts).
 * - Rate-based slots (`upload_slots: rate-based`) follow libtorrent's
 *   session timers (session_impl.cpp `on_tick`, run once a second): the
 *   round runs when `rechoke_interval` has passed since the last one (the
 *   unchoke time scaler), the optimistic rotation when
 *   `optimistic_interval` has passed since the last rotation (its own
 *   scaler). A slot freed between rounds — an unchoked peer sent
 *   NOT_INTERESTED or its connection closed — makes the round due at the
 *   next one-second tick (`trigger_unchoke`: peer_connection.cpp
 *   `choke_this_peer`, torrent.cpp `remove_peer`), which restarts the
 *   interval and, the slot count being recomputed from the last round's
 *   rates (upload-slots.ts), lets it grow by one. No peer is unchoked
 *   between rounds: libtorrent's `preemptive_unchoke` is off for any choker
 *   but fixed_slots_choker (session_impl.cpp, since 1.2.6, "fix issues when
 *   configured to use a non-default choking algorithm"). slots.ts applies
 *   the between-rounds rules (`onSlotWanted`, `onSlotFreed`). (libtorrent runs the
 *   optimistic rotation as a pass of its own; here it rides on the round that
 *   falls due with it.)
 */
import { rechoke } from "./choke-round.ts";
import type { PeerState } from "./peer-state.ts";

/** Whether the peer runs libtorrent's session schedule (rate-based slots). */
export function scheduledByTicks(peer: PeerState): boolean {
  return peer.settings.uploadSlots === "rate-based";
}

/** The peer's first round is due `offsetUs` from now (its own phase). */
export function startChokeSchedule(peer: PeerState, offsetUs: number): void {
  peer.roundStartUs = peer.now;
  peer.prevRoundStartUs = peer.now;
  peer.nextRechokeUs = peer.now + offsetUs;
  peer.nextOptimisticUs = peer.now + offsetUs;
}

/** The rechoke timer fired (fixed slots). */
export function onRechokeTimer(peer: PeerState): void {
  const round = peer.rechokeRound++;
  rechoke(peer, round % peer.settings.optimisticEvery === 0);
}

/** The one-second tick (rate-based slots): runs the round if it is due. */
export function chokeTick(peer: PeerState): void {
  if (!scheduledByTicks(peer)) return;
  const now = peer.now;
  const optimisticDue = now >= peer.nextOptimisticUs;
  if (!peer.rechokeDue && now < peer.nextRechokeUs && !optimisticDue) return;
  peer.rechokeDue = false;
  peer.nextRechokeUs = now + peer.settings.rechokeUs;
  if (optimisticDue) peer.nextOptimisticUs = now + peer.settings.optimisticUs;
  peer.rechokeRound++;
  rechoke(peer, optimisticDue);
}
