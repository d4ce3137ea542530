/**
 * The swarm: the one place that wires the engine, the network and the
 * protocol together. It owns every peer, turns protocol decisions into
 * scheduled network events, runs the timers (rechoke, announce, sampling) and
 * reports to observers. It knows nothing of files or CSVs.
 *
 * Message handling lives in wire.ts, block transmission in uplink.ts, piece
 * completion and verification in pieces.ts, choking in choking.ts and the
 * tracker conversation in announce.ts; this file holds the state they share,
 * peer arrival and departure, and the run loop.
 */

import { RngStreams } from "../engine/rng.ts";
import { Simulator } from "../engine/simulator.ts";
import { secondsToUs, US_PER_SECOND } from "../engine/time.ts";
import { TimeIntegral } from "../engine/time-integral.ts";
import { PairLatency } from "../net/latency.ts";
import { AccessLinks } from "../net/links.ts";
import { PICKERS, type PiecePicker, withRandomFirst } from "../protocol/picker/index.ts";
import { Tracker } from "../protocol/tracker/tracker.ts";
import type { GroupConfig, ScenarioConfig } from "../scenario/types.ts";
import { announce, registerAnnounceHandlers } from "./announce.ts";
import { type PlannedArrival, planArrivals } from "./arrivals.ts";
import { registerChokingHandlers, scheduleFirstRechoke } from "./choking.ts";
import type { ConnEnd } from "./connection.ts";
import { DiscoveryStats, SwarmDht } from "./dht.ts";
import type { EventIds } from "./event-ids.ts";
import { TorrentGeometry } from "./geometry.ts";
import { InterestTime } from "./interest-time.ts";
import type {
  PeerInfo,
  RechokeTrace,
  SwarmEventKind,
  SwarmObserver,
  SwarmSnapshot,
  WireTrace,
} from "./observe.ts";
import { Peer } from "./peer.ts";
import { registerPexHandlers, startPex } from "./pex.ts";
import { PieceBitSlab } from "./piece-bit-slab.ts";
import { seedingSeconds } from "./seed-time.ts";
import { abortTransfer, registerUplinkHandlers, TransferPool } from "./uplink.ts";
import { closeEnd, registerWireHandlers } from "./wire.ts";

/** Decides whether a fully received piece matches its hash (see sim/integrity). */
export interface PieceVerifier {
  verify(piece: number, blockTags: ArrayLike<number>): boolean;
}

/** Accepts a piece iff every block arrived intact: the provenance model of hashing. */
export const provenanceVerifier: PieceVerifier = {
  verify: (_piece, tags) => {
    for (let i = 0; i < tags.length; i++) if (tags[i] !== 0) return false;
    return true;
  },
};

export interface SwarmOptions {
  readonly verifier?: PieceVerifier;
  readonly observers?: readonly SwarmObserver[];
  /** Called with every completed block transmission (tests check link capacities with it). */
  readonly onTransmission?: (
    from: number,
    to: number,
    startUs: number,
    endUs: number,
    bytes: number,
  ) => void;
  /** Called with every peer-wire message sent and delivered (trace-level tests). */
  readonly onWire?: (e: WireTrace) => void;
  /** Called at every rechoke with the peers given regular slots and the optimistic one. */
  readonly onRechoke?: RechokeTrace;
}

export interface SwarmTotals {
  uploadedBytes: number;
  downloadedBytes: number;
  wastedDuplicateBytes: number;
  wastedCorruptBytes: number;
  lostInTransitBytes: number;
  hashFailures: number;
  redownloadedPieces: number;
  trackerAnnounces: number;
  trackerAnnouncesFailed: number;
}

export type EndReason = "all-done" | "max-time" | "stalled";

/** Protocol settings converted to simulator units once, at start. */
export interface Timing {
  readonly rechokeUs: number;
  readonly optimisticEvery: number;
  readonly snubUs: number;
  readonly inactivityUs: number;
  readonly seedQuotaBytes: number;
  readonly newPeerUs: number;
  readonly trackerIntervalUs: number;
  readonly trackerMinIntervalUs: number;
  readonly sampleUs: number;
  readonly maxTimeUs: number;
}

