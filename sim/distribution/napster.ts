/**
 * `distribution: napster`: a central index knows which peers hold the
 * complete file. A peer asks it (one round trip to the index, a pseudo-node
 * in the latency model like the tracker), picks a holder with a free upload
 * slot at random (as a user tried the listed peers until one accepted), asks
 * it (one latency) and downloads the whole file from that one peer,
 * unsegmented. Once complete it registers with the index (one latency) and
 * serves others; free riders never register.
 *
 * A holder serves at most `napster.upload_slots` downloads at once, sharing
 * its uplink among them (fluid water-filling, see fluid.ts). When no holder
 * has a free slot the peer asks the index again after `napster.retry`. If
 * the source leaves mid-download, Napster had no pieces and no resume
 * across peers: the partial data is discarded (`bytes.wasted_restart`) and
 * the peer learns of it one latency later and queries again.
 */
import type { Rng } from "../engine/rng.ts";
import { secondsToUs } from "../engine/time.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { type DistributionOptions, DistributionRun } from "./base.ts";
import type { Flow } from "./fluid.ts";

/** The index server's id in the latency model (the tracker is 0x7fffffff). */
const INDEX_ID = 0x7ffffffe;

const IDLE = -1;
const QUERYING = -2;
const REQUESTING = -3;

export class NapsterRun extends DistributionRun {
  /** Holders registered at the index, in registration order. */
  private readonly registered: number[] = [];
  private readonly isRegistered: Uint8Array;
  /** Downloads per holder: running + requested. */
  private readonly load: Int32Array;
  /** A leecher's flow id, or IDLE / QUERYING / REQUESTING. */
  private readonly current: Int32Array;
  private readonly slots: number;
  private readonly retryUs: number;
  private readonly rng: Rng;
  private readonly nev: {
    query: number;
    reply: number;
    request: number;
    register: number;
    requery: number;
  };

  constructor(config: ScenarioConfig, options: DistributionOptions = {}) {
    super(config, options);
    const n = this.peerInfos.length;
    this.isRegistered = new Uint8Array(n);
    this.load = new Int32Array(n);
    this.current = new Int32Array(n).fill(IDLE);
    this.slots = config.napster.upload_slots;
    this.retryUs = secondsToUs(config.napster.retry);
    this.rng = this.streams.get("napster:choice");
    this.nev = {
      // a = peer: the query reaches the index, whose reply comes back one latency later.
      query: this.sim.register((id) => {
        this.totals.indexQueries++;
        this.sim.schedule(this.indexLatency(id), this.nev.reply, id);
      }),
      // a = peer: the holder list arrives; pick one with a free slot.
      reply: this.sim.register((id) => this.choose(id)),
      // a = peer, b = holder: the request reaches the holder.
      request: this.sim.register((id, holder) => {
        if (!this.present[id] || this.current[id] !== REQUESTING) return;
        if (!this.present[holder]) {
          this.load[holder]--;
          this.query(id);
          return;
        }
        this.current[id] = this.flows.start(holder, id, this.fileBytes).id;
      }),
      // a = peer: its registration reaches the index.
      register: this.sim.register((id) => {
        if (!this.present[id] || this.isRegistered[id]) return;
        this.isRegistered[id] = 1;
        this.registered.push(id);
      }),
      // a = peer: it learns its source left; it starts over.
      requery: this.sim.register((id) => {
        if (this.present[id]) this.query(id);
      }),
    };
  }

  private indexLatency(id: number): number {
    return this.latency.between(id, INDEX_ID);
  }

  private query(id: number): void {
    this.current[id] = QUERYING;
    this.sim.schedule(this.indexLatency(id), this.nev.query, id);
  }

  private choose(id: number): void {
    if (!this.present[id] || this.current[id] !== QUERYING) return;
    const free: number[] = [];
    for (const h of this.registered) if (this.present[h] && this.load[h] < this.slots) free.push(h);
    if (free.length === 0) {
      this.current[id] = IDLE;
      this.sim.schedule(this.retryUs, this.nev.requery, id);
      return;
    }
    const holder = free[this.rng.int(free.length)];
    this.load[holder]++;
    this.current[id] = REQUESTING;
    this.sim.schedule(this.latency.between(id, holder), this.nev.request, id, holder);
  }

  protected onArrive(id: number): void {
    if (!this.peerInfos[id].initialSeed) this.query(id);
  }

  protected override onHolder(id: number): void {
    if (this.peerInfos[id].behaviour === "free-rider") return;
    this.sim.schedule(this.indexLatency(id), this.nev.register, id);
  }

  protected override onSent(flow: Flow): void {
    this.load[flow.from]--;
  }

  protected onReceived(flow: Flow): void {
    if (this.current[flow.to] !== flow.id) return;
    this.current[flow.to] = IDLE;
    this.complete(flow.to);
  }

  protected onDepart(id: number): void {
    if (this.isRegistered[id]) {
      // The index sees the peer's connection drop.
      this.isRegistered[id] = 0;
      this.registered.splice(this.registered.indexOf(id), 1);
    }
    for (const f of this.flows.of(id).slice()) {
      const lost = this.flows.abort(f);
      this.totals.wastedRestartBytes += lost;
      this.totals.restarts++;
      this.current[f.to] = IDLE;
      this.sim.schedule(this.latency.between(id, f.to), this.nev.requery, f.to);
    }
    this.load[id] = 0;
    const c = this.current[id];
    if (c >= 0) {
      const f = this.flows.get(c);
      if (f.open) {
        this.flows.abort(f);
        this.load[f.from]--;
      }
    }
    this.current[id] = IDLE;
  }
}
