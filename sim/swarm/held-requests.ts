/**
 * Lean model (`network.model: lean`): a REQUEST waits at the remote's end of
 * the connection with its arrival time, instead of being an engine event.
 *
 * Under the block model every block a connection delivers is answered by a
 * REQUEST that reaches the sender a round trip later — an event per block.
 * But nothing the sender does reads its queue of our requests except at a
 * few moments: when a run on the connection starts or ends (a run takes its
 * blocks when it starts), when another message on the connection arrives
 * (messages keep their order), when a rate limiter asks whether the link has
 * more to send, when the sender chokes or unchokes us. So a request on its
 * way waits at the sender's end and joins the queue the first time the queue
 * is read at or after its arrival (`admitHeld`), which is when it would have
 * been there. Only a connection with nothing to send costs an event
 * (`heldDue`, at the first arrival), standing for the first of the message
 * events it replaces; requests that arrive together are taken together.
 *
 * A request is not held if a message sent before it on the connection, an
 * engine event, arrives in the same microsecond (under ticking rate limiters
 * they often do): the request must not be taken before that message is read
 * — a CANCEL for the same block, say (wire-outbox.ts).
 *
 * A choke or unchoke the sender sends settles the requests that have arrived
 * by then: arrived while unchoked they were queued and die with the choke;
 * arrived while choked they were dropped (BEP 3). Either way they are gone,
 * and those still on their way meet the new state when they arrive.
 */
import type { WireEnd } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";
import { queueForUpload } from "./uplink.ts";

/** Holds a REQUEST for `block` at `end`, arriving at `arrivalUs` (arrivals come in order). */
export function holdRequest(end: WireEnd, block: number, arrivalUs: number): void {
  end.heldBlocks.push(block);
  end.heldUs.push(arrivalUs);
}

/**
 * Lets the requests held at `end` that have arrived by now join its queue, as
 * the protocol takes a REQUEST (PeerWire.takeRequest). The caller, or the
 * uplink's next pump, serves the queue.
 */
export function admitHeld(swarm: SwarmState, end: WireEnd): void {
  const n = end.heldBlocks.length;
  if (end.heldHead === n) return;
  if (!end.open) {
    advance(end, n);
    return;
  }
  const now = swarm.sim.now;
  let i = end.heldHead;
  let queued = false;
  const wire = end.owner.wire;
  while (i < n && end.heldUs[i] <= now) {
    if (wire.takeRequest(end, end.heldBlocks[i])) queued = true;
    i++;
  }
  advance(end, i);
  if (queued) queueForUpload(end);
}

/** The sender chokes or unchokes `end`: the held requests that arrived by now are gone (file comment). */
export function dropArrivedHeld(swarm: SwarmState, end: WireEnd): void {
  const n = end.heldBlocks.length;
  const now = swarm.sim.now;
  let i = end.heldHead;
  while (i < n && end.heldUs[i] <= now) i++;
  advance(end, i);
}

/** The connection closed: nothing held there arrives any more. */
export function dropAllHeld(end: WireEnd): void {
  advance(end, end.heldBlocks.length);
}

/**
 * `end` may have fallen idle (its run ended or it was unchoked): with nothing
 * queued and requests still on their way, wake it at the first arrival.
 */
export function wakeIfIdle(swarm: SwarmState, end: WireEnd): void {
  if (end.heldHead === end.heldBlocks.length || end.heldWakeUs >= 0) return;
  if (end.activeTx.length > 0 || end.theirRequests.length > 0 || end.amChoking || !end.open) return;
  const at = Math.max(end.heldUs[end.heldHead], swarm.sim.now);
  end.heldWakeUs = at;
  swarm.sim.scheduleAt(at, swarm.ev.heldDue, end.id);
}

/** The `heldDue` event: requests held at an idle end have arrived. */
export function onHeldDue(swarm: SwarmState, endId: number): void {
  const end = swarm.ends[endId];
  end.heldWakeUs = -1;
  if (!end.open || !end.owner.present) return;
  admitHeld(swarm, end);
  swarm.pump(end.owner);
  wakeIfIdle(swarm, end);
}

function advance(end: WireEnd, head: number): void {
  if (head === end.heldBlocks.length) {
    end.heldBlocks.length = 0;
    end.heldUs.length = 0;
    end.heldHead = 0;
  } else end.heldHead = head;
}
