/**
 * The lean model under ticking rate limiters (net/quota-ticks.ts): a run is
 * charged to both limiters block by block, as the block model charges each
 * block when it starts, so the buckets — and thus the waits of control
 * messages — evolve as they would block by block. Charging is lazy: the
 * blocks a run has begun by now are charged when a limiter is asked
 * (wire-outbox.ts, before a message's quota) and when the run ends.
 */
import { US_PER_SECOND } from "../engine/time.ts";
import { admitHeld } from "./held-requests.ts";
import { settle } from "./lean-transfer.ts";
import type { Peer } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";

/**
 * Charges the blocks begun by now of every run on `peer`'s uplink. Once per
 * microsecond is enough: a run started later in it is charged as it starts
 * (lean-uplink.ts), and the others have begun no more blocks.
 */
export function chargeUplink(swarm: SwarmState, peer: Peer): void {
  const now = swarm.sim.now;
  if (peer.upChargedUs === now) return;
  peer.upChargedUs = now;
  for (const tx of peer.runs) chargeRun(swarm, tx);
}

/** Charges the blocks begun by now of every run into `peer`'s downlink (once per microsecond, as above). */
export function chargeDownlink(swarm: SwarmState, peer: Peer): void {
  const now = swarm.sim.now;
  if (peer.downChargedUs === now) return;
  peer.downChargedUs = now;
  for (const tx of peer.inRuns) chargeRun(swarm, tx);
}

/** Charges run `tx`'s blocks begun by now that were not charged yet. */
export function chargeRun(swarm: SwarmState, tx: number): void {
  const quota = swarm.quota!;
  const pool = swarm.transferPool;
  const now = swarm.sim.now;
  settle(swarm, tx, now);
  const n = pool.runLength[tx];
  const block = swarm.runBlockWire;
  const sent = Math.max(0, pool.wireBytes[tx] - pool.remaining[tx]);
  const begun = Math.min(n, Math.floor(sent / block) + 1);
  const count = begun - pool.charged[tx];
  if (count <= 0) return;
  pool.charged[tx] = begun;
  const end = swarm.ends[pool.endId[tx]];
  const sender = end.owner;
  // Requests held for the end that have arrived count as queued (held-requests.ts).
  if (end.heldBlocks.length > 0) admitHeld(swarm, end);
  const rate = pool.rate[tx];
  const durationUs =
    rate > 0 ? Math.ceil((Math.max(0, pool.remaining[tx]) / rate) * US_PER_SECOND) : 0;
  // Saturated as under the block model: more blocks wait behind these on the link.
  const upMore = begun < n || end.theirRequests.length > 0 || sender.uploadQueue.length > 1;
  const downMore = end.remotePeer.waitingSenders.length > 0;
  quota.consume(sender.id, 0, now, count * block, durationUs, upMore);
  quota.consume(end.remote, 1, now, count * block, durationUs, downMore);
}
