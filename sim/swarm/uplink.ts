/**
 * Block transmission. Each peer's uplink serves the queued requests of the
 * peers it unchokes, round robin across connections, one block per start.
 * A block's rate is min(spare uplink of the sender, spare downlink of the
 * receiver), fixed for the block (see net/links.ts for why this never exceeds
 * a link and keeps links busy). Transmission ends after bytes/rate; the block
 * then reaches the receiver after the pair's one-way latency.
 *
 * Transfers live in a pool of reusable records addressed by integer ids, so
 * the hot path allocates nothing per block.
 */
import { US_PER_SECOND } from "../engine/time.ts";
import type { ConnEnd } from "./connection.ts";
import type { Peer } from "./peer.ts";
import { receiveBlock } from "./pieces.ts";
import type { Swarm } from "./swarm.ts";

/** A transmission below this share of the limiting link's capacity is not started (it would crawl). */
const MIN_RATE_SHARE = 0.01;

enum Phase {
  Free = 0,
  Sending = 1,
  Propagating = 2,
}

export class TransferPool {
  endId: Int32Array = new Int32Array(256);
  blockId: Int32Array = new Int32Array(256);
  bytes: Int32Array = new Int32Array(256);
  tag: Int32Array = new Int32Array(256);
  phase: Uint8Array = new Uint8Array(256);
  rate: Float64Array = new Float64Array(256);
  startUs: Float64Array = new Float64Array(256);
  handle: Float64Array = new Float64Array(256);
  sender: Int32Array = new Int32Array(256);
  receiver: Int32Array = new Int32Array(256);
  private free: number[] = [];
  private used = 0;

  allocate(): number {
    const id = this.free.length > 0 ? this.free.pop()! : this.used++;
    if (id >= this.endId.length) this.grow();
    return id;
  }

  release(id: number): void {
    this.phase[id] = Phase.Free;
    this.free.push(id);
  }

  /** Payload bytes of blocks still on their way (sent or being sent, not yet delivered). */
  inFlightBytes(): number {
    let total = 0;
    for (let i = 0; i < this.used; i++)
      if (this.phase[i] === Phase.Propagating) total += this.bytes[i];
    return total;
  }

  /** Transfers in progress that involve `peer` as sender or receiver. */
  involving(peer: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.used; i++) {
      if (this.phase[i] !== Phase.Free && (this.sender[i] === peer || this.receiver[i] === peer)) {
        out.push(i);
      }
    }
    return out;
  }

  private grow(): void {
    const n = this.endId.length * 2;
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.endId = grow32(this.endId);
    this.blockId = grow32(this.blockId);
    this.bytes = grow32(this.bytes);
    this.tag = grow32(this.tag);
    this.sender = grow32(this.sender);
    this.receiver = grow32(this.receiver);
    const phase = new Uint8Array(n);
    phase.set(this.phase);
    this.phase = phase;
    this.rate = grow64(this.rate);
    this.startUs = grow64(this.startUs);
    this.handle = grow64(this.handle);
  }
}

export function registerUplinkHandlers(swarm: Swarm): void {
  swarm.ev.txDone = swarm.sim.register((tx) => onTransmitted(swarm, tx));
  swarm.ev.blockArrive = swarm.sim.register((tx) => onArrived(swarm, tx));
}

