/**
 * The lean network model's transmissions (`network.model: lean`, the default;
 * docs/model.md, "The lean model").
 *
 * Under the block model every 16 KiB block is a transmission of its own —
 * three events a block: its end, its arrival and the REQUEST that refills the
 * pipeline. The lean model keeps what a block-level run observes and drops
 * the events that change nothing:
 *
 * - A run: when the uplink starts serving a connection it takes the head
 *   request and every request queued right behind it for the same piece, and
 *   sends them as one transmission at one rate (the rate rule of
 *   net/links.ts is unchanged, so no link is ever exceeded). A piece thus
 *   costs one transmission per connection that serves it instead of one per
 *   block; the round robin across connections turns at run, not block,
 *   boundaries.
 * - Delivered when it ends: the run's blocks reach the receiver when its
 *   transmission ends, and the receiver answers each block with its refill
 *   requests then. Each refill leaves when its block would have landed under
 *   the block model — the block's own end within the run, plus the latency —
 *   and waits at the sender's end until the sender reads its queue
 *   (held-requests.ts): a pipeline too short for the pair's round trip
 *   stalls the connection as it does block by block.
 * - The block that completes a piece lands on time (lean-landing.ts): what a
 *   piece sets off — HAVEs, interest, a finished download — happens when its
 *   last block would have landed, however its blocks were split into runs.
 *
 * Per-block accounting — overhead, corruption draws, smart-ban senders, the
 * receiver's per-block bookkeeping — is kept, so byte counts and
 * verification outcomes are those of the block model.
 */
import { US_PER_SECOND } from "../engine/time.ts";
import { corruptionTag } from "./corrupt-peers.ts";
import { landLater } from "./lean-landing.ts";
import type { WireEnd } from "./peer.ts";
import type { RunScratch } from "./run-scratch.ts";
import type { SwarmState } from "./swarm-state.ts";

/**
 * Extends transfer `tx`, whose head block is set, with the requests queued
 * behind it on `end` for the same piece; sets its run, payload and wire bytes.
 */
export function takeRun(swarm: SwarmState, end: WireEnd, tx: number): void {
  const pool = swarm.transferPool;
  const g = swarm.geometry;
  const overhead = swarm.overhead;
  const base = tx * pool.maxRun;
  const first = pool.blockId[tx];
  const piece = g.pieceOf(first);
  pool.runBlocks[base] = first;
  pool.runTags[base] = pool.tag[tx];
  let bytes = g.blockLength(first);
  let wire = overhead.blockWireBytes(bytes);
  let n = 1;
  const queue = end.theirRequests;
  let taken = 0;
  while (n < pool.maxRun && taken < queue.length && g.pieceOf(queue[taken]) === piece) {
    const b = queue[taken++];
    const len = g.blockLength(b);
    pool.runBlocks[base + n] = b;
    pool.runTags[base + n] = corruptionTag(swarm, end.owner, b);
    bytes += len;
    wire += overhead.blockWireBytes(len);
    n++;
  }
  if (taken > 0) queue.splice(0, taken);
  pool.runLength[tx] = n;
  pool.bytes[tx] = bytes;
  pool.wireBytes[tx] = wire;
}

/**
 * Hands the run's blocks to the receiver, in order; the refills it sends in
 * reply to each leave when that block would have landed (its end within the
 * run plus the latency: `repliesLeaveUs`). The block that completes a piece
 * lands on time instead (lean-landing.ts).
 */
export function deliverRun(
  swarm: SwarmState,
  sender: WireEnd,
  run: RunScratch,
  startUs: number,
): void {
  const g = swarm.geometry;
  const receiver = swarm.ends[sender.id ^ 1];
  const from = sender.peer;
  const to = sender.remote;
  const now = swarm.sim.now;
  const spanUs = now - startUs;
  for (let i = 0; i < run.length; i++) {
    const b = run.blocks[i];
    const len = g.blockLength(b);
    const landsUs = startUs + Math.round(((i + 1) * spanUs) / run.length) + sender.latencyUs;
    sender.repliesLeaveUs = landsUs;
    if (landsUs > now && receiver.owner.wire?.completesPiece(receiver, b)) {
      landLater(swarm, sender.id, b, run.tags[i], landsUs);
      continue;
    }
    swarm.onBlockDelivered?.(from, to, len, startUs);
    if (!receiver.open) swarm.totals.lostInTransitBytes += len;
    else receiver.owner.wire.onBlock(receiver, b, len, run.tags[i]);
  }
  sender.repliesLeaveUs = -1;
}

/**
 * Cuts transfer `tx`'s run (settled to now): with `block` −1, every block not
 * yet begun (a choke); otherwise `block` alone if it has not begun (a
 * CANCEL). Returns the wire bytes cut; `into` collects the blocks cut.
 */
export function runCutAfter(swarm: SwarmState, tx: number, block: number, into?: number[]): number {
  const pool = swarm.transferPool;
  const g = swarm.geometry;
  const overhead = swarm.overhead;
  const base = tx * pool.maxRun;
  const n = pool.runLength[tx];
  // Wire bytes of the run's blocks already sent (overhead carried along goes first).
  const sent = Math.max(0, pool.wireBytes[tx] - pool.remaining[tx]);
  let begun = 0;
  let through = 0;
  while (begun < n && through <= sent) {
    through += overhead.blockWireBytes(g.blockLength(pool.runBlocks[base + begun]));
    begun++;
  }
  let cutBytes = 0;
  let cutWire = 0;
  let kept = begun;
  for (let i = begun; i < n; i++) {
    const b = pool.runBlocks[base + i];
    if (block < 0 || b === block) {
      into?.push(b);
      const len = g.blockLength(b);
      cutBytes += len;
      cutWire += overhead.blockWireBytes(len);
    } else {
      pool.runBlocks[base + kept] = b;
      pool.runTags[base + kept] = pool.runTags[base + i];
      kept++;
    }
  }
  pool.runLength[tx] = kept;
  pool.bytes[tx] -= cutBytes;
  pool.wireBytes[tx] -= cutWire;
  return cutWire;
}

/** Brings a run's remaining bytes up to now. */
export function settle(swarm: SwarmState, tx: number, now: number): void {
  const pool = swarm.transferPool;
  const dt = now - pool.settledUs[tx];
  if (dt > 0) {
    pool.remaining[tx] -= (pool.rate[tx] * dt) / US_PER_SECOND;
    pool.settledUs[tx] = now;
  }
}
