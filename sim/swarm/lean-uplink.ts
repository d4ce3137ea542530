/**
 * The lean model's uplink (`network.model: lean`; runs in lean-transfer.ts):
 * the runs on one uplink share it as TCP connections do, by processor
 * sharing, instead of taking turns block by block.
 *
 * Under the block model an uplink serves its connections round robin, one
 * 16 KiB block at a time, each at the spare rate: over a piece's time every
 * served connection gets an equal share. The lean model gives that share
 * directly: every connection with requests queued has one run in progress,
 * and the runs on an uplink split its capacity equally, except that a run is
 * never given more than its receiver's downlink has spare; what such a run
 * cannot take goes to the others (max-min water-filling over one uplink).
 * Rates are worked out again only when the set of runs on the uplink changes
 * (a run starts, ends or is cut short, an overhead burst ends, a receiver's
 * downlink frees up). An uplink has one engine event, at its next run's end,
 * so sharing it anew costs one reschedule however many runs it carries.
 *
 * Overhead the uplink owes while runs hold it is shared out among its runs
 * whenever it is shared anew (link-overhead.ts `carry`), since a burst would
 * find no spare capacity.
 */
import { US_PER_SECOND } from "../engine/time.ts";
import { corruptionTag } from "./corrupt-peers.ts";
import { admitHeld, onHeldDue, wakeIfIdle } from "./held-requests.ts";
import { onLanding } from "./lean-landing.ts";
import { chargeRun } from "./lean-quota.ts";
import { deliverRun, runCutAfter, settle, takeRun } from "./lean-transfer.ts";
import { UP } from "./link-overhead.ts";
import type { Peer, WireEnd } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";
import { Phase } from "./transfer-pool.ts";
import { flushOverhead, removeActive, waitForQuota, wakeWaitingSenders } from "./uplink.ts";
import { waterFill } from "./water-fill.ts";

/** A rate below this share of the receiver's downlink counts as none (as uplink.ts). */
const MIN_RATE_SHARE = 0.01;

/** Engine handlers of the lean model's transmissions. */
export function leanUplinkHandlers(swarm: SwarmState) {
  return {
    // Under the lean model the engine event is the uplink's: its next run ends.
    txDone: (peer: number) => onUplinkDue(swarm, swarm.peers[peer]),
    heldDue: (end: number) => onHeldDue(swarm, end),
    landing: (end: number, word: number) => onLanding(swarm, end, word),
  };
}

/** Starts a run on every served connection that has none, then shares the uplink anew. */
export function pumpRuns(swarm: SwarmState, peer: Peer): void {
  if (!peer.present) return;
  swarm.overhead.flush(peer.id, UP);
  if (peer.freeRider) return;
  const links = swarm.links;
  if (swarm.quota !== null && !links.upBusy(peer.id) && waitForQuota(swarm, peer)) return;
  const queue = peer.uploadQueue;
  let kept = 0;
  for (let i = 0; i < queue.length; i++) {
    const end = queue[i];
    // Requests held at the end that have arrived join its queue before a run reads it.
    if (end.heldBlocks.length > 0 && end.activeTx.length === 0) admitHeld(swarm, end);
    // Choking, an end serves only allowed-fast requests (BEP 6), the only ones it queues then.
    if (!end.open || (end.amChoking && !end.fast) || end.theirRequests.length === 0) {
      end.inUploadQueue = false;
      continue;
    }
    queue[kept++] = end;
    if (end.activeTx.length > 0) continue;
    const receiver = end.remote;
    if (links.downSpare(receiver) <= links.downCapacity[receiver] * MIN_RATE_SHARE) {
      waitOnDownlink(end);
      continue;
    }
    startRun(swarm, end);
    peer.reshareNeeded = true;
  }
  queue.length = kept;
  if (peer.reshareNeeded) reshare(swarm, peer);
}

function waitOnDownlink(end: WireEnd): void {
  if (end.waitingOnDownlink) return;
  end.waitingOnDownlink = true;
  end.remotePeer.waitingSenders.push(end);
}

