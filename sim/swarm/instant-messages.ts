/**
 * Lean model (`network.model: lean`): control messages that skip the event
 * queue because their latency cannot change what their receiver does.
 *
 * - REQUEST and CANCEL to a remote that is serving us (a run in progress,
 *   requests queued, or the run it just delivered being answered): with the
 *   pipeline full they would reach it before its queue for us runs dry, so
 *   they join the queue now (lean-transfer.ts).
 * - A HAVE that leaves the receiver's interest as it is: the receiver is
 *   already interested in us, already knows the piece, or is a seed (a
 *   super-seed reacts to HAVEs, so it gets them as messages). This is what
 *   most HAVEs are — a completed piece announced to every neighbour — and it
 *   only updates the receiver's view and piece counts.
 *
 * Everything else, and anything sent on a connection while an earlier
 * message is still on its way (messages keep their order), is an ordinary
 * message. Instant messages are delivered in the order sent, after the
 * action that sent them, within the same engine event (`drain`), so no
 * protocol handler runs inside another.
 */
import { Msg } from "../protocol/wire/messages.ts";
import type { WireEnd } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";
import { deliverMessage } from "./wire-delivery.ts";

/** Queue entries: a control message (end, word), or a block a cut-off run delivers (end, block, tag). */
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

  /** Whether `msg` from `end`'s peer skips the event queue (the rules above; refills: `refillSentUs`). */
  skipsQueue(end: WireEnd, msg: number, arg: number): boolean {
    const s = this.swarm;
    if (end.lastMessageUs > s.sim.now) return false;
    const receiver = s.ends[end.id ^ 1];
    if (msg === Msg.Request || msg === Msg.Cancel) return this.busyFor(receiver) >= end.latencyUs;
    if (msg !== Msg.Have) return false;
    const wire = receiver.owner.wire;
    if (wire === undefined || wire.superSeed !== null) return false;
    return receiver.useful > 0 || wire.isSeed || receiver.remoteHas(arg);
  }

  /**
   * A REQUEST or CANCEL sent in reply to a run being delivered: when the
   * block it answers would have landed (its end within the run plus the
   * latency), the time it leaves; −1 otherwise.
   */
  refillSentUs(end: WireEnd, msg: number): number {
    if (msg !== Msg.Request && msg !== Msg.Cancel) return -1;
    const receiver = this.swarm.ends[end.id ^ 1];
    return receiver.refilling ? receiver.refillBlockUs + end.latencyUs : -1;
  }

  /** How long (µs) `end`'s peer will go on sending on it: its run in progress and the requests queued behind. */
  private busyFor(end: WireEnd): number {
    if (end.theirRequests.length > 0) return Number.POSITIVE_INFINITY;
    if (end.activeTx.length === 0) return 0;
    const pool = this.swarm.transferPool;
    const tx = end.activeTx[0];
    const rate = pool.rate[tx];
    if (rate <= 0) return Number.POSITIVE_INFINITY;
    return (pool.remaining[tx] / rate) * 1e6 - (this.swarm.sim.now - pool.settledUs[tx]);
  }

  /** Nothing is queued: a message delivered now keeps its order. */
  get idle(): boolean {
    return this.head === this.ends.length;
  }

  /** Queues a message for delivery at the end of the current action. */
  push(toEnd: number, word: number): void {
    this.kinds.push(MESSAGE);
    this.ends.push(toEnd);
    this.words.push(word);
    this.tags.push(0);
  }

  /** Queues a block that reached `toEnd` before its run was cut off (lean-uplink.ts `abortRun`). */
  pushBlock(toEnd: number, block: number, tag: number): void {
    this.kinds.push(BLOCK);
    this.ends.push(toEnd);
    this.words.push(block);
    this.tags.push(tag);
  }

  /** Delivers the queued messages in order (including those their delivery sends). */
  drain(): void {
    if (this.draining) return;
    this.draining = true;
    while (this.head < this.ends.length) {
      const i = this.head++;
      if (this.kinds[i] === MESSAGE) deliverMessage(this.swarm, this.ends[i], this.words[i]);
      else this.deliverBlock(this.ends[i], this.words[i], this.tags[i]);
    }
    this.kinds.length = 0;
    this.ends.length = 0;
    this.words.length = 0;
    this.tags.length = 0;
    this.head = 0;
    this.draining = false;
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
