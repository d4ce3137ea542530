/**
 * One peer lifecycle for every distribution mode (bittorrent, client-server,
 * napster): the engine, the access links and latencies, the arrival plan,
 * arrivals, seeding time, aborts (Qiu & Srikant's θ), departures, the
 * capacity integral, the metrics samples and the run loop. A mode extends it
 * with what its peers do while present, through the hooks below; observers
 * get the same events and snapshots whatever the mode.
 */
import type { Rng } from "../engine/rng.ts";
import { RngStreams } from "../engine/rng.ts";
import { Simulator } from "../engine/simulator.ts";
import { secondsToUs, US_PER_SECOND } from "../engine/time.ts";
import { TimeIntegral } from "../engine/time-integral.ts";
import { PairLatency } from "../net/latency.ts";
import { AccessLinks, type LinkModel, type LinkModelFactory } from "../net/links.ts";
import type { PeerInfo, SwarmEventKind, SwarmObserver, SwarmSnapshot } from "../observe/events.ts";
import type { GroupConfig, ScenarioConfig } from "../scenario/types.ts";
import { type PlannedArrival, planArrivals } from "./arrivals.ts";
import { seedingSeconds } from "./seed-time.ts";
import { TransferTable } from "./transfer-table.ts";

export type EndReason = "all-done" | "max-time" | "stalled";

/** A peer's info as observers see it. */
export function peerInfo(
  id: number,
  group: GroupConfig,
  groupIndex: number,
  arrivalUs: number,
  behaviour = group.behaviour,
): PeerInfo {
  return {
    id,
    group: groupIndex,
    groupName: group.name,
    behaviour,
    uploadBps: group.upload,
    downloadBps: group.download,
    initialSeed: group.start_as === "seed",
    arrivalS: arrivalUs / US_PER_SECOND,
  };
}

export abstract class Population {
  readonly sim = new Simulator();
  readonly streams: RngStreams;
  readonly latency: PairLatency;
  readonly links: LinkModel;
  readonly observers: readonly SwarmObserver[];
  readonly peerInfos: PeerInfo[] = [];
  /** The arrival plan: peer ids are positions in it. */
  protected readonly plan: readonly PlannedArrival[];

  // Per-peer state, indexed by peer id (typed arrays: they are the snapshot).
  readonly present: Uint8Array;
  readonly arrivalUs: Float64Array;
  readonly completedUs: Float64Array;
  readonly departedUs: Float64Array;
  /** 1 for leechers that gave up (abort_rate). */
  readonly aborted: Uint8Array;
  readonly piecesHave: Int32Array;
  readonly uploadedBytes: Float64Array;
  readonly downloadedBytes: Float64Array;
  protected readonly transfers: TransferTable;

  leechersPending = 0;
  arrivalsPending: number;
  endReason: EndReason = "max-time";

  /** ∫ upload capacity of present peers dt, in bit·seconds (the utilization denominator). */
  private readonly capacity = new TimeIntegral();
  private readonly maxTimeUs: number;
  private readonly sampleUs: number;
  private readonly lifeEv: {
    arrive: number;
    depart: number;
    abort: number;
    sample: number;
    frame: number;
  };
  /** The observer that takes frames at its own pace (the replay), if the mode supports it. */
  protected framer: SwarmObserver | undefined;
  /** Frame events so far: observer bookkeeping, left out of `modelEvents`. */
  private framesTaken = 0;

  constructor(
    readonly config: ScenarioConfig,
    observers: readonly SwarmObserver[],
    /** The access-link model (default AccessLinks); `--check` wraps it, tests inject broken ones. */
    links?: LinkModelFactory,
  ) {
    this.streams = new RngStreams(config.seed);
    this.latency = new PairLatency(
      config.seed,
      secondsToUs(config.network.latency.min),
      secondsToUs(config.network.latency.max),
    );
    this.observers = observers;
    this.framer = observers.find((o) => o.onFrame && o.frameIntervalS);
    this.plan = planArrivals(config, this.streams);
    const n = this.plan.length;
    this.links = links?.(n) ?? new AccessLinks(n);
    this.present = new Uint8Array(n);
    this.arrivalUs = new Float64Array(n).fill(-1);
    this.completedUs = new Float64Array(n).fill(-1);
    this.departedUs = new Float64Array(n).fill(-1);
    this.aborted = new Uint8Array(n);
    this.piecesHave = new Int32Array(n);
    this.uploadedBytes = new Float64Array(n);
    this.downloadedBytes = new Float64Array(n);
    this.transfers = new TransferTable(n);
    this.arrivalsPending = n;
    this.maxTimeUs = secondsToUs(config.stop.max_time);
    this.sampleUs = secondsToUs(config.metrics.sample_interval);
    this.lifeEv = {
      arrive: this.sim.register((id) => this.arrive(id)),
      depart: this.sim.register((id) => this.depart(id, "departure")),
      abort: this.sim.register((id) => this.abort(id)),
      sample: this.sim.register(() => this.sample()),
      frame: this.sim.register(() => this.frame()),
    };
  }

  /** Peer ids range over [0, capacity). */
  get capacityPeers(): number {
    return this.plan.length;
  }

  /**
   * Creates every planned peer (`create` returns its info) and schedules its
   * arrival. Call once, at the end of the subclass constructor.
   */
  protected admitAll(create: (a: PlannedArrival, id: number) => PeerInfo): void {
    this.plan.forEach((a, id) => {
      const info = create(a, id);
      this.peerInfos.push(info);
      this.links.setCapacity(id, a.group.upload / 8, a.group.download / 8);
      if (!info.initialSeed) this.leechersPending++;
      this.sim.scheduleAt(a.timeUs, this.lifeEv.arrive, id);
    });
  }

