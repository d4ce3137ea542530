/**
 * The tracker conversation (BEP 3): announce `started` on arrival,
 * `completed` on completion, `stopped` on a clean departure, and a periodic
 * re-announce every `tracker.interval`. Requests and replies each cost the
 * one-way latency between the peer and the tracker. A reply's peers are
 * dialled up to half of `max_connections` (mainline's max_initiate 40 of 80
 * leaves room for incoming connections).
 *
 * Tracker outages (faults.tracker_outage): a request that reaches the tracker
 * inside an outage window gets no peer list; the peer learns of the failure
 * after the round trip and retries with exponential back-off (15 s, 30 s, …,
 * capped at the announce interval), trading meanwhile with the peers it has.
 */
import { secondsToUs, US_PER_SECOND } from "../engine/time.ts";
import type { AnnounceEvent } from "../protocol/tracker/tracker.ts";
import type { Peer } from "./peer.ts";
import type { Swarm } from "./swarm.ts";
import { connect } from "./wire.ts";

/** The tracker takes part in the latency model as a pseudo-peer with this id. */
const TRACKER_ID = 0x7fffffff;

/** First retry after a failed announce; doubles on each further failure. */
const RETRY_BASE_US = 15 * US_PER_SECOND;

const EVENT_CODES: readonly AnnounceEvent[] = ["started", "completed", "stopped", "periodic"];

export function registerAnnounceHandlers(swarm: Swarm): void {
  // Peer lists in flight from the tracker, by reply key (events carry numbers only).
  const pending = new Map<number, number[]>();
  let nextReply = 0;
  const h = swarm.ev;
  const rng = swarm.streams.get("tracker");
  const outages = swarm.config.faults.tracker_outage.map((o) => [
    secondsToUs(o.from),
    secondsToUs(o.to),
  ]);
  const down = (t: number) => outages.some(([from, to]) => t >= from && t < to);
  Object.assign(h, {
    // a = peer id, b = event code: the request reaches the tracker.
    trackerRequest: swarm.sim.register((id, code) => {
      const event = EVENT_CODES[code];
      swarm.totals.trackerAnnounces++;
      if (down(swarm.sim.now)) {
        swarm.totals.trackerAnnouncesFailed++;
        swarm.emit("announce_failed", id, code);
        if (event !== "stopped")
          swarm.sim.schedule(trackerLatency(swarm, id), h.trackerReply, id, -1);
        return;
      }
      const list = swarm.tracker.announce(id, event, swarm.sim.now, rng);
      swarm.emit("announce", id, code);
      if (event === "stopped") return;
      const key = nextReply++;
      pending.set(key, list);
      swarm.sim.schedule(trackerLatency(swarm, id), h.trackerReply, id, key);
    }),
    // a = peer id, b = reply key: the peer list reaches the peer.
    // a = peer id, b = reply key, or -1 when the announce failed.
    trackerReply: swarm.sim.register((id, key) => {
      const peer = swarm.peers[id];
      if (key < 0) {
        if (!peer.present) return;
        peer.announceFailures++;
        const backoffUs = RETRY_BASE_US * 2 ** Math.min(peer.announceFailures - 1, 16);
        schedulePeriodic(swarm, peer, Math.min(backoffUs, swarm.timing.trackerIntervalUs));
        return;
      }
      const list = pending.get(key) ?? [];
      pending.delete(key);
      if (!peer.present) return;
      peer.announceFailures = 0;
      learnPeers(swarm, peer, list);
      if (list.length > 0) swarm.discovery.noteTracker(id, swarm.sim.now);
      dialKnown(swarm, peer);
      schedulePeriodic(swarm, peer, swarm.timing.trackerIntervalUs);
      announceEarlyIfShort(swarm, peer);
    }),
    announceTimer: swarm.sim.register((id, generation) => {
      const peer = swarm.peers[id];
      if (!peer.present || generation !== peer.announceGeneration) return;
      announce(swarm, peer, "periodic");
    }),
  });
}

