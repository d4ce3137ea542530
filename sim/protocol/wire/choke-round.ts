/**
 * The choke round (BEP 3): every `rechoke_interval` (10 s) a peer asks its
 * choking policy which interested peers get the regular upload slots, and
 * every `optimistic_interval` (30 s) it rotates one optimistic unchoke, new
 * connections three times as likely (mainline). `unchoke_slots` counts the
 * optimistic slot: slots − 1 regular + 1 optimistic.
 *
 * Rules it owns, in round order:
 * 1. Idle connections are closed first (libtorrent's inactivity_timeout: no
 *    interest either way for that long frees the slot for a peer that may have
 *    something to trade).
 * 2. Candidates are ranked on the rates of the last two periods; then the
 *    period counters roll over.
 * 3. Free riders keep no slots.
 * 4. Regular slots from the strategy; the optimistic slot is re-drawn when it
 *    is due, or when its holder lost interest or won a regular slot.
 *    Strategies that unchoke everyone (`unlimited`) have no optimistic slot.
 * 5. Everyone else is choked.
 */
import { pickOptimistic } from "../choker/optimistic.ts";
import { uploadSlots } from "../choker/upload-slots.ts";
import { closeConnection } from "./close.ts";
import type { PeerState } from "./peer-state.ts";
import { candidates, chokerFor, setChoked } from "./slots.ts";

export function rechoke(peer: PeerState): void {
  const s = peer.settings;
  const round = peer.rechokeRound++;
  // Close idle connections before ranking: candidates' handles are indices
  // into peer.conns, and closing one afterwards would shift them.
  closeIdleConnections(peer);
  const cands = candidates(peer);
  peer.uploadSlots = uploadSlots(
    s.uploadSlots,
    s.unchokeSlots,
    cands.map((c) => c.uploadRate),
  );
  for (const c of peer.conns) {
    c.recvPrev = c.recvCur;
    c.recvCur = 0;
    c.sentPrev = c.sentCur;
    c.sentCur = 0;
  }
  if (peer.freeRider) return;
  const choker = chokerFor(peer);
  const regular = new Set(
    choker.choose(cands, {
      slots: Math.max(1, peer.uploadSlots - 1),
      rng: peer.rng.choker,
      quotaBytes: s.seedQuotaBytes,
    }),
  );
  const unchoke = new Set(regular);
  if (!choker.unlimited) {
    let opt = peer.optimistic ? peer.conns.indexOf(peer.optimistic) : -1;
    const stale = opt < 0 || !peer.conns[opt].peerInterested || regular.has(opt);
    if (stale || round % s.optimisticEvery === 0) {
      opt = pickOptimistic(cands, regular, peer.rng.choker);
    }
    peer.optimistic = opt >= 0 ? peer.conns[opt] : null;
    if (opt >= 0) unchoke.add(opt);
  }
  for (let i = 0; i < peer.conns.length; i++) setChoked(peer, peer.conns[i], !unchoke.has(i));
  if (peer.out.rechoked !== undefined) {
    const ids = [...regular].map((h) => peer.conns[h].remote);
    peer.out.rechoked(peer.id, ids, peer.optimistic?.remote ?? -1);
  }
}

function closeIdleConnections(peer: PeerState): void {
  const now = peer.now;
  const limit = peer.settings.inactivityUs;
  for (const c of peer.conns.slice()) {
    if (c.idleSinceUs >= 0 && now - c.idleSinceUs >= limit) closeConnection(peer, c, true, true);
  }
}