export class Swarm {
  readonly sim = new Simulator();
  readonly geometry: TorrentGeometry;
  readonly streams: RngStreams;
  readonly latency: PairLatency;
  readonly links: AccessLinks;
  readonly tracker: Tracker;
  readonly picker: PiecePicker;
  readonly timing: Timing;
  readonly transfers = new TransferPool();
  /** Every open connection end's view of its remote's pieces (see piece-bit-slab.ts). */
  readonly pieceViews: PieceBitSlab;
  readonly verifier: PieceVerifier;
  readonly observers: readonly SwarmObserver[];
  readonly onTransmission: SwarmOptions["onTransmission"];
  readonly onWire: SwarmOptions["onWire"];
  readonly onRechoke: SwarmOptions["onRechoke"];

  readonly peers: Peer[] = [];
  readonly peerInfos: PeerInfo[] = [];
  /** All connection ends ever opened, indexed by end id. */
  readonly ends: ConnEnd[] = [];
  readonly totals: SwarmTotals = {
    uploadedBytes: 0,
    downloadedBytes: 0,
    wastedDuplicateBytes: 0,
    wastedCorruptBytes: 0,
    lostInTransitBytes: 0,
    hashFailures: 0,
    redownloadedPieces: 0,
    trackerAnnounces: 0,
    trackerAnnouncesFailed: 0,
  };

  // Per-peer counters in typed arrays: they are the observers' snapshot.
  readonly present: Uint8Array;
  readonly piecesHave: Int32Array;
  readonly uploadedBytes: Float64Array;
  readonly downloadedBytes: Float64Array;
  readonly hashFailures: Int32Array;
  readonly bannedFlag: Uint8Array;
  /** Copies of each piece among present peers. */
  readonly copies: Int32Array;
  /** Interest and connection time per peer (the entropy metric). */
  readonly interestTime: InterestTime;
  private readonly transferIndex = new Map<number, number>();
  private readonly transferTable: SwarmSnapshot["transfers"];

  leechersPending: number;
  arrivalsPending: number;
  endReason: EndReason = "max-time";
  /** Handler ids of every event kind (see event-ids.ts). */
  readonly ev = {} as EventIds;
  /** When each leecher first learned a peer, from the tracker and from the DHT. */
  readonly discovery: DiscoveryStats;
  /** The Kademlia DHT (`discovery: dht | both`), else null. */
  readonly dht: SwarmDht | null;