export function announce(swarm: Swarm, peer: Peer, event: AnnounceEvent): void {
  // discovery: dht — trackerless (BEP 5): the tracker is never contacted.
  if (swarm.config.discovery === "dht") return;
  peer.lastAnnounceUs = swarm.sim.now;
  // Any announce supersedes the pending periodic one; the reply schedules the next.
  peer.announceGeneration++;
  peer.nextAnnounceUs = Number.POSITIVE_INFINITY;
  swarm.sim.schedule(
    trackerLatency(swarm, peer.id),
    swarm.ev.trackerRequest,
    peer.id,
    EVENT_CODES.indexOf(event),
  );
}

function schedulePeriodic(swarm: Swarm, peer: Peer, delayUs: number): void {
  // A newer schedule supersedes the pending one.
  peer.announceGeneration++;
  peer.nextAnnounceUs = swarm.sim.now + delayUs;
  swarm.sim.schedule(delayUs, swarm.ev.announceTimer, peer.id, peer.announceGeneration);
}

/**
 * Peer-set upkeep (mainline client's Rerequester): a peer — leecher or seed —
 * with fewer than `min_peers` connections asks the tracker for more before the
 * regular interval, but never sooner than the tracker's `min_interval` after
 * its last announce. For a seed whose neighbours all completed and left this
 * is how it finds the peers that still need it.
 */
export function announceEarlyIfShort(swarm: Swarm, peer: Peer): void {
  if (!peer.present || swarm.config.discovery === "dht") return;
  if (peer.connectedTo.size + peer.pendingTo.size >= swarm.config.protocol.min_peers) return;
  const earliest = peer.lastAnnounceUs + swarm.timing.trackerMinIntervalUs;
  if (peer.nextAnnounceUs <= earliest) return;
  schedulePeriodic(swarm, peer, Math.max(0, earliest - swarm.sim.now));
}

function trackerLatency(swarm: Swarm, peer: number): number {
  return swarm.latency.between(peer, TRACKER_ID);
}

/**
 * Adds peers (from a tracker reply, PEX or the DHT) to the known list, up to
 * `max_peerlist` entries (libtorrent's max_peerlist_size): while the list is
 * full new addresses are ignored, as libtorrent does when it finds nothing to
 * evict; entries leave it when a dial finds them gone (`forget`).
 */
export function learnPeers(swarm: Swarm, peer: Peer, ids: Iterable<number>): void {
  const cap = swarm.config.protocol.max_peerlist;
  for (const other of ids) {
    if (peer.known.length >= cap) return;
    if (other === peer.id || peer.knownSet.has(other)) continue;
    peer.knownSet.add(other);
    peer.known.push(other);
  }
}

/**
 * Dials known peers round robin, from where the last round stopped, while the
 * peer has fewer than max_connections / 2 connections (mainline's
 * max_initiate 40 of 80 leaves room for incoming ones). Runs on tracker
 * replies, on PEX messages and whenever a connection closes. Peers that
 * recently refused us or that we closed as useless are skipped (libtorrent's
 * reconnect back-off), so a neighbourhood with nothing to trade does not
 * simply reconnect to itself.
 */
export function dialKnown(swarm: Swarm, peer: Peer): void {
  if (!peer.present) return;
  const maxInitiate = Math.ceil(swarm.config.protocol.max_connections / 2);
  const known = peer.known;
  const now = swarm.sim.now;
  for (let tried = 0; tried < known.length; tried++) {
    if (peer.connectedTo.size + peer.pendingTo.size >= maxInitiate) return;
    if (peer.dialCursor >= known.length) peer.dialCursor = 0;
    const other = known[peer.dialCursor++];
    if (peer.connectedTo.has(other) || peer.pendingTo.has(other) || peer.banned.has(other))
      continue;
    if ((peer.retryAfterUs.get(other) ?? 0) > now) continue;
    connect(swarm, peer, swarm.peers[other]);
  }
}

/** Drops a peer that turned out to have left. */
export function forget(peer: Peer, other: number): void {
  if (!peer.knownSet.delete(other)) return;
  const i = peer.known.indexOf(other);
  peer.known.splice(i, 1);
  if (peer.dialCursor > i) peer.dialCursor--;
}
