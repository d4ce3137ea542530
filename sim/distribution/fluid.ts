/**
 * Whole-file transfers as fluid flows, for the distributions without pieces
 * (client-server, napster).
 *
 * Why fluid rather than per-block as in sim/swarm/uplink.ts: a server or a
 * Napster holder sends one long stream to each of its downloaders, and each
 * downloader receives from exactly one source. Splitting the source's uplink
 * max-min fairly among its current flows (each capped by its receiver's
 * downlink: water-filling) is what TCP converges to on a shared bottleneck,
 * and it needs work only when a flow starts or ends — O(flows of that
 * source) per change — instead of one event per 16 KiB block.
 *
 * Capacity is accounted on sim/net/links.ts: every flow's rate is reserved on
 * the sender's uplink and the receiver's downlink and released when rates
 * are recomputed, so no link runs above capacity (water-filling never hands
 * out more than the uplink, and a rate never exceeds the receiver's
 * downlink, which carries this one flow only).
 */
import type { Simulator } from "../engine/simulator.ts";
import { US_PER_SECOND } from "../engine/time.ts";
import type { LinkModel } from "../net/links.ts";

export interface Flow {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  readonly size: number;
  /** Bytes delivered so far (as of `sinceUs`). */
  sent: number;
  /** Current rate, bytes/s. */
  rate: number;
  sinceUs: number;
  /** Engine handle of the pending completion event, -1 if none. */
  handle: number;
  open: boolean;
}

/** Progress reports: bytes moved on a flow since the last report. */
export type ProgressSink = (from: number, to: number, bytes: number) => void;

/** Max-min fair shares of `capacity` among demands capped at `caps` (water-filling). */
export function waterFill(capacity: number, caps: readonly number[]): number[] {
  const order = caps.map((_, i) => i).sort((a, b) => caps[a] - caps[b] || a - b);
  const out = new Array<number>(caps.length).fill(0);
  let left = capacity;
  order.forEach((i, j) => {
    const share = left / (order.length - j);
    const r = Math.min(caps[i], share);
    out[i] = r;
    left -= r;
  });
  return out;
}

export class FluidFlows {
  private readonly bySender = new Map<number, Flow[]>();
  private readonly flows: Flow[] = [];
  private readonly doneHandler: number;

  constructor(
    private readonly sim: Simulator,
    private readonly links: LinkModel,
    private readonly onProgress: ProgressSink,
    /** Called when a flow's last byte has left the sender. */
    private readonly onSent: (flow: Flow) => void,
  ) {
    this.doneHandler = sim.register((id) => this.finish(this.flows[id]));
  }

  get(id: number): Flow {
    return this.flows[id];
  }

  /** Flows currently sent by `peer`. */
  of(peer: number): readonly Flow[] {
    return this.bySender.get(peer) ?? [];
  }

  start(from: number, to: number, size: number, alreadySent = 0): Flow {
    const flow: Flow = {
      id: this.flows.length,
      from,
      to,
      size,
      sent: alreadySent,
      rate: 0,
      sinceUs: this.sim.now,
      handle: -1,
      open: true,
    };
    this.flows.push(flow);
    let list = this.bySender.get(from);
    if (list === undefined) {
      list = [];
      this.bySender.set(from, list);
    }
    list.push(flow);
    this.reshare(from);
    return flow;
  }

  /** Stops a flow (a party left); returns the bytes it had delivered. */
  abort(flow: Flow): number {
    if (!flow.open) return flow.sent;
    this.close(flow);
    this.reshare(flow.from);
    return flow.sent;
  }

  /** Brings every flow's byte count up to now (before a metrics sample). */
  settleAll(): void {
    for (const list of this.bySender.values()) for (const f of list) this.settle(f);
  }

  private settle(f: Flow): void {
    const now = this.sim.now;
    if (now === f.sinceUs) return;
    if (f.rate <= 0) {
      f.sinceUs = now;
      return;
    }
    // Whole bytes, so byte counts stay integers; the fraction carries over.
    const bytes = Math.min(
      f.size - f.sent,
      Math.floor((f.rate * (now - f.sinceUs)) / US_PER_SECOND),
    );
    if (bytes <= 0) return;
    f.sinceUs += Math.floor((bytes / f.rate) * US_PER_SECOND);
    f.sent += bytes;
    this.onProgress(f.from, f.to, bytes);
  }

  private finish(f: Flow): void {
    if (!f.open) return;
    this.settle(f);
    // Rounding: the completion event fires when the size is reached.
    if (f.sent < f.size) this.onProgress(f.from, f.to, f.size - f.sent);
    f.sent = f.size;
    this.close(f);
    this.reshare(f.from);
    this.onSent(f);
  }

  private close(f: Flow): void {
    this.settle(f);
    f.open = false;
    if (f.handle >= 0) this.sim.cancel(f.handle);
    f.handle = -1;
    if (f.rate > 0) this.links.release(f.from, f.to, f.rate);
    f.rate = 0;
    const list = this.bySender.get(f.from)!;
    list.splice(list.indexOf(f), 1);
    if (list.length === 0) this.bySender.delete(f.from);
  }

  /** Recomputes the rates of `sender`'s flows after one started or ended. */
  private reshare(sender: number): void {
    const list = this.bySender.get(sender);
    if (list === undefined) return;
    for (const f of list) {
      this.settle(f);
      f.sinceUs = this.sim.now; // a fraction of a byte is dropped
      if (f.rate > 0) this.links.release(f.from, f.to, f.rate);
      if (f.handle >= 0) this.sim.cancel(f.handle);
      f.handle = -1;
    }
    const caps = list.map((f) => this.links.downSpare(f.to));
    const rates = waterFill(this.links.upSpare(sender), caps);
    list.forEach((f, i) => {
      f.rate = rates[i];
      if (f.rate <= 0) return;
      this.links.reserve(f.from, f.to, f.rate);
      const us = Math.ceil(((f.size - f.sent) / f.rate) * US_PER_SECOND);
      f.handle = this.sim.schedule(us, this.doneHandler, f.id);
    });
  }
}