  constructor(
    readonly config: ScenarioConfig,
    options: SwarmOptions = {},
  ) {
    const t = config.torrent;
    this.geometry = new TorrentGeometry(t.size, t.piece_size, t.block_size);
    this.pieceViews = new PieceBitSlab(this.geometry.pieceCount);
    this.streams = new RngStreams(config.seed);
    this.latency = new PairLatency(
      config.seed,
      secondsToUs(config.network.latency.min),
      secondsToUs(config.network.latency.max),
    );
    const capacity = config.groups.reduce((n, g) => n + g.count, 0);
    this.links = new AccessLinks(capacity);
    this.tracker = new Tracker(config.tracker.numwant, secondsToUs(config.tracker.expire));
    const p = config.protocol;
    this.picker = withRandomFirst(PICKERS[p.picker], p.random_first_pieces);
    this.timing = {
      rechokeUs: secondsToUs(p.rechoke_interval),
      optimisticEvery: Math.max(1, Math.round(p.optimistic_interval / p.rechoke_interval)),
      snubUs: secondsToUs(p.snub_timeout),
      inactivityUs: secondsToUs(p.inactivity_timeout),
      seedQuotaBytes: Math.max(p.seeding_piece_quota * t.piece_size, 256 * 1024),
      newPeerUs: secondsToUs(3 * p.optimistic_interval),
      trackerIntervalUs: secondsToUs(config.tracker.interval),
      trackerMinIntervalUs: secondsToUs(config.tracker.min_interval),
      sampleUs: secondsToUs(config.metrics.sample_interval),
      maxTimeUs: secondsToUs(config.stop.max_time),
    };
    this.verifier = options.verifier ?? provenanceVerifier;
    this.observers = options.observers ?? [];
    this.framer = this.observers.find((o) => o.onFrame && o.frameIntervalS);
    this.onTransmission = options.onTransmission;
    this.onWire = options.onWire;
    this.onRechoke = options.onRechoke;

    this.present = new Uint8Array(capacity);
    this.piecesHave = new Int32Array(capacity);
    this.uploadedBytes = new Float64Array(capacity);
    this.downloadedBytes = new Float64Array(capacity);
    this.hashFailures = new Int32Array(capacity);
    this.bannedFlag = new Uint8Array(capacity);
    this.copies = new Int32Array(this.geometry.pieceCount);
    this.interestTime = new InterestTime(capacity);
    const pairs = 1 << 12;
    this.transferTable = {
      count: 0,
      from: new Int32Array(pairs),
      to: new Int32Array(pairs),
      bytes: new Float64Array(pairs),
    };

    this.ev.arrive = this.sim.register((id) => this.arrive(id));
    this.ev.depart = this.sim.register((id) => this.depart(id, "departure"));
    this.ev.abort = this.sim.register((id) => this.abortLeecher(id));
    this.ev.sample = this.sim.register(() => this.sample());
    this.ev.frame = this.sim.register(() => this.frame());
    registerWireHandlers(this);
    registerUplinkHandlers(this);
    registerChokingHandlers(this);
    registerAnnounceHandlers(this);
    registerPexHandlers(this);
    this.discovery = new DiscoveryStats(capacity);
    this.dht = config.discovery === "tracker" ? null : new SwarmDht(this);

    const plan = planArrivals(config, this.streams);
    this.arrivalsPending = plan.length;
    this.leechersPending = 0;
    const corrupt = corruptPeerIds(config, plan, this.streams);
    for (const a of plan) {
      const id = this.createPeer(a.group, a.groupIndex, a.timeUs, corrupt.has(this.peers.length));
      if (!this.peers[id].info.initialSeed) this.leechersPending++;
      this.sim.scheduleAt(a.timeUs, this.ev.arrive, id);
    }
  }

  private createPeer(
    group: GroupConfig,
    groupIndex: number,
    arrivalUs: number,
    faultyCorrupt: boolean,
  ): number {
    const id = this.peers.length;
    // `behaviour: corrupt` damages every block; faults.corrupt picks some peers of a group.
    const fault = this.config.faults.corrupt;
    const corruptOf = faultyCorrupt
      ? { probability: fault!.probability, pieces: fault!.pieces ? new Set(fault!.pieces) : null }
      : group.behaviour === "corrupt"
        ? { probability: 1, pieces: null }
        : null;
    const info: PeerInfo = {
      id,
      group: groupIndex,
      groupName: group.name,
      behaviour: corruptOf ? "corrupt" : group.behaviour,
      uploadBps: group.upload,
      downloadBps: group.download,
      initialSeed: group.start_as === "seed",
      arrivalS: arrivalUs / US_PER_SECOND,
    };
    const peer = new Peer(
      id,
      info,
      this.geometry.pieceCount,
      this.streams.get(`peer:${id}:picker`),
      this.streams.get(`peer:${id}:choker`),
      this.streams.get(`peer:${id}:faults`),
      this.streams.get(`peer:${id}:pex`),
      corruptOf,
      this.present.length,
    );
    peer.unrequestedBlocks = this.geometry.totalBlocks;
    peer.uploadSlots = this.config.protocol.unchoke_slots;
    this.peers.push(peer);
    this.peerInfos.push(info);
    this.links.setCapacity(id, group.upload / 8, group.download / 8);
    return id;
  }

  emit(kind: SwarmEventKind, peer: number, other = -1): void {
    if (this.observers.length === 0) return;
    const event = { timeS: this.sim.now / US_PER_SECOND, kind, peer, other };
    for (const o of this.observers) o.onEvent?.(event);
  }

  groupOf(peer: Peer): GroupConfig {
    return this.config.groups[peer.info.group];
  }

