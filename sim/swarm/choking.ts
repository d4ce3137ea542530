/**
 * Choking timers and their effects. Every `rechoke_interval` (10 s, BEP 3) a
 * peer asks its choking policy which interested peers get the regular upload
 * slots, and every `optimistic_interval` (30 s) it rotates one optimistic
 * unchoke. As in the mainline client, `unchoke_slots` counts the optimistic
 * slot: slots − 1 regular + 1 optimistic. Between rechokes a free slot is
 * filled at once when a peer becomes interested (libtorrent does the same), so
 * newcomers need not wait for the next round.
 *
 * Rates for the policy are payload bytes over the last two rechoke periods
 * (the 20 s rolling window of BEP 3's "download rate").
 */

import {
  type ChokeCandidate,
  type Choker,
  LEECHER_CHOKERS,
  pickOptimistic,
  SEED_CHOKERS,
} from "../protocol/choker/index.ts";
import { uploadSlots } from "../protocol/choker/upload-slots.ts";
import type { ConnEnd } from "./connection.ts";
import type { Peer } from "./peer.ts";
import type { Swarm } from "./swarm.ts";
import { closeEnd, Msg, send } from "./wire.ts";

export function registerChokingHandlers(swarm: Swarm): void {
  swarm.ev.rechoke = swarm.sim.register((id) => rechoke(swarm, swarm.peers[id]));
}

/** Peers rechoke on their own phase (a random offset), not in lockstep. */
export function scheduleFirstRechoke(swarm: Swarm, peer: Peer): void {
  const offset = Math.floor(peer.chokerRng.next() * swarm.timing.rechokeUs);
  swarm.sim.schedule(offset, swarm.ev.rechoke, peer.id);
}

function chokerFor(swarm: Swarm, peer: Peer): Choker {
  const p = swarm.config.protocol;
  return peer.isSeed ? SEED_CHOKERS[p.seed_choker] : LEECHER_CHOKERS[p.choker];
}

function regularSlots(peer: Peer): number {
  return Math.max(1, peer.uploadSlots - 1);
}

/** protocol.upload_slots: `rate-based` sizes the slots from last round's upload rates (upload-slots.ts). */
function updateUploadSlots(swarm: Swarm, peer: Peer, cands: readonly ChokeCandidate[]): void {
  const p = swarm.config.protocol;
  if (p.upload_slots === "fixed") return;
  peer.uploadSlots = uploadSlots(
    p.upload_slots,
    p.unchoke_slots,
    cands.map((c) => c.uploadRate),
  );
}

function candidates(swarm: Swarm, peer: Peer): ChokeCandidate[] {
  const now = swarm.sim.now;
  const windowS = (2 * swarm.timing.rechokeUs) / 1e6;
  const out: ChokeCandidate[] = [];
  for (let i = 0; i < peer.ends.length; i++) {
    const e = peer.ends[i];
    out.push({
      handle: i,
      interested: e.peerInterested,
      downloadRate: (e.recvCur + e.recvPrev) / windowS,
      uploadRate: (e.sentCur + e.sentPrev) / windowS,
      // Snubbed: it unchokes us and we want data, yet nothing came for snub_timeout
      // (counted from the latest of last block, unchoke and our interest).
      snubbed:
        e.amInterested &&
        !e.peerChoking &&
        now - Math.max(e.lastRecvUs, e.remoteUnchokedUsAt, e.amInterestedSinceUs) >
          swarm.timing.snubUs,
      lastUnchokedUs: e.lastUnchokedUs,
      unchoked: !e.amChoking,
      sentSinceUnchokeBytes: e.sentSinceUnchoke,
      isNew: now - e.connectedUs < swarm.timing.newPeerUs,
    });
  }
  return out;
}

