/**
 * The choke round (BEP 3): every `rechoke_interval` (mainline 10 s,
 * libtorrent 15 s; when it runs is choke-schedule.ts's) a peer asks its
 * choking policy which interested peers get the regular upload slots, and
 * when the optimistic rotation is due (every `optimistic_interval`, 30 s) it
 * rotates its optimistic unchokes (`optimistic_choice`: at random with new
 * connections three times as likely, mainline; or the longest-waiting,
 * libtorrent). The slots count the optimistic ones: slots −
 * `optimistic_slots` regular + the optimistic ones (libtorrent
 * session_impl.cpp recalculate_unchoke_slots; `auto` = max(1, slots / 5) of
 * the round's slot count). Fixed slots keep at least one regular slot;
 * rate-based slots, as libtorrent, none when the count is down to one.
 *
 * Rules it owns, in round order:
 * 1. Idle connections are closed first (libtorrent's inactivity_timeout: no
 *    interest either way for that long frees the slot for a peer that may have
 *    something to trade).
 * 2. The slot count is set (upload-slots.ts; rate-based: from the bytes each
 *    interested peer was sent this round, over the round's length).
 *    Candidates are ranked on the rates of the last two periods; then the
 *    period counters roll over.
 * 3. Free riders keep no slots.
 * 4. Regular slots from the strategy; the optimistic slots are chosen again
 *    when due; between times, one whose holder lost interest or won a regular
 *    slot is refilled.
 *    Strategies that unchoke everyone (`unlimited`) have no optimistic slot.
 * 5. Everyone else is choked.
 */
import { pickOptimistic } from "../choker/optimistic.ts";
import { autoOptimisticSlots, uploadSlots } from "../choker/upload-slots.ts";
import { closeConnection } from "./close.ts";
import type { PeerState } from "./peer-state.ts";
import { candidates, chokerFor, setChoked } from "./slots.ts";

export function rechoke(peer: PeerState, optimisticDue: boolean): void {
  const s = peer.settings;
  // Close idle connections before ranking: candidates' handles are indices
  // into peer.conns, and closing one afterwards would shift them.
  closeIdleConnections(peer);
  const cands = candidates(peer);
  peer.uploadSlots = uploadSlots(s.uploadSlots, s.unchokeSlots, lastRoundRates(peer));
  peer.prevRoundStartUs = peer.roundStartUs;
  peer.roundStartUs = peer.now;
  for (const c of peer.conns) {
    c.recvPrev = c.recvCur;
    c.recvCur = 0;
    c.sentPrev = c.sentCur;
    c.sentCur = 0;
  }
  if (peer.freeRider) return;
  const choker = chokerFor(peer);
  const optimisticSlots = choker.unlimited
    ? 0
    : s.optimisticSlots === "auto"
      ? autoOptimisticSlots(peer.uploadSlots)
      : s.optimisticSlots;
  const minRegular = s.uploadSlots === "rate-based" ? 0 : 1;
  const regular = new Set(
    choker.choose(cands, {
      slots: Math.max(minRegular, peer.uploadSlots - optimisticSlots),
      rng: peer.rng.choker,
      quotaBytes: s.seedQuotaBytes,
      minUnchokeUs: s.seedMinUnchokeUs,
      nowUs: peer.now,
    }),
  );
  const unchoke = new Set(regular);
  if (optimisticSlots > 0) {
    const due = optimisticDue;
    const kept = new Set<number>();
    if (!due) {
      for (const c of peer.optimistic) {
        const h = peer.conns.indexOf(c);
        if (h >= 0 && c.peerInterested && !regular.has(h)) kept.add(h);
      }
    }
    const previous = peer.optimistic;
    peer.optimistic = [];
    const exclude = new Set([...regular, ...kept]);
    for (const h of kept) peer.optimistic.push(peer.conns[h]);
    while (peer.optimistic.length < optimisticSlots) {
      const h = pickOptimistic(cands, exclude, peer.rng.choker, s.optimisticChoice);
      if (h < 0) break;
      exclude.add(h);
      const c = peer.conns[h];
      // A holder chosen again keeps its time (libtorrent: "another round").
      if (!previous.includes(c)) c.lastOptimisticUs = peer.now;
      peer.optimistic.push(c);
    }
    for (const c of peer.optimistic) unchoke.add(peer.conns.indexOf(c));
  }
  for (let i = 0; i < peer.conns.length; i++) setChoked(peer, peer.conns[i], !unchoke.has(i));
  if (peer.out.rechoked !== undefined) {
    const ids = [...regular].map((h) => peer.conns[h].remote);
    peer.out.rechoked(peer.id, ids, peer.optimistic[0]?.remote ?? -1);
  }
}

/**
 * Rate-based slots: bytes/s each interested peer was sent over the round now
 * ending (libtorrent: uploaded_in_last_round × 1000 / the milliseconds since
 * the last round, over the peers eligible for unchoking).
 */
function lastRoundRates(peer: PeerState): number[] {
  if (peer.settings.uploadSlots !== "rate-based") return [];
  const roundS = Math.max(1, peer.now - peer.roundStartUs) / 1e6;
  const rates: number[] = [];
  for (const c of peer.conns) if (c.peerInterested) rates.push(c.sentCur / roundS);
  return rates;
}

function closeIdleConnections(peer: PeerState): void {
  const now = peer.now;
  const limit = peer.settings.inactivityUs;
  for (const c of peer.conns.slice()) {
    if (c.idleSinceUs >= 0 && now - c.idleSinceUs >= limit) closeConnection(peer, c, true, true);
  }
}
