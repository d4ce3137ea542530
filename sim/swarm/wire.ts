/**
 * The peer wire (BEP 3) over the simulated network: connection set-up,
 * BITFIELD/HAVE, INTERESTED/NOT_INTERESTED, CHOKE/UNCHOKE, REQUEST/CANCEL.
 * Every message costs the pair's one-way latency and messages between a pair
 * arrive in the order sent (constant latency per pair, FIFO ties in the
 * event queue). Payload blocks travel through uplink.ts.
 *
 * What a peer knows about a remote is only what messages have told it: its
 * end's view of the remote's pieces (`remoteHas`) and the choke/interest flags.
 */

import { US_PER_SECOND } from "../engine/time.ts";
import { requestQueueDepth } from "../protocol/requests/queue-depth.ts";
import { announceEarlyIfShort, dialKnown, forget } from "./announce.ts";
import { fillFreeSlots, onPeerLostInterest } from "./choking.ts";
import type { ConnEnd } from "./connection.ts";
import { ConnEnd as End } from "./connection.ts";
import { WIRE_MESSAGES, type WireTrace } from "./observe.ts";
import type { Peer } from "./peer.ts";
import { nextRequest, releaseRequest } from "./requests.ts";
import type { Swarm } from "./swarm.ts";
import { abortTransfer, pumpUplink } from "./uplink.ts";

/** A peer that refused our connection (full) is not dialled again for this long (libtorrent's min_reconnect_time). */
const RECONNECT_BACKOFF_US = 60 * US_PER_SECOND;

/** Message codes, carried in the event's second argument as piece/block × 8 + code. */
export const Msg = {
  Bitfield: 0,
  Have: 1,
  Interested: 2,
  NotInterested: 3,
  Choke: 4,
  Unchoke: 5,
  Request: 6,
  Cancel: 7,
} as const;
export type Msg = (typeof Msg)[keyof typeof Msg];

export function registerWireHandlers(swarm: Swarm): void {
  swarm.ev.connectArrive = swarm.sim.register((from, to) => onConnectArrive(swarm, from, to));
  // b = target id, or −(target + 1) when the target has left (then it is forgotten).
  swarm.ev.connectRefused = swarm.sim.register((from, code) => {
    const peer = swarm.peers[from];
    const gone = code < 0;
    const to = gone ? -code - 1 : code;
    peer.pendingTo.delete(to);
    if (gone) forget(peer, to);
    else peer.retryAfterUs.set(to, swarm.sim.now + RECONNECT_BACKOFF_US);
  });
  swarm.ev.message = swarm.sim.register((endId, word) => {
    const end = swarm.ends[endId];
    if (!end.open || !end.peer.present) return;
    if (swarm.onWire !== undefined) trace(swarm, "deliver", end.remote.id, end.peer.id, word);
    onMessage(swarm, end, (word % 8) as Msg, Math.floor(word / 8));
  });
  // b = 1 when the remote closed the connection as useless (see choking.ts).
  swarm.ev.close = swarm.sim.register((endId, idle) => {
    const end = swarm.ends[endId];
    if (!end.open) return;
    if (idle === 1)
      end.peer.retryAfterUs.set(end.remote.id, swarm.sim.now + swarm.timing.inactivityUs);
    closeEnd(swarm, end, false);
  });
}

/** Sends a message from `end`'s peer to its remote. */
export function send(swarm: Swarm, end: ConnEnd, msg: Msg, arg = 0): void {
  const delay = end.latencyUs;
  swarm.sim.schedule(delay, swarm.ev.message, end.id ^ 1, arg * 8 + msg);
  if (swarm.onWire !== undefined) trace(swarm, "send", end.peer.id, end.remote.id, arg * 8 + msg);
}

/** Reports a message to `swarm.onWire` (tests only; the hot path just checks the hook). */
function trace(swarm: Swarm, kind: WireTrace["kind"], from: number, to: number, word: number) {
  swarm.onWire?.({
    timeUs: swarm.sim.now,
    kind,
    from,
    to,
    msg: WIRE_MESSAGES[word % 8],
    arg: Math.floor(word / 8),
  });
}

/** Dials a remote: the handshake reaches it after the pair's latency. */
export function connect(swarm: Swarm, peer: Peer, remote: Peer): void {
  peer.pendingTo.add(remote.id);
  swarm.sim.schedule(
    swarm.latency.between(peer.id, remote.id),
    swarm.ev.connectArrive,
    peer.id,
    remote.id,
  );
}

