/**
 * Lean model (`network.model: lean`): the block that completes a piece at its
 * receiver lands when it would block by block — its end within the run plus
 * the pair's latency — not when the run's transmission ends.
 *
 * A run's blocks are handed to the receiver when the run ends
 * (lean-transfer.ts), which is a latency early for the last of them. For
 * most blocks that changes nothing the swarm can see: their refills are
 * timed by their own landing times anyway. The block that completes a piece
 * is different: verification, the HAVEs to every neighbour, lost interest and
 * a finished download all follow from it, and a latency early at every hop
 * adds up over a piece's way through the swarm. So that one block gets an
 * engine event at its landing time — one event per piece a peer completes,
 * however its blocks were split into runs. Until then it is in flight: still
 * requested at the receiver, as under the block model.
 *
 * A block in flight is lost if the receiver's end closes or the sender
 * leaves before it lands (as uplink.ts `abortTransfer` for a propagating
 * block).
 */
import type { SwarmState } from "./swarm-state.ts";

/** The damage tag's kind travels in the event word: 0 intact, 1 the sender lied, 2 the link damaged it (corrupt-peers.ts). */
const TAG_KINDS = 3;

/** Sends `block` of the run on `senderEnd` (tag as corruptionTag) to land at `atUs` (≥ now). */
export function landLater(
  swarm: SwarmState,
  senderEnd: number,
  block: number,
  tag: number,
  atUs: number,
): void {
  const kind = tag === 0 ? 0 : tag > 0 ? 1 : 2;
  swarm.landingBytes += swarm.geometry.blockLength(block);
  swarm.sim.scheduleAt(atUs, swarm.ev.landing, senderEnd, block * TAG_KINDS + kind);
}

/** The `landing` event: the block reaches the receiver's end of the connection. */
export function onLanding(swarm: SwarmState, senderEnd: number, word: number): void {
  const block = Math.floor(word / TAG_KINDS);
  const kind = word % TAG_KINDS;
  const bytes = swarm.geometry.blockLength(block);
  swarm.landingBytes -= bytes;
  const end = swarm.ends[senderEnd];
  const receiver = swarm.ends[senderEnd ^ 1];
  if (!receiver.open || !receiver.owner.present || !end.owner.present) {
    swarm.totals.lostInTransitBytes += bytes;
    return;
  }
  const sender = end.owner.id;
  const tag = kind === 0 ? 0 : kind === 1 ? sender + 1 : -(sender + 1);
  swarm.onBlockDelivered?.(sender, receiver.peer, bytes, 0);
  receiver.owner.wire.onBlock(receiver, block, bytes, tag);
}
