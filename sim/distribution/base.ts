/**
 * What the distributions without pieces (client-server, napster) share: the
 * engine, the access links, the arrival plan (sim/swarm/arrivals.ts), peer
 * lifecycles (arrival, completion, seeding time, aborts, departure), the
 * capacity integral and the SwarmSnapshot/SwarmEvent reporting that
 * sim/metrics consumes — so summary.json, peers.csv, timeseries.csv and the
 * replay read these runs exactly as they read a BitTorrent swarm.
 *
 * The file is whole: a peer holds all of it or none of it, so `piecesHave`
 * is 0 or the piece count and the snapshot says `pieceLevel: false` (piece
 * copies, hash failures, bans and entropy do not apply and are reported
 * empty).
 */

import { RngStreams } from "../engine/rng.ts";
import { Simulator } from "../engine/simulator.ts";
import { secondsToUs, US_PER_SECOND } from "../engine/time.ts";
import { TimeIntegral } from "../engine/time-integral.ts";
import { PairLatency } from "../net/latency.ts";
import { AccessLinks } from "../net/links.ts";
import type { GroupConfig, ScenarioConfig } from "../scenario/types.ts";
import { planArrivals } from "../swarm/arrivals.ts";
import type {
  PeerInfo,
  SwarmEventKind,
  SwarmObserver,
  SwarmSnapshot,
  TransferTable,
} from "../swarm/observe.ts";
import { seedingSeconds } from "../swarm/seed-time.ts";
import type { EndReason } from "../swarm/swarm.ts";
import { type Flow, FluidFlows } from "./fluid.ts";

export interface DistributionTotals {
  uploadedBytes: number;
  downloadedBytes: number;
  /** Bytes of partial downloads thrown away when a source left (Napster: no pieces, no resume). */
  wastedRestartBytes: number;
  /** Index-server queries (Napster). */
  indexQueries: number;
  /** Downloads started over from another source (Napster). */
  restarts: number;
}

export interface DistributionOptions {
  readonly observers?: readonly SwarmObserver[];
  /** Called when a flow ends or is cut, with its bytes (tests check link capacities with it). */
  readonly onFlow?: (from: number, to: number, bytes: number) => void;
}

/** A peer's info, as the swarm reports it (sim/swarm/observe.ts). */
export function peerInfo(id: number, group: GroupConfig, groupIndex: number, arrivalUs: number) {
  const info: PeerInfo = {
    id,
    group: groupIndex,
    groupName: group.name,
    behaviour: group.behaviour,
    uploadBps: group.upload,
    downloadBps: group.download,
    initialSeed: group.start_as === "seed",
    arrivalS: arrivalUs / US_PER_SECOND,
  };
  return info;
}

export abstract class DistributionRun {
  readonly sim = new Simulator();
  readonly streams: RngStreams;
  readonly latency: PairLatency;
  readonly links: AccessLinks;
  readonly flows: FluidFlows;
  readonly fileBytes: number;
  readonly pieceCount: number;
  readonly observers: readonly SwarmObserver[];
  readonly peerInfos: PeerInfo[] = [];
  readonly totals: DistributionTotals = {
    uploadedBytes: 0,
    downloadedBytes: 0,
    wastedRestartBytes: 0,
    indexQueries: 0,
    restarts: 0,
  };

  readonly present: Uint8Array;
  /** 1 once the peer holds the whole file (initial seeds from arrival). */
  readonly holds: Uint8Array;
  /** 1 for leechers that gave up (abort_rate). */
  readonly aborted: Uint8Array;
  readonly arrivalUs: Float64Array;
  readonly completedUs: Float64Array;
  readonly piecesHave: Int32Array;
  readonly uploadedBytes: Float64Array;
  readonly downloadedBytes: Float64Array;
  private readonly zeros: Int32Array;
  private readonly zeroFlags: Uint8Array;
  private readonly availability: Int32Array;
  private holdersPresent = 0;
  private readonly transferTable: TransferTable;
  private readonly transferIndex = new Map<number, number>();

  leechersPending = 0;
  arrivalsPending: number;
  endReason: EndReason = "max-time";
  private readonly maxTimeUs: number;
  private readonly sampleUs: number;
  private readonly ev: { arrive: number; depart: number; abort: number; sample: number };

