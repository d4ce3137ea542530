/**
 * The protocol's Outbox over the engine and the links: each call is carried
 * out at once, in the order the protocol makes it (which is what keeps runs
 * deterministic). Control messages are scheduled a pair latency later as
 * (end, arg × 16 + code); payload blocks go through the uplink; timers
 * become engine events; reports update the swarm's counters and observers.
 *
 * This is the one place where message delivery could be batched or
 * coalesced without touching the protocol.
 */
import type { Connection } from "../protocol/wire/connection.ts";
import { HANDSHAKE_BYTES, messageBytes, pexBytes } from "../protocol/wire/message-bytes.ts";
import { Msg } from "../protocol/wire/messages.ts";
import type { AnnounceCode, Outbox, Timer } from "../protocol/wire/outbox.ts";
import {
  admitHeld,
  dropAllHeld,
  dropArrivedHeld,
  holdRequest,
  wakeIfIdle,
} from "./held-requests.ts";
import { InstantMessages } from "./instant-messages.ts";
import { chargeDownlink, chargeUplink } from "./lean-quota.ts";
import { cutRun } from "./lean-uplink.ts";
import { CLOSED_END, type WireEnd } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";
import { sendTracker } from "./tracker-link.ts";
import { flushOverhead, queueForUpload } from "./uplink.ts";
import { MESSAGE_CODES, TIMER_KINDS, traceWire } from "./wire-words.ts";

export class SwarmOutbox implements Outbox {
  readonly rechoked?: Outbox["rechoked"];
  /** Lean model: messages that skip the event queue (instant-messages.ts); null under the block model. */
  readonly instant: InstantMessages | null;

  constructor(private readonly swarm: SwarmState) {
    this.instant = swarm.lean ? new InstantMessages(swarm) : null;
    const onRechoke = swarm.onRechoke;
    if (onRechoke !== undefined) {
      this.rechoked = (peer, regular, optimistic) =>
        onRechoke(peer, swarm.sim.now, regular, optimistic);
    }
  }

  send(conn: Connection, msg: Msg, arg: number): void {
    const s = this.swarm;
    const bytes = messageBytes(msg, s.geometry.pieceCount);
    if (s.overhead.enabled) {
      s.overhead.message(conn.peer, conn.remote, bytes);
      flushOverhead(s, conn.peer, conn.remote);
    }
    // Lean: a choke stops the runs to the remote after the block on the wire (lean-uplink.ts).
    if (msg === Msg.Choke && s.lean) cutRun(s, conn as WireEnd, -1);
    // Lean: requests held here that arrived before the (un)choke are gone (held-requests.ts).
    if ((msg === Msg.Choke || msg === Msg.Unchoke) && s.lean) {
      dropArrivedHeld(s, conn as WireEnd);
      if (msg === Msg.Unchoke) wakeIfIdle(s, conn as WireEnd);
    }
    const word = arg * MESSAGE_CODES + msg;
    if (s.onWire !== undefined) traceWire(s, "send", conn.peer, conn.remote, word);
    if (this.instant !== null) this.sendLean(conn as WireEnd, msg, arg, bytes, word);
    else s.sim.schedule(this.delayUs(conn, bytes), s.ev.message, conn.id ^ 1, word);
  }

  /**
   * Lean model: a message takes the event queue only when its time can matter
   * (instant-messages.ts, held-requests.ts, wire-delivery.ts).
   */
  private sendLean(end: WireEnd, msg: Msg, arg: number, bytes: number, word: number): void {
    const s = this.swarm;
    const instant = this.instant!;
    // A reply to something taken ahead of its landing leaves when that would have landed.
    const from = instant.replyLeavesUs(end, msg);
    if (from >= 0) {
      const d = this.delayUs(end, bytes, from);
      if (d <= 0) instant.push(end.id ^ 1, word, s.sim.now);
      else if (!this.held(end, msg, arg, d)) this.schedule(end, word, d);
      return;
    }
    // An inert HAVE, with nothing before it on its way on the connection, is taken as it is sent.
    if (msg === Msg.Have && end.lastMessageUs <= s.sim.now && s.onWire === undefined) {
      const to = s.ends[end.id ^ 1];
      if (
        to.instantQueued === 0 &&
        to.open &&
        to.owner.present &&
        to.owner.wire.takeInertHave(to, arg)
      )
        return;
    }
    if (instant.skipsQueue(end, msg, arg)) {
      // The replies it sets off leave when it would have arrived (rate limiter waits aside).
      instant.push(end.id ^ 1, word, s.sim.now + end.latencyUs);
      return;
    }
    const d = this.delayUs(end, bytes);
    if (!this.held(end, msg, arg, d)) this.schedule(end, word, d);
  }

