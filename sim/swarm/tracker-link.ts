/**
 * The tracker over the simulated network: requests and replies each cost the
 * one-way latency between the peer and the tracker (a pseudo-peer in the
 * latency model). The tracker's state is sim/protocol/tracker/tracker.ts;
 * the peer's side of the conversation is sim/protocol/tracker/client.ts.
 *
 * Tracker outages (faults.tracker_outage): a request that reaches the
 * tracker inside an outage window gets no peer list; the peer learns of the
 * failure after the round trip (and its client backs off).
 */
import { secondsToUs } from "../engine/time.ts";
import { ANNOUNCE_EVENTS, type AnnounceCode } from "../protocol/wire/outbox.ts";
import type { SwarmState } from "./swarm-state.ts";

/** The tracker takes part in the latency model as a pseudo-peer with this id. */
const TRACKER_ID = 0x7fffffff;
const STOPPED: AnnounceCode = 2;

/** Sends an announce: it reaches the tracker after the latency. */
export function sendTracker(swarm: SwarmState, peer: number, event: AnnounceCode): void {
  swarm.sim.schedule(trackerLatency(swarm, peer), swarm.ev.trackerRequest, peer, event);
}

function trackerLatency(swarm: SwarmState, peer: number): number {
  return swarm.latency.between(peer, TRACKER_ID);
}

/** Engine handlers of the tracker conversation, registered once by the swarm. */
export function trackerHandlers(swarm: SwarmState) {
  const rng = swarm.streams.get("tracker");
  const outages = swarm.config.faults.tracker_outage.map((o) => [
    secondsToUs(o.from),
    secondsToUs(o.to),
  ]);
  const down = (t: number) => outages.some(([from, to]) => t >= from && t < to);
  return {
    // a = peer id, b = event code: the request reaches the tracker.
    trackerRequest: (id: number, code: number) => {
      swarm.totals.trackerAnnounces++;
      if (down(swarm.sim.now)) {
        swarm.totals.trackerAnnouncesFailed++;
        swarm.emit("announce_failed", id, code);
        if (code !== STOPPED)
          swarm.sim.schedule(trackerLatency(swarm, id), swarm.ev.trackerReply, id, -1);
        return;
      }
      const list = swarm.tracker.announce(id, ANNOUNCE_EVENTS[code], swarm.sim.now, rng);
      swarm.emit("announce", id, code);
      if (code === STOPPED) return;
      const key = swarm.trackerReplies.put(list);
      swarm.sim.schedule(trackerLatency(swarm, id), swarm.ev.trackerReply, id, key);
    },
    // a = peer id, b = reply key, or −1 when the announce failed.
    trackerReply: (id: number, key: number) => {
      const wire = swarm.peers[id].wire;
      if (key < 0) {
        wire.onTrackerReply(null);
        return;
      }
      const list = swarm.trackerReplies.take(key);
      if (!wire.present) return;
      if (list.length > 0) swarm.discovery.noteTracker(id, swarm.sim.now);
      wire.onTrackerReply(list);
    },
  };
}