function startRun(swarm: SwarmState, end: WireEnd): void {
  const pool = swarm.transferPool;
  const tx = pool.allocate();
  const sender = end.owner;
  const blockId = end.theirRequests.shift()!;
  pool.endId[tx] = end.id;
  pool.blockId[tx] = blockId;
  pool.tag[tx] = corruptionTag(swarm, sender, blockId);
  takeRun(swarm, end, tx);
  pool.remaining[tx] = pool.wireBytes[tx];
  pool.settledUs[tx] = swarm.sim.now;
  pool.credited[tx] = 0;
  pool.rate[tx] = 0;
  pool.startUs[tx] = swarm.sim.now;
  pool.sender[tx] = sender.id;
  pool.receiver[tx] = end.remote;
  pool.phase[tx] = Phase.Sending;
  end.activeTx.push(tx);
  sender.runs.push(tx);
  end.remotePeer.inRuns.push(tx);
  pool.charged[tx] = 0;
  if (swarm.quota !== null) chargeRun(swarm, tx);
}

let caps = new Float64Array(64);
let floors = new Float64Array(64);
let rates = new Float64Array(64);
let done = new Uint8Array(64);

/** Shares the peer's uplink among its runs (see the file comment) and reschedules its next run end. */
export function reshare(swarm: SwarmState, peer: Peer): void {
  peer.reshareNeeded = false;
  const runs = peer.runs;
  const n = runs.length;
  if (n === 0) {
    scheduleUplink(swarm, peer);
    return;
  }
  const pool = swarm.transferPool;
  const links = swarm.links;
  const now = swarm.sim.now;
  const id = peer.id;
  // What the uplink owes (acknowledgements, control messages) rides on its
  // runs, shared equally, since a burst would find no spare capacity.
  const owed = swarm.overhead.enabled ? swarm.overhead.carry(id, UP) / n : 0;
  if (caps.length < n) {
    const size = 2 * n;
    caps = new Float64Array(size);
    floors = new Float64Array(size);
    rates = new Float64Array(size);
    done = new Uint8Array(size);
  }
  for (let i = 0; i < n; i++) {
    const tx = runs[i];
    settle(swarm, tx, now);
    pool.remaining[tx] += owed;
    if (pool.rate[tx] > 0) links.release(id, pool.receiver[tx], pool.rate[tx]);
  }
  for (let i = 0; i < n; i++) {
    const receiver = pool.receiver[runs[i]];
    caps[i] = Math.max(0, links.downSpare(receiver));
    floors[i] = links.downCapacity[receiver] * MIN_RATE_SHARE;
  }
  waterFill(n, links.upSpare(id), caps, floors, rates, done);
  for (let i = 0; i < n; i++) {
    const tx = runs[i];
    const receiver = pool.receiver[tx];
    const rate = rates[i];
    if (rate > 0) links.reserve(id, receiver, rate);
    const changed = rate !== pool.rate[tx] || owed !== 0;
    pool.rate[tx] = rate;
    if (rate > 0) {
      // Both rate limiters have demand until the run ends (a run keeps its links warm).
      if (changed && swarm.quota !== null) {
        const until = now + runLeftUs(pool, tx);
        swarm.quota.busy(id, 0, now, until);
        swarm.quota.busy(receiver, 1, now, until);
      }
    } else if (caps[i] <= floors[i]) {
      // Nothing to spare at the receiver: wait for it. (A burst holding the
      // uplink shares it anew when it ends, uplink.ts onOverheadSent.)
      waitOnDownlink(swarm.ends[pool.endId[tx]]);
    }
  }
  scheduleUplink(swarm, peer);
}

/** µs until run `tx` (settled to now, rate > 0) ends at its rate. */
function runLeftUs(pool: SwarmState["transferPool"], tx: number): number {
  return Math.max(0, Math.ceil((pool.remaining[tx] / pool.rate[tx]) * US_PER_SECOND));
}