/** Starts as many queued blocks as the uplink and the receivers' downlinks allow. */
export function pumpUplink(swarm: Swarm, peer: Peer): void {
  if (!peer.present || peer.freeRider) return;
  const links = swarm.links;
  const minUp = links.upCapacity[peer.id] * MIN_RATE_SHARE;
  const queue = peer.uploadQueue;
  let idle = 0;
  while (queue.length > 0 && links.upSpare(peer.id) > minUp && idle < queue.length) {
    if (peer.uploadCursor >= queue.length) peer.uploadCursor = 0;
    const end = queue[peer.uploadCursor];
    if (!end.open || end.amChoking || end.theirRequests.length === 0) {
      end.inUploadQueue = false;
      queue.splice(peer.uploadCursor, 1);
      continue;
    }
    const receiver = end.remote.id;
    const spareDown = links.downSpare(receiver);
    if (spareDown <= links.downCapacity[receiver] * MIN_RATE_SHARE) {
      // The receiver's downlink is full: wait until it frees up, serve others meanwhile.
      if (!end.waitingOnDownlink) {
        end.waitingOnDownlink = true;
        end.remote.waitingSenders.push(end);
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

function startTransfer(swarm: Swarm, end: ConnEnd, blockId: number, bytesPerSec: number): void {
  const pool = swarm.transfers;
  const tx = pool.allocate();
  const sender = end.peer;
  const bytes = swarm.geometry.blockLength(blockId);
  pool.endId[tx] = end.id;
  pool.blockId[tx] = blockId;
  pool.bytes[tx] = bytes;
  pool.tag[tx] = corruptionTag(swarm, sender, blockId);
  pool.rate[tx] = bytesPerSec;
  pool.startUs[tx] = swarm.sim.now;
  pool.sender[tx] = sender.id;
  pool.receiver[tx] = end.remote.id;
  pool.phase[tx] = Phase.Sending;
  swarm.links.reserve(sender.id, end.remote.id, bytesPerSec);
  // Round up so a block never finishes faster than its rate allows.
  const durationUs = Math.ceil((bytes / bytesPerSec) * US_PER_SECOND);
  pool.handle[tx] = swarm.sim.schedule(durationUs, swarm.ev.txDone, tx);
  end.activeTx.push(tx);
}

/**
 * Nonzero when the block arrives damaged: the sender lies (faults.corrupt,
 * tag = sender + 1) or the link damages it (faults.link_corruption, tag =
 * −(sender + 1)). Distinct tags mean distinct bytes, as with real corruption.
 */
function corruptionTag(swarm: Swarm, sender: Peer, blockId: number): number {
  const c = sender.corrupt;
  if (c !== null && (c.pieces === null || c.pieces.has(swarm.geometry.pieceOf(blockId)))) {
    if (sender.faultRng.chance(c.probability)) return sender.id + 1;
  }
  const pLink = swarm.config.faults.link_corruption;
  if (pLink > 0) {
    sender.linkRng ??= swarm.streams.get(`peer:${sender.id}:link`);
    if (sender.linkRng.chance(pLink)) return -(sender.id + 1);
  }
  return 0;
}

function onTransmitted(swarm: Swarm, tx: number): void {
  const pool = swarm.transfers;
  const end = swarm.ends[pool.endId[tx]];
  const from = pool.sender[tx];
  const to = pool.receiver[tx];
  const bytes = pool.bytes[tx];
  swarm.links.release(from, to, pool.rate[tx]);
  removeActive(end, tx);
  swarm.uploadedBytes[from] += bytes;
  swarm.totals.uploadedBytes += bytes;
  end.sentCur += bytes;
  end.sentSinceUnchoke += bytes;
  swarm.recordTransfer(from, to, bytes);
  swarm.onTransmission?.(from, to, pool.startUs[tx], swarm.sim.now, bytes);
  pool.phase[tx] = Phase.Propagating;
  pool.handle[tx] = swarm.sim.schedule(end.latencyUs, swarm.ev.blockArrive, tx);
  pumpUplink(swarm, end.peer);
  wakeWaitingSenders(swarm, end.remote);
}

function onArrived(swarm: Swarm, tx: number): void {
  const pool = swarm.transfers;
  const end = swarm.ends[pool.endId[tx] ^ 1];
  const blockId = pool.blockId[tx];
  const bytes = pool.bytes[tx];
  const tag = pool.tag[tx];
  swarm.onBlockDelivered?.(pool.sender[tx], pool.receiver[tx], bytes, pool.startUs[tx]);
  pool.release(tx);
  receiveBlock(swarm, end, blockId, bytes, tag);
}

/** Drops a transfer whose connection closed: the receiver never gets the block. */
export function abortTransfer(swarm: Swarm, tx: number): void {
  const pool = swarm.transfers;
  if (pool.phase[tx] === Phase.Free) return;
  const end = swarm.ends[pool.endId[tx]];
  swarm.sim.cancel(pool.handle[tx]);
  if (pool.phase[tx] === Phase.Sending) {
    swarm.links.release(pool.sender[tx], pool.receiver[tx], pool.rate[tx]);
    removeActive(end, tx);
    pool.release(tx);
    pumpUplink(swarm, end.peer);
    wakeWaitingSenders(swarm, end.remote);
  } else {
    swarm.totals.lostInTransitBytes += pool.bytes[tx];
    pool.release(tx);
  }
}

function removeActive(end: ConnEnd, tx: number): void {
  const i = end.activeTx.indexOf(tx);
  if (i >= 0) end.activeTx.splice(i, 1);
}

/** The receiver's downlink freed up: senders that were waiting on it may start blocks. */
function wakeWaitingSenders(swarm: Swarm, receiver: Peer): void {
  if (receiver.waitingSenders.length === 0) return;
  const waiting = receiver.waitingSenders;
  receiver.waitingSenders = [];
  for (const e of waiting) {
    e.waitingOnDownlink = false;
    pumpUplink(swarm, e.peer);
  }
}
