/**
 * Block transmission. Each peer's uplink serves the queued requests of the
 * peers it unchokes, round robin across connections, one block per start.
 * A block's rate is min(spare uplink of the sender, spare downlink of the
 * receiver), fixed for the block (see net/links.ts for why this never exceeds
 * a link and keeps links busy). Transmission ends after bytes/rate; the block
 * then reaches the receiver after the pair's one-way latency.
 *
 * With protocol overhead on, a block's transmission carries its header and
 * packet headers too, and the other overhead a link owes goes out in bursts
 * between blocks (link-overhead.ts), first in line when the link frees up.
 *
 * Transfers live in a pool of reusable records addressed by integer ids, so
 * the hot path allocates nothing per block.
 */
import { US_PER_SECOND } from "../engine/time.ts";
import { corruptionTag } from "./corrupt-peers.ts";
import { DOWN, type LinkSide, UP } from "./link-overhead.ts";
import type { Peer, WireEnd } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";
import { Phase } from "./transfer-pool.ts";

/** A transmission below this share of the limiting link's capacity is not started (it would crawl). */
const MIN_RATE_SHARE = 0.01;

/** Engine handlers of block transmission, registered once by the swarm. */
export function uplinkHandlers(swarm: SwarmState) {
  return {
    txDone: (tx: number) => onTransmitted(swarm, tx),
    blockArrive: (tx: number) => onArrived(swarm, tx),
    overheadDone: (peer: number, side: number) => onOverheadSent(swarm, peer, side as LinkSide),
    quotaPump: (peer: number) => swarm.pump(swarm.peers[peer]),
  };
}

/** Puts an end whose remote has queued requests on its peer's upload queue. */
export function queueForUpload(end: WireEnd): void {
  if (!end.inUploadQueue) {
    end.inUploadQueue = true;
    end.owner.uploadQueue.push(end);
  }
}

/** Starts as many queued blocks as the uplink and the receivers' downlinks allow. */
export function pumpUplink(swarm: SwarmState, peer: Peer): void {
  if (!peer.present) return;
  // Overhead the uplink owes goes first (free riders still send REQUESTs).
  swarm.overhead.flush(peer.id, UP);
  if (peer.freeRider) return;
  const links = swarm.links;
  if (swarm.quota !== null && !links.upBusy(peer.id) && waitForQuota(swarm, peer)) return;
  const minUp = links.upCapacity[peer.id] * MIN_RATE_SHARE;
  const queue = peer.uploadQueue;
  let idle = 0;
  while (queue.length > 0 && links.upSpare(peer.id) > minUp && idle < queue.length) {
    if (peer.uploadCursor >= queue.length) peer.uploadCursor = 0;
    const end = queue[peer.uploadCursor];
    // Choking, an end serves only allowed-fast requests (BEP 6), the only ones it queues then.
    if (!end.open || (end.amChoking && !end.fast) || end.theirRequests.length === 0) {
      end.inUploadQueue = false;
      queue.splice(peer.uploadCursor, 1);
      continue;
    }
    const receiver = end.remote;
    const spareDown = links.downSpare(receiver);
    if (spareDown <= links.downCapacity[receiver] * MIN_RATE_SHARE) {
      // The receiver's downlink is full: wait until it frees up, serve others meanwhile.
      if (!end.waitingOnDownlink) {
        end.waitingOnDownlink = true;
        end.remotePeer.waitingSenders.push(end);
      }
      peer.uploadCursor++;
      idle++;
      continue;
    }
    idle = 0;
    startTransfer(
      swarm,
      end,
      end.theirRequests.shift()!,
      Math.min(links.upSpare(peer.id), spareDown),
    );
    peer.uploadCursor++;
  }
}

/**
 * An idle uplink under a ticking rate limiter (net/quota-ticks.ts): its next
 * block may have to wait for the limiter's next tick. True if it waits (a pump
 * is scheduled for then).
 */
export function waitForQuota(swarm: SwarmState, peer: Peer): boolean {
  const now = swarm.sim.now;
  if (peer.quotaGrantUs === now || swarm.quota!.warm(peer.id, 0, now)) return false;
  if (!hasServableRequest(peer)) return false;
  // A probe: the block itself takes its quota when it starts (startTransfer).
  const at = swarm.quota!.sendAt(peer.id, 0, now, 0);
  if (at <= now) return false;
  if (peer.quotaGrantUs !== at) swarm.sim.schedule(at - now, swarm.ev.quotaPump, peer.id);
  peer.quotaGrantUs = at;
  return true;
}

/** Some unchoked open connection has a request queued (a loop: this runs on every idle pump). */
function hasServableRequest(peer: Peer): boolean {
  for (const e of peer.uploadQueue)
    if (e.open && (!e.amChoking || e.fast) && e.theirRequests.length > 0) return true;
  return false;
}