/** (Re)schedules the uplink's engine event at the end of its first run to end. */
function scheduleUplink(swarm: SwarmState, peer: Peer): void {
  const pool = swarm.transferPool;
  const now = swarm.sim.now;
  let soonest = Number.POSITIVE_INFINITY;
  for (const tx of peer.runs) {
    if (pool.rate[tx] <= 0) continue;
    settle(swarm, tx, now);
    soonest = Math.min(soonest, runLeftUs(pool, tx));
  }
  const at = now + soonest;
  if (peer.upDueHandle >= 0) {
    if (peer.upDueUs === at) return;
    swarm.sim.cancel(peer.upDueHandle);
    peer.upDueHandle = -1;
  }
  if (soonest === Number.POSITIVE_INFINITY) return;
  peer.upDueUs = at;
  peer.upDueHandle = swarm.sim.schedule(soonest, swarm.ev.txDone, peer.id);
}

/** The uplink's event: the first of its runs that is through ends (one per event; the rest follow at once). */
function onUplinkDue(swarm: SwarmState, peer: Peer): void {
  peer.upDueHandle = -1;
  const pool = swarm.transferPool;
  const now = swarm.sim.now;
  for (const tx of peer.runs) {
    if (pool.rate[tx] <= 0) continue;
    settle(swarm, tx, now);
    if (runLeftUs(pool, tx) === 0) {
      onRunEnd(swarm, tx);
      return;
    }
  }
  scheduleUplink(swarm, peer);
}

/** A run ended: its blocks reach the receiver, the receiver's refills join the queue, the uplink goes on. */
function onRunEnd(swarm: SwarmState, tx: number): void {
  const pool = swarm.transferPool;
  const end = swarm.ends[pool.endId[tx]];
  const sender = end.owner;
  const from = pool.sender[tx];
  const to = pool.receiver[tx];
  const bytes = pool.bytes[tx];
  const startUs = pool.startUs[tx];
  if (swarm.quota !== null) chargeRun(swarm, tx);
  swarm.links.release(from, to, pool.rate[tx]);
  detach(sender, end, tx);
  swarm.uploadedBytes[from] += bytes;
  swarm.totals.uploadedBytes += bytes;
  const run = swarm.runScratch;
  run.copyFrom(pool, tx);
  for (let i = 0; i < run.length; i++) {
    swarm.overhead.blockSent(from, to, swarm.geometry.blockLength(run.blocks[i]));
  }
  end.owner.wire.onBlockSent(end, bytes);
  swarm.recordTransfer(from, to, bytes);
  swarm.onTransmission?.(from, to, startUs, swarm.sim.now, bytes, pool.wireBytes[tx]);
  pool.release(tx);
  deliverRun(swarm, end, run, startUs);
  swarm.drainInstant();
  if (swarm.overhead.enabled) flushOverhead(swarm, from, to);
  // The requests held for the connection that arrived during the run are queued now.
  admitHeld(swarm, end);
  sender.reshareNeeded = true;
  pumpRuns(swarm, sender);
  if (sender.reshareNeeded) reshare(swarm, sender);
  wakeIfIdle(swarm, end);
  wakeWaitingSenders(swarm, end.remotePeer);
}

function detach(sender: Peer, end: WireEnd, tx: number): void {
  removeActive(end, tx);
  const j = end.remotePeer.inRuns.indexOf(tx);
  if (j >= 0) end.remotePeer.inRuns.splice(j, 1);
  const i = sender.runs.indexOf(tx);
  if (i >= 0) sender.runs.splice(i, 1);
}

/**
 * A run whose connection closed. Its blocks already sent count as uploaded;
 * those that would have reached the receiver by now (sent a latency ago)
 * are delivered, the others are lost in transit — as under the block model.
 */
export function abortRun(swarm: SwarmState, tx: number): void {
  const pool = swarm.transferPool;
  if (pool.phase[tx] === Phase.Free) return;
  const end = swarm.ends[pool.endId[tx]];
  const sender = swarm.peers[pool.sender[tx]];
  const now = swarm.sim.now;
  settle(swarm, tx, now);
  if (pool.rate[tx] > 0) swarm.links.release(pool.sender[tx], pool.receiver[tx], pool.rate[tx]);
  detach(sender, end, tx);
  sentPrefix(swarm, tx, end, now);
  pool.release(tx);
  sender.reshareNeeded = true;
  swarm.pump(sender);
  wakeWaitingSenders(swarm, swarm.peers[pool.receiver[tx]]);
}

