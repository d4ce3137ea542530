/**
 * Protocol overhead on the access links: what a link carries besides payload.
 *
 * - `protocol.message_overhead`: BitTorrent framing (BEP 3): 13 bytes before
 *   every block, 17 a REQUEST, 9 a HAVE, 68 a handshake, … (message-bytes.ts).
 * - `protocol.ip_overhead`: TCP/IP headers as libtorrent charges them
 *   (`rate_limit_ip_overhead`, stat.hpp): 40 bytes per packet of ≤ 1,460
 *   bytes of whatever is sent, on the sender's uplink and the receiver's
 *   downlink, and the same again the other way (the acknowledgements: the
 *   receiver's uplink, the sender's downlink).
 *
 * A block's own header and packet headers travel with it: its transmission
 * carries payload + overhead at its reserved rate (uplink.ts). Everything
 * else — control messages, acknowledgements — is owed by the link it crosses
 * and sent as a burst that reserves that one link at its spare rate once a
 * block's worth is owed, so it takes link time from blocks as it would
 * interleaved between them, at one event per block's worth of overhead.
 *
 * Counters: every byte a link carried, payload or not (`wireUp`, `wireDown`),
 * for goodput vs capacity. Owed bytes not yet sent when a run ends are not
 * counted (less than a block per link).
 */
import type { Simulator } from "../engine/simulator.ts";
import { US_PER_SECOND } from "../engine/time.ts";
import { ipOverheadBytes } from "../net/ip-overhead.ts";
import type { LinkModel } from "../net/links.ts";
import { PIECE_HEADER_BYTES } from "../protocol/wire/message-bytes.ts";

/** A burst below this share of the link's capacity is not started (as uplink.ts). */
const MIN_RATE_SHARE = 0.01;

export type LinkSide = 0 | 1;
export const UP: LinkSide = 0;
export const DOWN: LinkSide = 1;

/** Called with every overhead burst (tests check link capacities with it). */
export type OverheadTrace = (
  peer: number,
  side: LinkSide,
  startUs: number,
  endUs: number,
  bytes: number,
) => void;

export interface OverheadOptions {
  readonly messages: boolean;
  readonly ip: boolean;
  /** Owed bytes that make a burst (a block's worth). */
  readonly flushBytes: number;
}

export class LinkOverhead {
  /** Every byte each uplink / downlink carried (payload included). */
  readonly wireUp: Float64Array;
  readonly wireDown: Float64Array;
  /** Swarm totals of wireUp and wireDown. */
  wireUpTotal = 0;
  wireDownTotal = 0;
  private readonly owed: [Float64Array, Float64Array];
  /** The rate of the burst in progress on each link, 0 if none, and when it started. */
  private readonly burstRate: [Float64Array, Float64Array];
  private readonly burstBytes: [Float64Array, Float64Array];
  private readonly burstStartUs: [Float64Array, Float64Array];
  readonly enabled: boolean;

  constructor(
    peers: number,
    private readonly opts: OverheadOptions,
    private readonly links: LinkModel,
    private readonly sim: Simulator,
    /** The engine handler `(peer, side)` the swarm registered for a burst's end. */
    private readonly burstDoneEvent: number,
    private readonly present: Uint8Array,
    private readonly trace?: OverheadTrace,
  ) {
    const f = () => new Float64Array(peers);
    this.wireUp = f();
    this.wireDown = f();
    this.owed = [f(), f()];
    this.burstRate = [f(), f()];
    this.burstBytes = [f(), f()];
    this.burstStartUs = [f(), f()];
    this.enabled = opts.messages || opts.ip;
  }

  /** Bytes a block of `payload` bytes takes on both links it crosses. */
  blockWireBytes(payload: number): number {
    const framed = this.opts.messages ? payload + PIECE_HEADER_BYTES : payload;
    return this.opts.ip ? framed + ipOverheadBytes(framed) : framed;
  }

  /** A block finished crossing `from`'s uplink and `to`'s downlink; its acknowledgements are owed. */
  blockSent(from: number, to: number, payload: number): void {
    const wire = this.blockWireBytes(payload);
    this.wireUp[from] += wire;
    this.wireDown[to] += wire;
    this.wireUpTotal += wire;
    this.wireDownTotal += wire;
    if (this.opts.ip) {
      const framed = this.opts.messages ? payload + PIECE_HEADER_BYTES : payload;
      this.owe(to, UP, ipOverheadBytes(framed));
      this.owe(from, DOWN, ipOverheadBytes(framed));
    }
  }

  /** A control message of `bytes` from `from` to `to` (handshake, REQUEST, HAVE, …). */
  message(from: number, to: number, bytes: number): void {
    if (!this.opts.messages) return;
    const ip = this.opts.ip ? ipOverheadBytes(bytes) : 0;
    this.owe(from, UP, bytes + ip);
    this.owe(to, DOWN, bytes + ip);
    if (ip > 0) {
      this.owe(to, UP, ip);
      this.owe(from, DOWN, ip);
    }
  }

  /**
   * Takes what the link owes, counted as carried now: under the lean model it
   * rides on the next run the uplink starts (lean-uplink.ts). Returns the bytes.
   */
  carry(peer: number, side: LinkSide): number {
    const owed = this.owed[side][peer];
    if (owed === 0) return 0;
    this.owed[side][peer] = 0;
    if (side === UP) {
      this.wireUp[peer] += owed;
      this.wireUpTotal += owed;
    } else {
      this.wireDown[peer] += owed;
      this.wireDownTotal += owed;
    }
    return owed;
  }

  /** The peer left: what it owed is never sent. */
  forget(peer: number): void {
    this.owed[UP][peer] = 0;
    this.owed[DOWN][peer] = 0;
  }

  /** Starts a burst on the link if a block's worth is owed and the link has room; true if one runs. */
  flush(peer: number, side: LinkSide): boolean {
    if (this.burstRate[side][peer] > 0) return true;
    const owed = this.owed[side][peer];
    if (owed < this.opts.flushBytes || this.present[peer] !== 1) return false;
    const links = this.links;
    const capacity = side === UP ? links.upCapacity[peer] : links.downCapacity[peer];
    const spare = side === UP ? links.upSpare(peer) : links.downSpare(peer);
    if (spare <= capacity * MIN_RATE_SHARE) return false;
    if (side === UP) links.reserveUp(peer, spare);
    else links.reserveDown(peer, spare);
    this.owed[side][peer] = 0;
    this.burstRate[side][peer] = spare;
    this.burstBytes[side][peer] = owed;
    this.burstStartUs[side][peer] = this.sim.now;
    const durationUs = Math.ceil((owed / spare) * US_PER_SECOND);
    this.sim.schedule(durationUs, this.burstDoneEvent, peer, side);
    return true;
  }

  /** A burst ended: the link is released (the caller then serves what waits on it). */
  burstDone(peer: number, side: LinkSide): void {
    const rate = this.burstRate[side][peer];
    const bytes = this.burstBytes[side][peer];
    if (side === UP) {
      this.links.releaseUp(peer, rate);
      this.wireUp[peer] += bytes;
      this.wireUpTotal += bytes;
    } else {
      this.links.releaseDown(peer, rate);
      this.wireDown[peer] += bytes;
      this.wireDownTotal += bytes;
    }
    this.burstRate[side][peer] = 0;
    this.trace?.(peer, side, this.burstStartUs[side][peer], this.sim.now, bytes);
  }

  private owe(peer: number, side: LinkSide, bytes: number): void {
    this.owed[side][peer] += bytes;
  }
}
