/**
 * Peer exchange (BEP 11, ut_pex), on by default as in libtorrent, µTorrent,
 * Transmission and Vuze: once a minute each peer tells every neighbour about
 * up to 50 of its current neighbours, and the receiver adds them to its known
 * peers. It spreads addresses the tracker hands out only every half hour —
 * notably the address of a seed that still has free slots.
 *
 * BEP 11 sends the peers added and dropped since the previous message; this
 * model sends a fresh random sample of current neighbours instead, which
 * carries the same information over a few rounds without per-connection
 * history.
 */
import { US_PER_SECOND } from "../engine/time.ts";
import { dialKnown, learnPeers } from "./announce.ts";
import type { Peer } from "./peer.ts";
import type { Swarm } from "./swarm.ts";

const PEX_INTERVAL_US = 60 * US_PER_SECOND;
const PEX_MAX_PEERS = 50;

export function registerPexHandlers(swarm: Swarm): void {
  // Lists in flight, by message key (events carry numbers only).
  const inFlight = new Map<number, number[]>();
  let nextKey = 0;
  swarm.ev.pexTimer = swarm.sim.register((id) => {
    const peer = swarm.peers[id];
    if (!peer.present) return;
    swarm.sim.schedule(PEX_INTERVAL_US, swarm.ev.pexTimer, id);
    if (peer.ends.length < 2) return;
    const neighbours = peer.ends.map((e) => e.remote.id);
    for (const e of peer.ends) {
      if (!e.ready) continue;
      const sample = peer.pexRng
        .sample(neighbours, PEX_MAX_PEERS + 1)
        .filter((n) => n !== e.remote.id);
      if (sample.length > PEX_MAX_PEERS) sample.length = PEX_MAX_PEERS;
      const key = nextKey++;
      inFlight.set(key, sample);
      swarm.sim.schedule(e.latencyUs, swarm.ev.pexMessage, e.id ^ 1, key);
    }
  });
  swarm.ev.pexMessage = swarm.sim.register((endId, key) => {
    const list = inFlight.get(key) ?? [];
    inFlight.delete(key);
    const end = swarm.ends[endId];
    if (!end.open || !end.peer.present) return;
    learnPeers(swarm, end.peer, list);
    dialKnown(swarm, end.peer);
  });
}

/** Starts a peer's PEX timer on its own phase. */
export function startPex(swarm: Swarm, peer: Peer): void {
  if (!swarm.config.protocol.pex) return;
  const offset = Math.floor(peer.pexRng.next() * PEX_INTERVAL_US);
  swarm.sim.schedule(offset, swarm.ev.pexTimer, peer.id);
}
