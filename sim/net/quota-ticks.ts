/**
 * A rate limiter that hands out its quota in ticks, as libtorrent's does
 * (`tick_interval` 500 ms; src/bandwidth_manager.cpp `update_quotas`,
 * src/bandwidth_limit.cpp, include/libtorrent/aux_/bandwidth_limit.hpp):
 *
 * - Each direction of a peer's link (its upload and download limit) has a
 *   bucket of quota, empty at start. At a tick, a bucket with a send waiting
 *   on it gains limit × tick, up to 3 × the limit (`update_quota`), and the
 *   waiting sends take their share.
 * - A send goes at once only if the bucket would still hold more than one
 *   second of quota after it (`need_queueing`); otherwise it waits for the
 *   next tick. So a cold link — and a saturated one, whose bucket the
 *   payload keeps empty — makes every message wait for a tick; a link idle
 *   for a while holds a full bucket and sends small messages at once.
 *
 * - Reading is asked for ahead (peer_connection.cpp `setup_receive`: every
 *   connection, from its connect or accept on, keeps a request for quota for
 *   its receive buffer queued after each read). So a download bucket has
 *   demand at every tick once its peer has a connection (`openReads`), and
 *   fills past a second's worth within three ticks; and a message is read
 *   when it arrives if its connection's read request was granted since its
 *   previous read — at the first tick after that read — not at the first
 *   tick after the message (`readAt`).
 *
 * The swarm applies it to control messages (on the sender's upload and the
 * receiver's download bucket) and to the first block on an idle uplink;
 * blocks on a busy link run at the reserved rate of net/links.ts, and draw
 * the bucket down. Each peer ticks on its own phase (a hash of its id; real
 * sessions start at arbitrary times). Times are integer µs.
 */
import { unitHash } from "../util/hash.ts";

/** bandwidth_limit.cpp update_quota: the bucket holds at most 3 × the limit. */
const BUCKET_SECONDS = 3;

export class QuotaTicks {
  /** Quota left in each bucket (bytes; may go below 0, as libtorrent's m_quota_left does). */
  private readonly bucket: [Float64Array, Float64Array];
  /** The last tick (µs) whose refill was counted, per bucket. */
  private readonly refilledTo: [Float64Array, Float64Array];
  /** Until when (µs) the bucket had something waiting on it: only ticks before this refill it. */
  private readonly demandUntil: [Float64Array, Float64Array];
  /** The last tick a send on the bucket was queued to (sends go in order). */
  private readonly queuedUntil: [Float64Array, Float64Array];
  private readonly phaseUs: Float64Array;

  constructor(
    peers: number,
    private readonly tickUs: number,
    /** Limits in bytes per second: [upload, download], per peer. */
    private readonly limit: readonly [Float64Array, Float64Array],
    seed: number,
  ) {
    const f = () => new Float64Array(peers);
    this.bucket = [f(), f()];
    this.refilledTo = [f().fill(-1), f().fill(-1)];
    this.demandUntil = [f().fill(-1), f().fill(-1)];
    this.queuedUntil = [f(), f()];
    this.phaseUs = f();
    for (let p = 0; p < peers; p++) {
      this.phaseUs[p] = Math.floor(unitHash(seed, p, 0x71c) * tickUs);
    }
  }

  /**
   * Whether the bucket has had demand since the last tick: a link sending
   * blocks back to back keeps the quota it was handed at that tick, and only
   * a link idle since then waits for the next one.
   */
  warm(peer: number, side: 0 | 1, tUs: number): boolean {
    return this.demandUntil[side][peer] >= this.tickAtOrBefore(peer, tUs);
  }

  /** The first tick of `peer` strictly after `tUs`. */
  nextTick(peer: number, tUs: number): number {
    return this.tickAtOrBefore(peer, tUs) + this.tickUs;
  }

  /**
   * When a send of `bytes` asked for at `tUs` on (peer, side) may go (side 0
   * upload, 1 download), taking its quota. Sends on one bucket go in order.
   */
  sendAt(peer: number, side: 0 | 1, tUs: number, bytes: number): number {
    const limit = this.limit[side][peer];
    if (limit <= 0) return tUs;
    this.refill(peer, side, tUs);
    const b = this.bucket[side];
    const queued = this.queuedUntil[side];
    if (tUs >= queued[peer] && b[peer] - bytes >= limit) {
      b[peer] -= bytes;
      return tUs;
    }
    // Waits for the next tick, whose refill it is the demand for.
    const at = Math.max(this.nextTick(peer, tUs), queued[peer]);
    this.demand(peer, side, tUs, at);
    this.refill(peer, side, at);
    b[peer] -= bytes;
    queued[peer] = at;
    return at;
  }