  // ---- lifecycle -------------------------------------------------------

  private arrive(id: number): void {
    const peer = this.peers[id];
    this.arrivalsPending--;
    peer.present = true;
    peer.arrivalUs = this.sim.now;
    this.present[id] = 1;
    this.capacity.add(peer.info.uploadBps, this.sim.now);
    if (peer.info.initialSeed) {
      peer.have.fill(1);
      peer.startable.fill(0);
      peer.haveCount = this.geometry.pieceCount;
      peer.unrequestedBlocks = 0;
      peer.isSeed = true;
      peer.completedUs = this.sim.now;
      this.piecesHave[id] = peer.haveCount;
      for (let p = 0; p < this.geometry.pieceCount; p++) this.copies[p]++;
      this.scheduleSeedDeparture(peer);
    } else {
      const theta = this.groupOf(peer).abort_rate;
      if (theta > 0) {
        const delayUs = secondsToUs(peer.faultRng.exponential(1 / theta));
        this.sim.schedule(delayUs, this.ev.abort, id);
      }
    }
    this.emit("arrival", id);
    this.checkDone();
    announce(this, peer, "started");
    this.dht?.join(peer);
    scheduleFirstRechoke(this, peer);
    startPex(this, peer);
  }

  /** Called by pieces.ts when a leecher holds every piece. */
  completed(peer: Peer): void {
    this.interestTime.stopLeeching(peer.id, this.sim.now);
    peer.isSeed = true;
    peer.completedUs = this.sim.now;
    this.leechersPending--;
    this.emit("completion", peer.id);
    announce(this, peer, "completed");
    this.scheduleSeedDeparture(peer);
    this.checkDone();
  }

  private scheduleSeedDeparture(peer: Peer): void {
    const seconds = seedingSeconds(this.groupOf(peer).seed_time, peer.faultRng, () =>
      this.streams.get(`peer:${peer.id}:seed-share`),
    );
    if (seconds !== null) this.sim.schedule(secondsToUs(seconds), this.ev.depart, peer.id);
  }

  private abortLeecher(id: number): void {
    const peer = this.peers[id];
    if (!peer.present || peer.isSeed) return;
    peer.aborted = true;
    this.leechersPending--;
    this.depart(id, "abort");
    this.checkDone();
  }

  depart(id: number, kind: "departure" | "abort"): void {
    const peer = this.peers[id];
    if (!peer.present) return;
    const crash = peer.faultRng.chance(this.groupOf(peer).crash_fraction);
    if (!crash) announce(this, peer, "stopped");
    peer.present = false;
    peer.departedUs = this.sim.now;
    this.present[id] = 0;
    this.capacity.add(-peer.info.uploadBps, this.sim.now);
    for (let p = 0; p < this.geometry.pieceCount; p++) if (peer.have[p]) this.copies[p]--;
    for (const e of peer.ends.slice()) closeEnd(this, e, true);
    for (const tx of this.transfers.involving(id)) abortTransfer(this, tx);
    peer.announceGeneration++;
    peer.releaseAfterDeparture();
    this.emit(kind, id);
  }

  private checkDone(): void {
    if (this.leechersPending === 0 && this.arrivalsPending === 0) this.endReason = "all-done";
  }

  // ---- metrics -----------------------------------------------------------

  /** ∫ upload capacity of present peers dt, in bit·seconds (the utilization denominator). */
  private readonly capacity = new TimeIntegral();

  /** Called by uplink.ts after each block transmission. */
  recordTransfer(from: number, to: number, bytes: number): void {
    const key = from * this.present.length + to;
    let i = this.transferIndex.get(key);
    const table = this.transferTable;
    if (i === undefined) {
      i = table.count++;
      if (i >= table.from.length) this.growTransferTable();
      this.transferIndex.set(key, i);
      this.transferTable.from[i] = from;
      this.transferTable.to[i] = to;
      this.transferTable.bytes[i] = 0;
    }
    this.transferTable.bytes[i] += bytes;
  }