function onConnectArrive(swarm: Swarm, fromId: number, toId: number): void {
  const from = swarm.peers[fromId];
  const to = swarm.peers[toId];
  from.pendingTo.delete(toId);
  const maxConn = swarm.config.protocol.max_connections;
  const refuse =
    !to.present ||
    !from.present ||
    to.banned.has(fromId) ||
    from.banned.has(toId) ||
    to.connectedTo.has(fromId) ||
    to.connectedTo.size >= maxConn ||
    from.connectedTo.size >= maxConn;
  if (refuse) {
    if (from.present) {
      // A departed target is reported as −(id + 1) so the dialler forgets it
      // (the handler expects this; without it, peers kept re-dialling the dead
      // every back-off period for as long as they stayed).
      swarm.sim.schedule(
        swarm.latency.between(fromId, toId),
        swarm.ev.connectRefused,
        fromId,
        to.present ? toId : -toId - 1,
      );
      from.pendingTo.add(toId);
    }
    return;
  }
  // Accepted: the handshake carried the dialler's bitfield, so the acceptor's
  // end is ready now; the dialler learns ours when our BITFIELD arrives.
  const now = swarm.sim.now;
  const base = swarm.ends.length;
  const latencyUs = swarm.latency.between(fromId, toId);
  const toEnd = new End(base, to, from, now, latencyUs, swarm.pieceViews);
  const fromEnd = new End(base + 1, from, to, now, latencyUs, swarm.pieceViews);
  swarm.ends.push(toEnd, fromEnd);
  for (const [peer, end, remote] of [
    [to, toEnd, from],
    [from, fromEnd, to],
  ] as const) {
    peer.ends.push(end);
    peer.connectedTo.set(remote.id, end);
    swarm.interestTime.opened(peer.id, now);
  }
  learnBitfield(swarm, toEnd);
  send(swarm, toEnd, Msg.Bitfield);
}

/** Copies the remote's current pieces into the end's view (a BITFIELD; union with HAVEs already seen). */
function learnBitfield(swarm: Swarm, end: ConnEnd): void {
  end.ready = true;
  const remote = end.remote.have;
  const peer = end.peer;
  for (let p = 0; p < remote.length; p++) {
    if (remote[p] === 1 && !end.remoteHas(p)) {
      end.noteRemoteHas(p);
      peer.availability[p]++;
      if (peer.have[p] === 0) end.useful++;
    }
  }
  updateInterest(swarm, end);
}

function onMessage(swarm: Swarm, end: ConnEnd, msg: Msg, arg: number): void {
  switch (msg) {
    case Msg.Bitfield:
      learnBitfield(swarm, end);
      return;
    case Msg.Have:
      onHave(swarm, end, arg);
      return;
    case Msg.Interested:
      end.peerInterested = true;
      end.noteInterest(swarm.sim.now);
      if (end.amChoking) fillFreeSlots(swarm, end.peer);
      return;
    case Msg.NotInterested:
      end.peerInterested = false;
      end.noteInterest(swarm.sim.now);
      onPeerLostInterest(swarm, end);
      return;
    case Msg.Choke:
      end.peerChoking = true;
      // BEP 3: a choke discards every outstanding request; ask again elsewhere.
      for (const b of end.myRequests) releaseRequest(swarm, end.peer, b);
      end.myRequests.length = 0;
      refillAll(swarm, end.peer);
      return;
    case Msg.Unchoke:
      end.peerChoking = false;
      end.remoteUnchokedUsAt = swarm.sim.now;
      requestMore(swarm, end);
      return;
    case Msg.Request:
      // Requests from a peer we choke are dropped (BEP 3).
      if (end.amChoking) return;
      // A request already queued is ignored (libtorrent does the same): after a
      // choke raced with a re-unchoke, the remote re-asks for blocks we still
      // hold queued, and serving both copies only wastes the uplink.
      if (end.theirRequests.includes(arg)) return;
      end.theirRequests.push(arg);
      queueForUpload(end);
      pumpUplink(swarm, end.peer);
      return;
    case Msg.Cancel: {
      const i = end.theirRequests.indexOf(arg);
      if (i >= 0) end.theirRequests.splice(i, 1);
      return;
    }
    default: {
      const unreachable: never = msg;
      throw new Error(`unknown message ${unreachable}`);
    }
  }
}