function startTransfer(
  swarm: SwarmState,
  end: WireEnd,
  blockId: number,
  bytesPerSec: number,
): void {
  const pool = swarm.transferPool;
  const tx = pool.allocate();
  const sender = end.owner;
  pool.endId[tx] = end.id;
  pool.blockId[tx] = blockId;
  pool.tag[tx] = corruptionTag(swarm, sender, blockId);
  const bytes = swarm.geometry.blockLength(blockId);
  const wireBytes = swarm.overhead.blockWireBytes(bytes);
  pool.bytes[tx] = bytes;
  pool.rate[tx] = bytesPerSec;
  pool.startUs[tx] = swarm.sim.now;
  pool.sender[tx] = sender.id;
  pool.receiver[tx] = end.remote;
  pool.phase[tx] = Phase.Sending;
  swarm.links.reserve(sender.id, end.remote, bytesPerSec);
  // Round up so a block never finishes faster than its rate allows.
  const durationUs = Math.ceil((wireBytes / bytesPerSec) * US_PER_SECOND);
  if (swarm.quota !== null) {
    const now = swarm.sim.now;
    // Saturated: more blocks wait for this uplink / for this downlink.
    const upMore = end.theirRequests.length > 0 || sender.uploadQueue.length > 1;
    const downMore = end.remotePeer.waitingSenders.length > 0;
    swarm.quota.consume(sender.id, 0, now, wireBytes, durationUs, upMore);
    swarm.quota.consume(end.remote, 1, now, wireBytes, durationUs, downMore);
  }
  pool.handle[tx] = swarm.sim.schedule(durationUs, swarm.ev.txDone, tx);
  end.activeTx.push(tx);
}

function onTransmitted(swarm: SwarmState, tx: number): void {
  const pool = swarm.transferPool;
  const end = swarm.ends[pool.endId[tx]];
  const from = pool.sender[tx];
  const to = pool.receiver[tx];
  const bytes = pool.bytes[tx];
  swarm.links.release(from, to, pool.rate[tx]);
  removeActive(end, tx);
  swarm.uploadedBytes[from] += bytes;
  swarm.totals.uploadedBytes += bytes;
  swarm.overhead.blockSent(from, to, bytes);
  end.owner.wire.onBlockSent(end, bytes);
  swarm.recordTransfer(from, to, bytes);
  swarm.onTransmission?.(
    from,
    to,
    pool.startUs[tx],
    swarm.sim.now,
    bytes,
    swarm.overhead.blockWireBytes(bytes),
  );
  pool.phase[tx] = Phase.Propagating;
  pool.handle[tx] = swarm.sim.schedule(end.latencyUs, swarm.ev.blockArrive, tx);
  if (swarm.overhead.enabled) flushOverhead(swarm, from, to);
  swarm.pump(end.owner);
  wakeWaitingSenders(swarm, end.remotePeer);
}

function onArrived(swarm: SwarmState, tx: number): void {
  const pool = swarm.transferPool;
  const end = swarm.ends[pool.endId[tx] ^ 1];
  const blockId = pool.blockId[tx];
  const bytes = pool.bytes[tx];
  const tag = pool.tag[tx];
  swarm.onBlockDelivered?.(pool.sender[tx], pool.receiver[tx], bytes, pool.startUs[tx]);
  pool.release(tx);
  // Both sides may have closed meanwhile (the end is then the CLOSED_END stand-in).
  if (!end.open) swarm.totals.lostInTransitBytes += bytes;
  else end.owner.wire.onBlock(end, blockId, bytes, tag);
}

/** Drops a transfer whose connection closed: the receiver never gets the block. */
export function abortTransfer(swarm: SwarmState, tx: number): void {
  const pool = swarm.transferPool;
  if (pool.phase[tx] === Phase.Free) return;
  const end = swarm.ends[pool.endId[tx]];
  swarm.sim.cancel(pool.handle[tx]);
  if (pool.phase[tx] === Phase.Sending) {
    swarm.links.release(pool.sender[tx], pool.receiver[tx], pool.rate[tx]);
    removeActive(end, tx);
    pool.release(tx);
    swarm.pump(end.owner);
    wakeWaitingSenders(swarm, end.remotePeer);
  } else {
    swarm.totals.lostInTransitBytes += pool.bytes[tx];
    pool.release(tx);
  }
}

export function removeActive(end: WireEnd, tx: number): void {
  const i = end.activeTx.indexOf(tx);
  if (i >= 0) end.activeTx.splice(i, 1);
}

/** An overhead burst ended: serve what waits on the link. */
function onOverheadSent(swarm: SwarmState, peer: number, side: LinkSide): void {
  swarm.overhead.burstDone(peer, side);
  if (side === UP) {
    const p = swarm.peers[peer];
    p.reshareNeeded = true;
    swarm.pump(p);
  } else wakeWaitingSenders(swarm, swarm.peers[peer]);
}

/** Sends the overhead two peers' links owe after a message between them, where the links have room. */
export function flushOverhead(swarm: SwarmState, a: number, b: number): void {
  const o = swarm.overhead;
  o.flush(a, UP);
  o.flush(a, DOWN);
  o.flush(b, UP);
  o.flush(b, DOWN);
}

/** The receiver's downlink freed up: its owed overhead goes first, then senders waiting on it may start blocks. */
export function wakeWaitingSenders(swarm: SwarmState, receiver: Peer): void {
  swarm.overhead.flush(receiver.id, DOWN);
  if (receiver.waitingSenders.length === 0) return;
  const waiting = receiver.waitingSenders;
  receiver.waitingSenders = [];
  for (const e of waiting) {
    e.waitingOnDownlink = false;
    e.owner.reshareNeeded = true;
    swarm.pump(e.owner);
  }
}