  /**
   * When a control message of `bytes` that reaches `peer` at `tUs` is read,
   * on a connection whose last read was at `lastReadUs` (or which opened
   * then): at once if the download bucket would still hold more than a
   * second's worth (`need_queueing`), else once the connection's read request,
   * queued since `lastReadUs`, was granted at the next tick after it. A
   * message that arrived by the connection's previous read is read with it
   * (one read takes what is in the socket, up to the connection's quota).
   */
  readAt(peer: number, tUs: number, bytes: number, lastReadUs: number): number {
    const limit = this.limit[1][peer];
    if (limit <= 0) return tUs;
    this.refill(peer, 1, tUs);
    const b = this.bucket[1];
    let at: number;
    if (tUs <= lastReadUs) at = lastReadUs;
    else if (b[peer] - bytes >= limit) at = tUs;
    else at = Math.max(tUs, this.nextTick(peer, lastReadUs));
    this.refill(peer, 1, at);
    b[peer] -= bytes;
    return at;
  }

  /** `peer` has a connection from `tUs` on: its download bucket has demand at every tick (a read is always asked for). */
  openReads(peer: number, tUs: number): void {
    if (this.limit[1][peer] <= 0 || this.demandUntil[1][peer] === Number.POSITIVE_INFINITY) return;
    this.refill(peer, 1, tUs);
    this.demand(peer, 1, tUs, Number.POSITIVE_INFINITY);
  }

  /**
   * A block of `bytes` started at `tUs` for `durationUs` (at the link's
   * reserved rate): it takes its quota, and the bucket has demand meanwhile.
   * On a `saturated` link (more blocks wait behind this one) quota beyond a
   * second's worth goes to the blocks too: libtorrent would spend it on a
   * burst above the limit, which the links here do not model (net/links.ts
   * never exceeds a capacity), so it is taken, not kept — a saturated link's
   * messages wait for ticks, as they do in libtorrent.
   */
  consume(
    peer: number,
    side: 0 | 1,
    tUs: number,
    bytes: number,
    durationUs: number,
    saturated: boolean,
  ): void {
    const limit = this.limit[side][peer];
    if (limit <= 0) return;
    this.refill(peer, side, tUs);
    const b = this.bucket[side];
    b[peer] = (saturated ? Math.min(b[peer], limit) : b[peer]) - bytes;
    this.demand(peer, side, tUs, tUs + durationUs);
  }

  /** The link is busy sending from `fromUs` until `untilUs` (the lean model's runs): it stays warm. */
  busy(peer: number, side: 0 | 1, fromUs: number, untilUs: number): void {
    if (this.limit[side][peer] <= 0) return;
    this.refill(peer, side, fromUs);
    this.demand(peer, side, fromUs, untilUs);
  }

  /** Something waits on the bucket from `fromUs` to `untilUs`; ticks while nothing waited add nothing. */
  private demand(peer: number, side: 0 | 1, fromUs: number, untilUs: number): void {
    const until = this.demandUntil[side];
    if (until[peer] < fromUs) {
      // The bucket was idle since `until`: its refills restart from this tick.
      this.refilledTo[side][peer] = Math.max(
        this.refilledTo[side][peer],
        this.tickAtOrBefore(peer, fromUs),
      );
    }
    until[peer] = Math.max(until[peer], untilUs);
  }

  /** Adds limit × tick for every tick in (last counted, tUs] that had demand, up to 3 × the limit. */
  private refill(peer: number, side: 0 | 1, tUs: number): void {
    const until = this.tickAtOrBefore(peer, Math.min(tUs, this.demandUntil[side][peer]));
    const from = this.refilledTo[side][peer];
    if (until <= from) return;
    const ticks = Math.round((until - from) / this.tickUs);
    const limit = this.limit[side][peer];
    const b = this.bucket[side];
    b[peer] = Math.min(b[peer] + (ticks * limit * this.tickUs) / 1e6, BUCKET_SECONDS * limit);
    this.refilledTo[side][peer] = until;
  }

  private tickAtOrBefore(peer: number, tUs: number): number {
    const phase = this.phaseUs[peer];
    return phase + Math.floor((tUs - phase) / this.tickUs) * this.tickUs;
  }
}