  constructor(
    readonly config: ScenarioConfig,
    options: DistributionOptions = {},
  ) {
    this.streams = new RngStreams(config.seed);
    this.latency = new PairLatency(
      config.seed,
      secondsToUs(config.network.latency.min),
      secondsToUs(config.network.latency.max),
    );
    const n = config.groups.reduce((s, g) => s + g.count, 0);
    this.links = new AccessLinks(n);
    this.observers = options.observers ?? [];
    this.fileBytes = config.torrent.size;
    this.pieceCount = Math.ceil(config.torrent.size / config.torrent.piece_size);
    this.maxTimeUs = secondsToUs(config.stop.max_time);
    this.sampleUs = secondsToUs(config.metrics.sample_interval);
    this.present = new Uint8Array(n);
    this.holds = new Uint8Array(n);
    this.aborted = new Uint8Array(n);
    this.arrivalUs = new Float64Array(n).fill(-1);
    this.completedUs = new Float64Array(n).fill(-1);
    this.piecesHave = new Int32Array(n);
    this.uploadedBytes = new Float64Array(n);
    this.downloadedBytes = new Float64Array(n);
    this.zeros = new Int32Array(n);
    this.zeroFlags = new Uint8Array(n);
    this.availability = new Int32Array(this.pieceCount);
    this.transferTable = {
      count: 0,
      from: new Int32Array(1 << 12),
      to: new Int32Array(1 << 12),
      bytes: new Float64Array(1 << 12),
    };
    const onFlow = options.onFlow;
    this.flows = new FluidFlows(
      this.sim,
      this.links,
      (from, to, bytes) => this.moved(from, to, bytes),
      (flow) => {
        onFlow?.(flow.from, flow.to, flow.size);
        this.onSent(flow);
        // The last byte reaches the receiver one latency after it left.
        this.sim.schedule(this.latency.between(flow.from, flow.to), this.received, flow.id);
      },
    );
    this.received = this.sim.register((flowId) => this.flowReceived(flowId));
    this.ev = {
      arrive: this.sim.register((id) => this.arrive(id)),
      depart: this.sim.register((id) => this.depart(id, "departure")),
      abort: this.sim.register((id) => this.abort(id)),
      sample: this.sim.register(() => this.sample()),
    };
    const plan = planArrivals(config, this.streams);
    this.arrivalsPending = plan.length;
    plan.forEach((a, id) => {
      const info = peerInfo(id, a.group, a.groupIndex, a.timeUs);
      this.peerInfos.push(info);
      this.links.setCapacity(id, a.group.upload / 8, a.group.download / 8);
      if (!info.initialSeed) this.leechersPending++;
      this.sim.scheduleAt(a.timeUs, this.ev.arrive, id);
    });
  }

  /** Engine handler: a flow's last byte arrived (a = flow id). */
  private readonly received: number;

  /** A new peer is present (not called for arrivals of initial seeds' start-up). */
  protected abstract onArrive(id: number): void;
  /** A flow's last byte reached its receiver. */
  protected abstract onReceived(flow: Flow): void;
  /** A flow's last byte left its sender (its upload slot is free). */
  protected onSent(_flow: Flow): void {}
  /** A peer left: cut its flows. */
  protected abstract onDepart(id: number): void;
  /** A peer now holds the file (initial seeds at arrival, leechers on completion). */
  protected onHolder(_id: number): void {}

  groupOf(id: number): GroupConfig {
    return this.config.groups[this.peerInfos[id].group];
  }

  emit(kind: SwarmEventKind, peer: number, other = -1): void {
    if (this.observers.length === 0) return;
    const event = { timeS: this.sim.now / US_PER_SECOND, kind, peer, other };
    for (const o of this.observers) o.onEvent?.(event);
  }

  private flowReceived(flowId: number): void {
    this.onReceived(this.flows.get(flowId));
  }

  private moved(from: number, to: number, bytes: number): void {
    this.uploadedBytes[from] += bytes;
    this.downloadedBytes[to] += bytes;
    this.totals.uploadedBytes += bytes;
    this.totals.downloadedBytes += bytes;
    const key = from * this.present.length + to;
    let i = this.transferIndex.get(key);
    const t = this.transferTable as {
      count: number;
      from: Int32Array;
      to: Int32Array;
      bytes: Float64Array;
    };
    if (i === undefined) {
      i = t.count++;
      if (i >= t.from.length) {
        const grow = <A extends Int32Array | Float64Array>(a: A): A => {
          const b = new (a.constructor as new (n: number) => A)(a.length * 2);
          b.set(a);
          return b;
        };
        t.from = grow(t.from);
        t.to = grow(t.to);
        t.bytes = grow(t.bytes);
      }
      this.transferIndex.set(key, i);
      t.from[i] = from;
      t.to[i] = to;
      t.bytes[i] = 0;
    }
    t.bytes[i] += bytes;
  }

  // ---- lifecycle -------------------------------------------------------

