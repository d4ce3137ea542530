/**
 * Upload slots: choking and unchoking one connection, and filling free slots
 * between rechokes.
 *
 * Rules it owns:
 * - `unchoke_slots` counts every unchoked interested peer, the optimistic ones
 *   included (mainline: slots − 1 regular + 1 optimistic).
 * - Fixed slots: a free slot is filled at once when a peer becomes interested
 *   (libtorrent's preemptive unchoke), so newcomers need not wait for the
 *   next rechoke; a slot freed between rounds goes to the next in line.
 *   Rate-based slots: neither; a freed slot makes the round due at the next
 *   one-second tick (libtorrent's trigger_unchoke; choke-schedule.ts).
 * - An unchoked peer that loses interest gives its slot up.
 * - Choking drops the remote's queued requests (BEP 3); blocks already on the
 *   wire finish. With the Fast Extension it rejects them instead, but for the
 *   allowed-fast ones (fast-extension.ts `chokeFast`).
 * - Rates for the chokers are payload bytes over the last two rechoke periods
 *   (the 20 s rolling window of BEP 3's "download rate"; with rate-based
 *   slots, whose rounds also run on demand, over the two rounds' actual
 *   length); libtorrent's choker reads the bytes of the current round alone.
 */
import type { ChokeCandidate, ChokerStrategy } from "../choker/types.ts";
import type { Connection } from "./connection.ts";
import { chokeFast } from "./fast-extension.ts";
import { Msg } from "./messages.ts";
import type { PeerState } from "./peer-state.ts";

export function chokerFor(peer: PeerState): ChokerStrategy {
  return peer.isSeed ? peer.settings.seedChoker : peer.settings.leecherChoker;
}

/** The choker's view of every open connection; `handle` is the index into `peer.conns`. */
export function candidates(peer: PeerState): ChokeCandidate[] {
  const s = peer.settings;
  const now = peer.now;
  const windowS =
    s.uploadSlots === "rate-based"
      ? Math.max(1, now - peer.prevRoundStartUs) / 1e6
      : (2 * s.rechokeUs) / 1e6;
  const out: ChokeCandidate[] = [];
  for (let i = 0; i < peer.conns.length; i++) {
    const c = peer.conns[i];
    out.push({
      handle: i,
      interested: c.peerInterested,
      downloadRate: (c.recvCur + c.recvPrev) / windowS,
      uploadRate: (c.sentCur + c.sentPrev) / windowS,
      // Snubbed: it unchokes us and we want data, yet nothing came for snub_timeout
      // (counted from the latest of last block, unchoke and our interest).
      snubbed:
        c.amInterested &&
        !c.peerChoking &&
        now - Math.max(c.lastRecvUs, c.remoteUnchokedUsAt, c.amInterestedSinceUs) > s.snubUs,
      lastUnchokedUs: c.lastUnchokedUs,
      unchoked: !c.amChoking,
      sentSinceUnchokeBytes: c.sentSinceUnchoke,
      downloadedLastRoundBytes: c.recvCur,
      uploadedLastRoundBytes: c.sentCur,
      lastOptimisticUs: c.lastOptimisticUs,
      isNew: now - c.connectedUs < s.newPeerUs,
    });
  }
  return out;
}

/** Chokes or unchokes one connection, telling the remote. */
export function setChoked(peer: PeerState, conn: Connection, choked: boolean): void {
  if (conn.amChoking === choked) return;
  if (choked && conn.fast) {
    chokeFast(peer, conn);
    return;
  }
  conn.amChoking = choked;
  if (choked) {
    // Queued requests die with the choke (BEP 3); blocks already on the wire finish.
    conn.theirRequests.length = 0;
  } else {
    conn.lastUnchokedUs = peer.now;
    conn.sentSinceUnchoke = 0;
  }
  peer.out.send(conn, choked ? Msg.Choke : Msg.Unchoke, 0);
}

/** Unchokes interested peers while fewer than `unchoke_slots` are unchoked. */
export function fillFreeSlots(peer: PeerState): void {
  if (!peer.present || peer.freeRider) return;
  const slots = peer.uploadSlots;
  const choker = chokerFor(peer);
  let busy = 0;
  for (const c of peer.conns) if (!c.amChoking && c.peerInterested) busy++;
  if (!choker.unlimited && busy >= slots) return;
  const cands = candidates(peer).filter((c) => peer.conns[c.handle].amChoking);
  const free = choker.unlimited ? cands.length : slots - busy;
  for (const h of choker.choose(cands, {
    slots: free,
    rng: peer.rng.choker,
    quotaBytes: peer.settings.seedQuotaBytes,
    minUnchokeUs: peer.settings.seedMinUnchokeUs,
    nowUs: peer.now,
  })) {
    setChoked(peer, peer.conns[h], false);
  }
}

/** A remote became interested in us while we choke it. */
export function onSlotWanted(peer: PeerState): void {
  if (peer.settings.uploadSlots !== "rate-based") fillFreeSlots(peer);
}

/** An unchoked remote lost interest (and is choked) or its connection closed. */
export function onSlotFreed(peer: PeerState): void {
  if (peer.settings.uploadSlots === "rate-based") peer.rechokeDue = true;
  else fillFreeSlots(peer);
}

/** An unchoked peer lost interest: its slot goes to someone who wants it. */
export function onPeerLostInterest(peer: PeerState, conn: Connection): void {
  if (conn.amChoking) return;
  setChoked(peer, conn, true);
  onSlotFreed(peer);
}