  groupOf(id: number): GroupConfig {
    return this.config.groups[this.peerInfos[id].group];
  }

  emit(kind: SwarmEventKind, peer: number, other = -1): void {
    if (this.observers.length === 0) return;
    const event = { timeS: this.sim.now / US_PER_SECOND, kind, peer, other };
    for (const o of this.observers) o.onEvent?.(event);
  }

  // ---- hooks ---------------------------------------------------------------

  /** The observers' view now; `flush: false` leaves accumulators alone (frames must not perturb metrics). */
  abstract snapshot(flush?: boolean): SwarmSnapshot;
  /** An initial seed arrived: it holds the whole file (before its seeding time is drawn). */
  protected abstract seedArrived(id: number): void;
  /** A peer arrived and was reported: it starts doing what peers of this mode do. */
  protected abstract arrived(id: number): void;
  /** Holds the whole file (an abort no longer applies). */
  protected abstract holdsFile(id: number): boolean;
  /** The stream the abort delay is drawn from / the seeding time is drawn from. */
  protected abstract abortStream(id: number): Rng;
  protected abstract seedTimeStream(id: number): Rng;
  /** A peer is about to leave (still present). */
  protected beforeDeparture(_id: number): void {}
  /** A peer has left (no longer present, not yet reported). */
  protected abstract departed(id: number): void;
  /** A leecher's completion was reported; its seeding time is drawn next. */
  protected onCompletion(_id: number): void {}

  // ---- lifecycle -------------------------------------------------------------

  private arrive(id: number): void {
    this.arrivalsPending--;
    this.present[id] = 1;
    this.arrivalUs[id] = this.sim.now;
    this.capacity.add(this.peerInfos[id].uploadBps, this.sim.now);
    if (this.peerInfos[id].initialSeed) {
      this.seedArrived(id);
      this.scheduleSeedDeparture(id);
    } else {
      const theta = this.groupOf(id).abort_rate;
      if (theta > 0) {
        const delayUs = secondsToUs(this.abortStream(id).exponential(1 / theta));
        this.sim.schedule(delayUs, this.lifeEv.abort, id);
      }
    }
    this.emit("arrival", id);
    this.checkDone();
    this.arrived(id);
  }

  /** A leecher holds the whole file: report it, draw its seeding time. */
  protected completeLeecher(id: number): void {
    this.completedUs[id] = this.sim.now;
    this.leechersPending--;
    this.emit("completion", id);
    this.onCompletion(id);
    this.scheduleSeedDeparture(id);
    this.checkDone();
  }

  private scheduleSeedDeparture(id: number): void {
    const seconds = seedingSeconds(this.groupOf(id).seed_time, this.seedTimeStream(id), () =>
      this.streams.get(`peer:${id}:seed-share`),
    );
    if (seconds !== null) this.sim.schedule(secondsToUs(seconds), this.lifeEv.depart, id);
  }

  private abort(id: number): void {
    if (!this.present[id] || this.holdsFile(id)) return;
    this.aborted[id] = 1;
    this.leechersPending--;
    this.depart(id, "abort");
    this.checkDone();
  }

  private depart(id: number, kind: "departure" | "abort"): void {
    if (!this.present[id]) return;
    this.beforeDeparture(id);
    this.present[id] = 0;
    this.departedUs[id] = this.sim.now;
    this.capacity.add(-this.peerInfos[id].uploadBps, this.sim.now);
    this.departed(id);
    this.emit(kind, id);
  }

  private checkDone(): void {
    if (this.leechersPending === 0 && this.arrivalsPending === 0) this.endReason = "all-done";
  }

  // ---- metrics and the run loop -------------------------------------------------

  protected uploadCapacityBitSeconds(): number {
    return this.capacity.valueAt(this.sim.now);
  }

  private sample(): void {
    const snap = this.snapshot();
    for (const o of this.observers) o.onSample?.(snap);
    if (this.framer === undefined) this.transfers.clear();
    if (this.endReason !== "all-done") this.sim.schedule(this.sampleUs, this.lifeEv.sample);
  }

  /** Events the model processed: the engine's count without the replay's frame ticks. */
  get modelEvents(): number {
    return this.sim.eventsProcessed - this.framesTaken;
  }

  /** A frame for the framer: a read-only snapshot, then the transfers restart. */
  private frame(): void {
    this.framesTaken++;
    const framer = this.framer!;
    framer.onFrame!(this.snapshot(false));
    this.transfers.clear();
    if (this.endReason !== "all-done") {
      this.sim.schedule(Math.max(1, secondsToUs(framer.frameIntervalS!())), this.lifeEv.frame);
    }
  }

  /**
   * Runs until every leecher has completed (or aborted) and no arrival is
   * pending, or until `stop.max_time`. `onProgress` is called between chunks
   * of simulated time so the CLI can report without the run reading clocks.
   */
  run(onProgress?: (run: this) => void, progressEveryUs = 10 * US_PER_SECOND): EndReason {
    this.sim.scheduleAt(0, this.lifeEv.sample);
    if (this.framer !== undefined) this.sim.scheduleAt(0, this.lifeEv.frame);
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
    // A last sample at the end time, so the time series ends where the run did.
    const snap = this.snapshot();
    for (const o of this.observers) {
      o.onSample?.(snap);
      o.onEnd?.(snap);
    }
    return this.endReason;
  }
}
