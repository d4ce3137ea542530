/**
 * Lean model (`network.model: lean`): control messages that skip the event
 * queue because their latency cannot change what their receiver does.
 *
 * - CANCEL to a remote that is serving us (a run in progress, requests
 *   queued): it reaches the remote before its queue for us is read again, so
 *   it takes effect now. (REQUESTs wait at the remote's end instead,
 *   held-requests.ts.)
 * - A HAVE that leaves the receiver's interest as it is: the receiver is
 *   already interested in us, already knows the piece, or is a seed (a
 *   super-seed reacts to HAVEs, so it gets them as messages). This is what
 *   most HAVEs are — a completed piece announced to every neighbour — and it
 *   only updates the receiver's view and piece counts, and may let it
 *   request the piece: those requests leave when the HAVE would have arrived
 *   (`repliesLeaveUs`), as a run's refills leave when their blocks would have
 *   landed, so what reaches us does so on time.
 *
 * Everything else, and anything sent on a connection while an earlier
 * message is still on its way (messages keep their order), is an ordinary
 * message. Instant messages are delivered in the order sent, after the
 * action that sent them, within the same engine event (`drain`), so no
 * protocol handler runs inside another.
 */
import { Msg } from "../protocol/wire/messages.ts";
import { admitHeld, wakeIfIdle } from "./held-requests.ts";
import type { WireEnd } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";
import { deliverMessage } from "./wire-delivery.ts";
import { MESSAGE_CODES } from "./wire-words.ts";

/** Queue entries: a control message (end, word, when it would arrive), or a block a cut-off run delivers (end, block, tag). */
const MESSAGE = 0;
const BLOCK = 1;

export class InstantMessages {
  private kinds: number[] = [];
  private ends: number[] = [];
  private words: number[] = [];
  private tags: number[] = [];
  private head = 0;
  private draining = false;

  constructor(private readonly swarm: SwarmState) {}

  /** Whether `msg` from `end`'s peer skips the event queue (the rules above; replies: `replyLeavesUs`). */
  skipsQueue(end: WireEnd, msg: number, arg: number): boolean {
    const s = this.swarm;
    if (end.lastMessageUs > s.sim.now) return false;
    const receiver = s.ends[end.id ^ 1];
    if (msg === Msg.Cancel) return this.busyFor(receiver) >= end.latencyUs;
    if (msg !== Msg.Have) return false;
    const wire = receiver.owner.wire;
    if (wire === undefined || wire.superSeed !== null) return false;
    return receiver.useful > 0 || wire.isSeed || receiver.remoteHas(arg);
  }

  /**
   * A REQUEST or CANCEL sent in reply to something taken ahead of its landing
   * (a run's block, an instant HAVE): when that would have landed, the time
   * it leaves; −1 otherwise.
   */
  replyLeavesUs(end: WireEnd, msg: number): number {
    if (msg !== Msg.Request && msg !== Msg.Cancel) return -1;
    return this.swarm.ends[end.id ^ 1].repliesLeaveUs;
  }

  /** How long (µs) `end`'s peer will go on sending on it: its run in progress and the requests queued behind. */
  private busyFor(end: WireEnd): number {
    if (end.heldBlocks.length > 0) admitHeld(this.swarm, end);
    if (end.theirRequests.length > 0) return Number.POSITIVE_INFINITY;
    if (end.activeTx.length === 0) return 0;
    const pool = this.swarm.transferPool;
    const tx = end.activeTx[0];
    const rate = pool.rate[tx];
    if (rate <= 0) return Number.POSITIVE_INFINITY;
    return (pool.remaining[tx] / rate) * 1e6 - (this.swarm.sim.now - pool.settledUs[tx]);
  }

  /** Queues a message for delivery at the end of the current action; it would have arrived at `arrivesUs`. */
  push(toEnd: number, word: number, arrivesUs: number): void {
    this.swarm.ends[toEnd].instantQueued++;
    this.kinds.push(MESSAGE);
    this.ends.push(toEnd);
    this.words.push(word);
    this.tags.push(arrivesUs);
  }

  /** Queues a block that reached `toEnd` before its run was cut off (lean-uplink.ts `abortRun`). */
  pushBlock(toEnd: number, block: number, tag: number): void {
    this.swarm.ends[toEnd].instantQueued++;
    this.kinds.push(BLOCK);
    this.ends.push(toEnd);
    this.words.push(block);
    this.tags.push(tag);
  }

  /** Delivers the queued messages in order (including those their delivery sends). */
  drain(): void {
    if (this.draining || this.head === this.ends.length) return;
    this.draining = true;
    while (this.head < this.ends.length) {
      const i = this.head++;
      this.swarm.ends[this.ends[i]].instantQueued--;
      if (this.kinds[i] === MESSAGE) this.deliver(this.ends[i], this.words[i], this.tags[i]);
      else this.deliverBlock(this.ends[i], this.words[i], this.tags[i]);
    }
    this.kinds.length = 0;
    this.ends.length = 0;
    this.words.length = 0;
    this.tags.length = 0;
    this.head = 0;
    this.draining = false;
  }

  /** An instant message is taken now; the requests it sets off leave when it would have arrived (file comment). */
  private deliver(endId: number, word: number, arrivesUs: number): void {
    const s = this.swarm;
    const from = s.ends[endId ^ 1];
    if (word % MESSAGE_CODES !== Msg.Have || !from.open) {
      deliverMessage(s, endId, word);
      return;
    }
    from.repliesLeaveUs = Math.max(s.sim.now, arrivesUs);
    deliverMessage(s, endId, word);
    from.repliesLeaveUs = -1;
    // Requests it set off wait at our end (held-requests.ts): wake it if idle.
    wakeIfIdle(s, from);
  }

  private deliverBlock(endId: number, block: number, tag: number): void {
    const s = this.swarm;
    const end = s.ends[endId];
    const bytes = s.geometry.blockLength(block);
    if (!end.open || !end.owner.present) {
      s.totals.lostInTransitBytes += bytes;
      return;
    }
    // It left at least a latency ago (abortRun), which the --check ledger's arrival rule allows.
    s.onBlockDelivered?.(end.remote, end.peer, bytes, 0);
    end.owner.wire.onBlock(end, block, bytes, tag);
  }
}
