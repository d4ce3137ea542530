/**
 * Delivery: engine events that reach a peer and become protocol inputs —
 * handshakes, control messages, closes, PEX lists and timers. Every message
 * costs the pair's one-way latency, and messages between a pair arrive in the
 * order sent (constant latency per pair, FIFO ties in the event queue).
 * Messages to a closed connection or a departed peer are dropped.
 *
 * The handshake is decided here because it reads both sides at the moment it
 * lands: the acceptor may refuse (banned, already connected, full), and so may
 * the dialler (banned the acceptor meanwhile, or full).
 */

import { HANDSHAKE_BYTES } from "../protocol/wire/message-bytes.ts";
import { Msg } from "../protocol/wire/messages.ts";
import { Timer } from "../protocol/wire/outbox.ts";
import { admitHeld } from "./held-requests.ts";
import { cutRun, reportProgress } from "./lean-uplink.ts";
import { WireEnd } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";
import { flushOverhead } from "./uplink.ts";
import { MESSAGE_CODES, TIMER_KINDS, traceWire } from "./wire-words.ts";

/** Engine handlers of the peer wire, registered once by the swarm. */
export function wireHandlers(swarm: SwarmState) {
  return {
    connectArrive: (from: number, to: number) => onConnectArrive(swarm, from, to),
    // b = target id, or −(target + 1) when the target has left (then it is forgotten).
    connectRefused: (from: number, code: number) => {
      const gone = code < 0;
      swarm.peers[from].wire.onDialRefused(gone ? -code - 1 : code, gone);
    },
    message: (endId: number, word: number) => deliverMessage(swarm, endId, word),
    // b = 1 when the remote closed the connection as useless.
    close: (endId: number, idle: number) => {
      const end = swarm.ends[endId];
      if (!end.open) return;
      end.owner.wire.onRemoteClosed(end, idle === 1);
    },
    pexMessage: (endId: number, key: number) => {
      const list = swarm.pexInFlight.take(key);
      const end = swarm.ends[endId];
      if (!end.open || !end.owner.present) return;
      end.owner.wire.learnPeers(list);
    },
    timer: (peer: number, word: number) => {
      const kind = (word % TIMER_KINDS) as Timer;
      // Lean: the rates the rechoke and the one-second tick read include runs in progress.
      if (swarm.lean && (kind === Timer.Rechoke || kind === Timer.Second)) {
        reportProgress(swarm, swarm.peers[peer]);
      }
      swarm.peers[peer].wire.onTimer(kind, Math.floor(word / TIMER_KINDS));
    },
  };
}

/** A control message (end, arg × 16 + code) reaches its end; dropped if the end closed or its peer left. */
export function deliverMessage(swarm: SwarmState, endId: number, word: number): void {
  const end = swarm.ends[endId];
  if (!end.open || !end.owner.present) return;
  if (swarm.onWire !== undefined) traceWire(swarm, "deliver", end.remote, end.peer, word);
  // Lean: requests held at this end that arrived first are taken first (held-requests.ts).
  if (end.heldBlocks.length > 0) admitHeld(swarm, end);
  const msg = (word % MESSAGE_CODES) as Msg;
  const arg = Math.floor(word / MESSAGE_CODES);
  // A BITFIELD's payload is the sender's pieces at delivery.
  const have = msg === Msg.Bitfield ? end.remotePeer.wire.advertisedPieces() : undefined;
  // Lean: a cancelled block that a run took from the queue but has not begun is not sent.
  if (msg === Msg.Cancel && swarm.lean) cutRun(swarm, end, arg);
  end.owner.wire.onMessage(end, msg, arg, have);
}

function onConnectArrive(swarm: SwarmState, fromId: number, toId: number): void {
  const from = swarm.peers[fromId];
  const to = swarm.peers[toId];
  from.wire.onDialLanded(toId);
  const refuse =
    !to.present || !from.present || !to.wire.acceptsFrom(fromId) || !from.wire.mayComplete(toId);
  if (refuse) {
    if (from.present) {
      // A departed target is reported as −(id + 1) so the dialler forgets it.
      swarm.sim.schedule(
        swarm.latency.between(fromId, toId),
        swarm.ev.connectRefused,
        fromId,
        to.present ? toId : -toId - 1,
      );
      from.wire.onDialRefusing(toId);
    }
    return;
  }
  // Accepted: the handshake carried the dialler's bitfield, so the acceptor's
  // end is ready now; the dialler learns ours when our BITFIELD arrives.
  const now = swarm.sim.now;
  const base = swarm.ends.length;
  const latencyUs = swarm.latency.between(fromId, toId);
  const toConn = new WireEnd(base, to, from, now, swarm.pieceViews, latencyUs);
  const fromConn = new WireEnd(base + 1, from, to, now, swarm.pieceViews, latencyUs);
  swarm.ends.push(toConn, fromConn);
  toConn.redundantHave = from.wire.wantsRedundantHave;
  fromConn.redundantHave = to.wire.wantsRedundantHave;
  to.wire.addConnection(toConn);
  swarm.interestTime.opened(toId, now);
  from.wire.addConnection(fromConn);
  swarm.interestTime.opened(fromId, now);
  if (swarm.overhead.enabled) {
    // Both handshakes, and the dialler's BITFIELD (or BEP 6 HAVE_ALL / HAVE_NONE)
    // that rides on its handshake (the acceptor's is a message of its own, charged when sent).
    const o = swarm.overhead;
    o.message(fromId, toId, HANDSHAKE_BYTES + from.wire.advertisedBytes());
    o.message(toId, fromId, HANDSHAKE_BYTES);
    flushOverhead(swarm, fromId, toId);
  }
  to.wire.onHandshake(toConn, from.wire.advertisedPieces());
}