  private schedule(end: WireEnd, word: number, delayUs: number): void {
    const s = this.swarm;
    end.lastEventUs = s.sim.now + Math.round(delayUs);
    s.sim.schedule(delayUs, s.ev.message, end.id ^ 1, word);
  }

  /**
   * Lean: a REQUEST waits at the remote's end (held-requests.ts) — unless a
   * message sent before it arrives as an event in the same microsecond: the
   * request must not be taken before that one.
   */
  private held(end: WireEnd, msg: Msg, arg: number, delayUs: number): boolean {
    if (msg !== Msg.Request) return false;
    const s = this.swarm;
    const target = s.ends[end.id ^ 1];
    const arrivesUs = s.sim.now + Math.round(delayUs);
    if (!target.open || arrivesUs <= end.lastEventUs) return false;
    // BEP 6: a request to a peer that chokes us meets its REJECT or allowed-fast rule on arrival.
    if (target.fast && target.amChoking) return false;
    holdRequest(target, arg, arrivesUs);
    // An idle end is woken at the arrival (one being answered is, once the answer is done).
    if (target.repliesLeaveUs < 0) wakeIfIdle(s, target);
    return true;
  }

  /**
   * A message's way to the remote: the pair's latency, and with ticking rate
   * limiters (net/quota-ticks.ts) the waits for the sender's upload quota and
   * then the receiver's download quota. A connection that holds quota already
   * sends or reads at once: libtorrent asks quota per connection, for its
   * whole send buffer when it sends blocks and for all the bytes it has
   * requested when it downloads (peer_connection.cpp `wanted_transfer`), so
   * messages on such a connection ride on that quota. Otherwise the receiver
   * reads it once its connection's read request, queued since its previous
   * read, has quota (net/quota-ticks.ts `readAt`). `sentUs`: when it
   * leaves, if not now (a lean refill, instant-messages.ts). Returns the delay
   * from now (≤ 0: it would already be there).
   */
  private delayUs(conn: Connection, bytes: number, sentUs = this.swarm.sim.now): number {
    const s = this.swarm;
    const end = conn as WireEnd;
    const now = s.sim.now;
    if (s.quota === null) {
      if (!s.lean) return end.latencyUs;
      // Lean: instant messages must not overtake one still on its way.
      end.lastMessageUs = Math.max(sentUs + end.latencyUs, end.lastMessageUs);
      return end.lastMessageUs - now;
    }
    // Lean: requests held here that have arrived are queued ones (held-requests.ts).
    if (end.heldBlocks.length > 0) admitHeld(s, end);
    const sending = end.activeTx.length > 0 || end.theirRequests.length > 0;
    // Lean: a limiter asked sees the runs' blocks begun by now first (lean-quota.ts).
    if (!sending && s.lean) chargeUplink(s, end.owner);
    const sent = sending ? sentUs : s.quota.sendAt(conn.peer, 0, sentUs, bytes);
    const arrives = sent + end.latencyUs;
    const receiver = s.ends[conn.id ^ 1];
    const reading = receiver.myRequests.length > 0;
    if (!reading && s.lean) chargeDownlink(s, end.remotePeer);
    const read = reading
      ? arrives
      : s.quota.readAt(conn.remote, arrives, bytes, receiver.lastReadUs);
    receiver.lastReadUs = Math.max(receiver.lastReadUs, read);
    // Messages on one connection arrive in the order sent (one TCP stream).
    end.lastMessageUs = Math.max(read, end.lastMessageUs);
    return end.lastMessageUs - now;
  }

  uploadReady(conn: Connection): void {
    const end = conn as WireEnd;
    queueForUpload(end);
    this.swarm.pump(end.owner);
  }

  /**
   * Lean model, a choke with the Fast Extension (fast-extension.ts
   * `chokeFast`): requests held here that have arrived join the queue (they
   * came while the remote was unchoked), those still on their way become
   * ordinary messages that meet the choke when they arrive, and the blocks of
   * the run in progress not yet begun go back to the head of the queue. The
   * block model takes one block at a time: nothing to hand back.
   */
  takeBackQueued(conn: Connection): void {
    const s = this.swarm;
    if (!s.lean) return;
    const end = conn as WireEnd;
    admitHeld(s, end);
    for (let i = end.heldHead; i < end.heldBlocks.length; i++) {
      const word = end.heldBlocks[i] * MESSAGE_CODES + Msg.Request;
      s.sim.scheduleAt(end.heldUs[i], s.ev.message, end.id, word);
    }
    dropAllHeld(end);
    const unsent: number[] = [];
    cutRun(s, end, -1, unsent);
    if (unsent.length > 0) end.theirRequests.unshift(...unsent);
  }