  private arrive(id: number): void {
    this.arrivalsPending--;
    this.present[id] = 1;
    this.arrivalUs[id] = this.sim.now;
    this.capacity.add(this.peerInfos[id].uploadBps, this.sim.now);
    const info = this.peerInfos[id];
    if (info.initialSeed) {
      this.becomeHolder(id);
      this.scheduleSeedDeparture(id);
    } else {
      const theta = this.groupOf(id).abort_rate;
      if (theta > 0) {
        const delayUs = secondsToUs(this.streams.get(`peer:${id}:faults`).exponential(1 / theta));
        this.sim.schedule(delayUs, this.ev.abort, id);
      }
    }
    this.emit("arrival", id);
    this.checkDone();
    this.onArrive(id);
    if (info.initialSeed) this.onHolder(id);
  }

  /** A leecher received the whole file. */
  protected complete(id: number): void {
    if (!this.present[id] || this.holds[id]) return;
    this.becomeHolder(id);
    this.completedUs[id] = this.sim.now;
    this.leechersPending--;
    this.emit("completion", id);
    this.scheduleSeedDeparture(id);
    this.checkDone();
    this.onHolder(id);
  }

  private becomeHolder(id: number): void {
    this.holds[id] = 1;
    this.piecesHave[id] = this.pieceCount;
    this.holdersPresent++;
  }

  private scheduleSeedDeparture(id: number): void {
    const seconds = seedingSeconds(
      this.groupOf(id).seed_time,
      this.streams.get(`peer:${id}:seed`),
      () => this.streams.get(`peer:${id}:seed-share`),
    );
    if (seconds !== null) this.sim.schedule(secondsToUs(seconds), this.ev.depart, id);
  }

  private abort(id: number): void {
    if (!this.present[id] || this.holds[id]) return;
    this.aborted[id] = 1;
    this.leechersPending--;
    this.depart(id, "abort");
    this.checkDone();
  }

  private depart(id: number, kind: "departure" | "abort"): void {
    if (!this.present[id]) return;
    this.present[id] = 0;
    this.capacity.add(-this.peerInfos[id].uploadBps, this.sim.now);
    if (this.holds[id]) this.holdersPresent--;
    this.onDepart(id);
    this.emit(kind, id);
  }

  private checkDone(): void {
    if (this.leechersPending === 0 && this.arrivalsPending === 0) this.endReason = "all-done";
  }

  // ---- metrics -----------------------------------------------------------

  /** ∫ upload capacity of present peers dt, in bit·seconds (the utilization denominator). */
  private readonly capacity = new TimeIntegral();

  snapshot(): SwarmSnapshot {
    this.flows.settleAll();
    this.availability.fill(this.holdersPresent);
    return {
      timeS: this.sim.now / US_PER_SECOND,
      pieceCount: this.pieceCount,
      peers: this.peerInfos,
      present: this.present,
      piecesHave: this.piecesHave,
      uploadedBytes: this.uploadedBytes,
      downloadedBytes: this.downloadedBytes,
      hashFailures: this.zeros,
      banned: this.zeroFlags,
      availability: this.availability,
      transfers: this.transferTable,
      uploadCapacityBitSeconds: this.capacity.valueAt(this.sim.now),
      pieceLevel: false,
    };
  }

  private sample(): void {
    const snap = this.snapshot();
    for (const o of this.observers) o.onSample?.(snap);
    this.transferTable.count = 0;
    this.transferIndex.clear();
    if (this.endReason !== "all-done") this.sim.schedule(this.sampleUs, this.ev.sample);
  }

  /** Runs until every leecher is done or aborted, or until stop.max_time (as Swarm.run). */
  run(
    onProgress?: (run: DistributionRun) => void,
    progressEveryUs = 10 * US_PER_SECOND,
  ): EndReason {
    this.sim.scheduleAt(0, this.ev.sample);
    this.checkDone();
    const stop = () => this.endReason === "all-done";
    let horizon = 0;
    for (;;) {
      horizon = Math.min(horizon + progressEveryUs, this.maxTimeUs);
      const why = this.sim.run(horizon, stop);
      onProgress?.(this);
      if (why === "condition" || this.endReason === "all-done") {
        this.endReason = "all-done";
        break;
      }
      if (why === "empty") {
        this.endReason = "stalled";
        break;
      }
      if (horizon >= this.maxTimeUs) {
        this.endReason = "max-time";
        break;
      }
    }
    const snap = this.snapshot();
    for (const o of this.observers) {
      o.onSample?.(snap);
      o.onEnd?.(snap);
    }
    return this.endReason;
  }
}