/**
 * The sender choked the connection (or the receiver cancelled `block`, −1 for
 * a choke): blocks of the run not yet begun are not sent — as under the block
 * model, where only the block on the wire finishes. `into` collects the
 * blocks cut (a choke with the Fast Extension hands them back to the queue).
 */
export function cutRun(swarm: SwarmState, end: WireEnd, block: number, into?: number[]): void {
  const pool = swarm.transferPool;
  let cut = false;
  for (const tx of end.activeTx) {
    settle(swarm, tx, swarm.sim.now);
    const cutWire = runCutAfter(swarm, tx, block, into);
    if (cutWire === 0) continue;
    pool.remaining[tx] -= cutWire;
    cut = true;
  }
  if (cut) scheduleUplink(swarm, end.owner);
}

/** Accounts the blocks of cut-off run `tx` that finished transmission (see abortRun). */
function sentPrefix(swarm: SwarmState, tx: number, end: WireEnd, now: number): void {
  const pool = swarm.transferPool;
  const g = swarm.geometry;
  const base = tx * pool.maxRun;
  const n = pool.runLength[tx];
  const startUs = pool.startUs[tx];
  const sentWire = pool.wireBytes[tx] - pool.remaining[tx];
  if (sentWire <= 0) return;
  const from = pool.sender[tx];
  const to = pool.receiver[tx];
  let through = 0;
  let bytes = 0;
  let wire = 0;
  for (let i = 0; i < n; i++) {
    const b = pool.runBlocks[base + i];
    const len = g.blockLength(b);
    const w = swarm.overhead.blockWireBytes(len);
    if (through + w > sentWire) break;
    through += w;
    bytes += len;
    wire += w;
    swarm.overhead.blockSent(from, to, len);
    // When the block left, by the run's average rate; it lands a latency later.
    const leftUs = startUs + ((now - startUs) * through) / sentWire;
    if (leftUs + end.latencyUs <= now) {
      swarm.deliverLater(end.id ^ 1, b, pool.runTags[base + i]);
    } else {
      swarm.totals.lostInTransitBytes += len;
    }
  }
  if (bytes === 0) return;
  swarm.uploadedBytes[from] += bytes;
  swarm.totals.uploadedBytes += bytes;
  end.owner.wire.onBlockSent(end, bytes);
  swarm.recordTransfer(from, to, bytes);
  swarm.onTransmission?.(from, to, startUs, now, bytes, wire);
}

/**
 * Reports the progress of the runs to and from `peer` to both ends' rate
 * counters (PeerWire.onProgress), before its choker or its one-second tick
 * reads them: a run may last longer than a rechoke period, and the chokers
 * must see bytes as they flow, not in lumps.
 */
export function reportProgress(swarm: SwarmState, peer: Peer): void {
  const pool = swarm.transferPool;
  const now = swarm.sim.now;
  for (const tx of peer.runs) progress(swarm, pool, tx, now);
  for (const tx of peer.inRuns) progress(swarm, pool, tx, now);
}

function progress(
  swarm: SwarmState,
  pool: SwarmState["transferPool"],
  tx: number,
  now: number,
): void {
  settle(swarm, tx, now);
  const wire = pool.wireBytes[tx];
  if (wire <= 0) return;
  const done = Math.floor((pool.bytes[tx] * Math.max(0, wire - pool.remaining[tx])) / wire);
  const delta = done - pool.credited[tx];
  if (delta <= 0) return;
  pool.credited[tx] = done;
  const sender = swarm.ends[pool.endId[tx]];
  sender.owner.wire.onProgress(sender, 0, delta);
  const receiver = swarm.ends[sender.id ^ 1];
  if (receiver.open) receiver.owner.wire.onProgress(receiver, delta, 0);
}