  /**
   * The dialler's handshake (with its bitfield) reaches the remote a latency
   * later; with ticking rate limiters it waits first for the dialler's upload
   * quota, and is read once the acceptor's read request, asked for when it
   * accepted the TCP connection (a latency after the dial), has quota
   * (peer_connection.cpp: every byte of a connection, the handshake's too,
   * goes through the bandwidth manager; `setup_receive` on accept).
   */
  dial(peer: number, remote: number): void {
    const s = this.swarm;
    const latencyUs = s.latency.between(peer, remote);
    if (s.quota === null) {
      s.sim.schedule(latencyUs, s.ev.connectArrive, peer, remote);
      return;
    }
    const now = s.sim.now;
    const bytes = HANDSHAKE_BYTES + s.peers[peer].wire.advertisedBytes();
    s.quota.openReads(peer, now);
    if (s.lean) chargeUplink(s, s.peers[peer]);
    const sent = s.quota.sendAt(peer, 0, now, bytes);
    const accepted = now + latencyUs;
    s.quota.openReads(remote, now);
    if (s.lean) chargeDownlink(s, s.peers[remote]);
    const read = s.quota.readAt(remote, Math.max(sent + latencyUs, accepted), bytes, accepted);
    s.sim.schedule(read - now, s.ev.connectArrive, peer, remote);
  }

  closing(conn: Connection): void {
    const s = this.swarm;
    s.interestTime.closed(conn.peer, conn.amInterested, s.sim.now);
    const end = conn as WireEnd;
    const other = s.ends[conn.id ^ 1];
    for (const tx of end.activeTx.slice()) s.abortTransfer(tx);
    for (const tx of other.activeTx.slice()) s.abortTransfer(tx);
    dropAllHeld(end);
  }

  sendClose(conn: Connection, idle: boolean): void {
    const s = this.swarm;
    s.sim.schedule((conn as WireEnd).latencyUs, s.ev.close, conn.id ^ 1, idle ? 1 : 0);
  }

  closed(conn: Connection): void {
    // Both sides closed: nothing in flight refers to the pair any more (transfers
    // were aborted; late messages and closes only test `open`), so the swarm lets
    // go of them. A long run then holds its open connections, not every
    // connection it ever made.
    const ends = this.swarm.ends;
    if (!ends[conn.id ^ 1].open) {
      ends[conn.id] = CLOSED_END;
      ends[conn.id ^ 1] = CLOSED_END;
    }
  }

  sendPex(conn: Connection, peers: number[]): void {
    const s = this.swarm;
    if (s.overhead.enabled) {
      s.overhead.message(conn.peer, conn.remote, pexBytes(peers.length));
      flushOverhead(s, conn.peer, conn.remote);
    }
    const key = s.pexInFlight.put(peers);
    s.sim.schedule(this.delayUs(conn, pexBytes(peers.length)), s.ev.pexMessage, conn.id ^ 1, key);
  }

  announce(peer: number, event: AnnounceCode): void {
    sendTracker(this.swarm, peer, event);
  }

  hostGone(remote: number): boolean {
    return this.swarm.present[remote] === 0;
  }

  setTimer(peer: number, kind: Timer, delayUs: number, arg: number): void {
    const s = this.swarm;
    s.sim.schedule(delayUs, s.ev.timer, peer, arg * TIMER_KINDS + kind);
  }

  // ---- reports -------------------------------------------------------------

  interestChanged(peer: number, interested: boolean): void {
    const s = this.swarm;
    s.interestTime.interest(peer, interested, s.sim.now);
  }

  blockReceived(conn: Connection, bytes: number): void {
    const s = this.swarm;
    s.downloadedBytes[conn.peer] += bytes;
    s.totals.downloadedBytes += bytes;
  }

  blockLost(bytes: number): void {
    this.swarm.totals.lostInTransitBytes += bytes;
  }

  duplicateBlock(bytes: number): void {
    this.swarm.totals.wastedDuplicateBytes += bytes;
  }

  pieceAccepted(peer: number, piece: number): void {
    const s = this.swarm;
    s.piecesHave[peer] = s.peers[peer].wire.haveCount;
    s.copies[piece]++;
  }

  pieceRejected(peer: number, piece: number): void {
    const s = this.swarm;
    s.totals.hashFailures++;
    s.totals.redownloadedPieces++;
    s.totals.wastedCorruptBytes += s.geometry.pieceLength(piece);
    s.emit("hash_failure", peer, piece);
  }

  blamed(sender: number): void {
    this.swarm.hashFailures[sender]++;
  }

  banned(peer: number, culprit: number): void {
    const s = this.swarm;
    s.bannedFlag[culprit] = 1;
    s.emit("ban", peer, culprit);
  }

  completed(peer: number): void {
    this.swarm.completed(this.swarm.peers[peer]);
  }
}