function rechoke(swarm: Swarm, peer: Peer): void {
  if (!peer.present) return;
  swarm.sim.schedule(swarm.timing.rechokeUs, swarm.ev.rechoke, peer.id);
  const round = peer.rechokeRound++;
  // Close idle connections before ranking: candidates' handles are indices
  // into peer.ends, and closing an end afterwards shifted them, so slots went
  // to the wrong connections (or to none at all).
  closeIdleConnections(swarm, peer);
  const cands = candidates(swarm, peer);
  updateUploadSlots(swarm, peer, cands);
  for (const e of peer.ends) {
    e.recvPrev = e.recvCur;
    e.recvCur = 0;
    e.sentPrev = e.sentCur;
    e.sentCur = 0;
  }
  if (peer.freeRider) return;
  const regular = new Set(
    chokerFor(swarm, peer)(cands, {
      slots: regularSlots(peer),
      rng: peer.chokerRng,
      quotaBytes: swarm.timing.seedQuotaBytes,
    }),
  );
  const unchoke = new Set(regular);
  if (swarm.config.protocol.choker !== "unchoke-all" || peer.isSeed) {
    let opt = peer.optimistic ? peer.ends.indexOf(peer.optimistic) : -1;
    const stale = opt < 0 || !peer.ends[opt].peerInterested || regular.has(opt);
    if (stale || round % swarm.timing.optimisticEvery === 0) {
      opt = pickOptimistic(cands, regular, peer.chokerRng);
    }
    peer.optimistic = opt >= 0 ? peer.ends[opt] : null;
    if (opt >= 0) unchoke.add(opt);
  }
  for (let i = 0; i < peer.ends.length; i++) setChoked(swarm, peer.ends[i], !unchoke.has(i));
  if (swarm.onRechoke !== undefined) {
    const ids = [...regular].map((h) => peer.ends[h].remote.id);
    swarm.onRechoke(peer.id, swarm.sim.now, ids, peer.optimistic?.remote.id ?? -1);
  }
}

/**
 * libtorrent's inactivity timeout: a connection on which neither side has
 * been interested for `inactivity_timeout` is closed, freeing the slot for a
 * peer that may have something to trade (without it, a neighbourhood that has
 * nothing for each other can hold its connections forever).
 */
function closeIdleConnections(swarm: Swarm, peer: Peer): void {
  const now = swarm.sim.now;
  const limit = swarm.timing.inactivityUs;
  for (const e of peer.ends.slice()) {
    if (e.idleSinceUs >= 0 && now - e.idleSinceUs >= limit) closeEnd(swarm, e, true, true);
  }
}

/** Chokes or unchokes one connection, telling the remote. */
export function setChoked(swarm: Swarm, end: ConnEnd, choked: boolean): void {
  if (end.amChoking === choked) return;
  end.amChoking = choked;
  if (choked) {
    // Queued requests die with the choke (BEP 3); blocks already on the wire finish.
    end.theirRequests.length = 0;
  } else {
    end.lastUnchokedUs = swarm.sim.now;
    end.sentSinceUnchoke = 0;
  }
  send(swarm, end, choked ? Msg.Choke : Msg.Unchoke);
}

/** Unchokes interested peers while fewer than `unchoke_slots` are unchoked. */
export function fillFreeSlots(swarm: Swarm, peer: Peer): void {
  if (!peer.present || peer.freeRider) return;
  const slots = peer.uploadSlots;
  const unchokeAll = swarm.config.protocol.choker === "unchoke-all" && !peer.isSeed;
  let busy = 0;
  for (const e of peer.ends) if (!e.amChoking && e.peerInterested) busy++;
  if (!unchokeAll && busy >= slots) return;
  const cands = candidates(swarm, peer).filter((c) => peer.ends[c.handle].amChoking);
  const free = unchokeAll ? cands.length : slots - busy;
  for (const h of chokerFor(swarm, peer)(cands, {
    slots: free,
    rng: peer.chokerRng,
    quotaBytes: swarm.timing.seedQuotaBytes,
  })) {
    setChoked(swarm, peer.ends[h], false);
  }
}

/** An unchoked peer lost interest: its slot goes to someone who wants it. */
export function onPeerLostInterest(swarm: Swarm, end: ConnEnd): void {
  if (end.amChoking) return;
  setChoked(swarm, end, true);
  fillFreeSlots(swarm, end.peer);
}