  private growTransferTable(): void {
    const t = this.transferTable as { from: Int32Array; to: Int32Array; bytes: Float64Array };
    const n = t.from.length * 2;
    const from = new Int32Array(n);
    from.set(t.from);
    const to = new Int32Array(n);
    to.set(t.to);
    const bytes = new Float64Array(n);
    bytes.set(t.bytes);
    t.from = from;
    t.to = to;
    t.bytes = bytes;
  }

  /** `flush: false` leaves the interest accumulators alone (frames must not perturb the metrics). */
  snapshot(flush = true): SwarmSnapshot {
    if (flush) this.interestTime.flush(this.sim.now);
    return {
      timeS: this.sim.now / US_PER_SECOND,
      pieceCount: this.geometry.pieceCount,
      peers: this.peerInfos,
      present: this.present,
      piecesHave: this.piecesHave,
      uploadedBytes: this.uploadedBytes,
      downloadedBytes: this.downloadedBytes,
      hashFailures: this.hashFailures,
      banned: this.bannedFlag,
      availability: this.copies,
      transfers: this.transferTable,
      interest: this.interestTime,
      uploadCapacityBitSeconds: this.capacity.valueAt(this.sim.now),
    };
  }

  private sample(): void {
    const snap = this.snapshot();
    for (const o of this.observers) o.onSample?.(snap);
    if (this.framer === undefined) this.clearTransfers();
    if (this.endReason !== "all-done") this.sim.schedule(this.timing.sampleUs, this.ev.sample);
  }

  /** The observer that takes frames at its own pace (the replay), if any. */
  private readonly framer: SwarmObserver | undefined;

  /** A frame for the framer: a read-only snapshot (no interest flush), then the transfers restart. */
  /** Frame events so far: observer bookkeeping, left out of `modelEvents`. */
  private framesTaken = 0;

  /** Events the model processed: the engine's count without the replay's frame ticks. */
  get modelEvents(): number {
    return this.sim.eventsProcessed - this.framesTaken;
  }

  private frame(): void {
    this.framesTaken++;
    const framer = this.framer!;
    framer.onFrame!(this.snapshot(false));
    this.clearTransfers();
    if (this.endReason !== "all-done") {
      this.sim.schedule(Math.max(1, secondsToUs(framer.frameIntervalS!())), this.ev.frame);
    }
  }

  private clearTransfers(): void {
    this.transferTable.count = 0;
    this.transferIndex.clear();
  }

  // ---- run ---------------------------------------------------------------

  /**
   * Runs until every leecher has completed (or aborted) and no arrival is
   * pending, or until `stop.max_time`. `onProgress` is called between chunks
   * of simulated time so the CLI can report without the swarm reading clocks.
   */
  run(onProgress?: (swarm: Swarm) => void, progressEveryUs = 10 * US_PER_SECOND): EndReason {
    this.sim.scheduleAt(0, this.ev.sample);
    if (this.framer !== undefined) this.sim.scheduleAt(0, this.ev.frame);
    this.checkDone();
    const stop = () => this.endReason === "all-done";
    let horizon = 0;
    for (;;) {
      horizon = Math.min(horizon + progressEveryUs, this.timing.maxTimeUs);
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
      if (horizon >= this.timing.maxTimeUs) {
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

  /** Leecher ids (peers that did not start as seeds) that have arrived so far. */
  get leechers(): Peer[] {
    return this.peers.filter((p) => !p.info.initialSeed && p.arrivalUs >= 0);
  }
}

/**
 * faults.corrupt: round(fraction × count) peers of the named group, drawn from
 * their own random stream, send damaged blocks with the given probability.
 * Returns peer ids (= positions in the arrival plan).
 */
function corruptPeerIds(
  config: ScenarioConfig,
  plan: readonly PlannedArrival[],
  streams: RngStreams,
): Set<number> {
  const fault = config.faults.corrupt;
  if (fault === null) return new Set();
  const members: number[] = [];
  plan.forEach((a, i) => {
    if (a.group.name === fault.group) members.push(i);
  });
  const k = Math.round(fault.fraction * members.length);
  return new Set(streams.get("faults:corrupt").sample(members, k));
}