function onHave(swarm: Swarm, end: ConnEnd, piece: number): void {
  if (end.remoteHas(piece)) return;
  end.noteRemoteHas(piece);
  const peer = end.peer;
  peer.availability[piece]++;
  if (peer.have[piece] === 0) {
    end.useful++;
    if (end.useful === 1) updateInterest(swarm, end);
    else if (!end.peerChoking) requestMore(swarm, end);
  }
}

export function queueForUpload(end: ConnEnd): void {
  if (!end.inUploadQueue) {
    end.inUploadQueue = true;
    end.peer.uploadQueue.push(end);
  }
}

/** Sends INTERESTED / NOT_INTERESTED when our interest in the remote changes. */
export function updateInterest(swarm: Swarm, end: ConnEnd): void {
  if (!end.ready) return;
  const want = end.useful > 0 && !end.peer.isSeed;
  if (want === end.amInterested) return;
  end.amInterested = want;
  if (want) end.amInterestedSinceUs = swarm.sim.now;
  if (end.open) swarm.interestTime.interest(end.peer.id, want, swarm.sim.now);
  end.noteInterest(swarm.sim.now);
  send(swarm, end, want ? Msg.Interested : Msg.NotInterested);
  if (want) requestMore(swarm, end);
}

/** Fills the request pipeline to the remote, if it unchokes us and we want something. */
export function requestMore(swarm: Swarm, end: ConnEnd): void {
  if (!end.amInterested || end.peerChoking || !end.open) return;
  // Rate as the choker measures it: payload bytes over the last two rechoke periods.
  const rate = ((end.recvCur + end.recvPrev) * US_PER_SECOND) / (2 * swarm.timing.rechokeUs);
  const depth = requestQueueDepth(swarm.config.protocol, swarm.config.torrent.block_size, rate);
  while (end.myRequests.length < depth) {
    const block = nextRequest(swarm, end);
    if (block < 0) return;
    end.myRequests.push(block);
    send(swarm, end, Msg.Request, block);
  }
}

/** Offers every unchoked connection the chance to request (after requests were released). */
export function refillAll(swarm: Swarm, peer: Peer): void {
  for (const e of peer.ends) if (e.amInterested && !e.peerChoking) requestMore(swarm, e);
}

/**
 * Closes our side of a connection now; with `notify`, the remote closes its
 * side after the latency (a departure or a ban). In-flight blocks in either
 * direction are lost.
 */
export function closeEnd(swarm: Swarm, end: ConnEnd, notify: boolean, idle = false): void {
  end.open = false;
  const peer = end.peer;
  swarm.interestTime.closed(peer.id, end.amInterested, swarm.sim.now);
  const other = swarm.ends[end.id ^ 1];
  for (const tx of end.activeTx.slice()) abortTransfer(swarm, tx);
  for (const tx of other.activeTx.slice()) abortTransfer(swarm, tx);
  const i = peer.ends.indexOf(end);
  if (i >= 0) peer.ends.splice(i, 1);
  peer.connectedTo.delete(end.remote.id);
  if (peer.optimistic === end) peer.optimistic = null;
  const availability = peer.availability;
  end.forEachRemotePiece((p) => availability[p]--);
  end.releaseView();
  for (const b of end.myRequests) releaseRequest(swarm, peer, b);
  end.myRequests.length = 0;
  end.theirRequests.length = 0;
  if (idle) peer.retryAfterUs.set(end.remote.id, swarm.sim.now + swarm.timing.inactivityUs);
  if (notify) {
    const delay = end.latencyUs;
    swarm.sim.schedule(delay, swarm.ev.close, other.id, idle ? 1 : 0);
  }
  if (!end.remote.present) forget(peer, end.remote.id);
  if (peer.present) {
    dialKnown(swarm, peer);
    announceEarlyIfShort(swarm, peer);
    refillAll(swarm, peer);
    if (!end.amChoking) fillFreeSlots(swarm, peer);
  }
  // Both sides closed: nothing in flight refers to the pair any more (transfers
  // were aborted above; late messages and closes only test `open`), so the
  // swarm lets go of them. A long run then holds its open connections, not
  // every connection it ever made.
  if (!other.open) {
    swarm.ends[end.id] = CLOSED_END;
    swarm.ends[other.id] = CLOSED_END;
  }
}

/** Stands in the end table for both ends of a connection closed on both sides. */
const CLOSED_END = Object.freeze({
  open: false,
  activeTx: Object.freeze([]),
}) as unknown as ConnEnd;
