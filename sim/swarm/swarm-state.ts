/**
 * The swarm's shared state: what the composition root (swarm.ts) and its
 * parts (wire-outbox.ts, wire-delivery.ts, uplink.ts, tracker-link.ts, dht.ts)
 * all read — peers, connection ends, counters, traces — and the lifecycle
 * hooks. The parts import this type, never swarm.ts, so the house has no
 * import cycle.
 *
 * The swarm: the composition root. It is the one place that knows both the
 * engine and the protocol: it owns one PeerWire (sim/protocol/wire/) per peer,
 * implements their Outbox over the event queue and the links
 * (wire-outbox.ts), delivers what arrives (wire-delivery.ts), moves payload
 * blocks (uplink.ts), talks to the tracker (tracker-link.ts) and the DHT
 * (dht.ts), and reports to observers. The peer lifecycle — arrivals,
 * seeding time, aborts, departures, samples, the run loop — is the one every
 * mode shares (sim/population/).
 */
import { secondsToUs, US_PER_SECOND } from "../engine/time.ts";
import type { LinkModelFactory } from "../net/links.ts";
import type { QuotaTicks } from "../net/quota-ticks.ts";
import type { RechokeTrace, SwarmObserver, SwarmSnapshot, WireTrace } from "../observe/events.ts";
import { Population } from "../population/population.ts";
import type { TorrentGeometry } from "../protocol/geometry.ts";
import { Tracker } from "../protocol/tracker/tracker.ts";
import { type PieceVerifier, provenanceVerifier } from "../protocol/verify/verifier.ts";
import { PieceBitSlab } from "../protocol/wire/piece-bit-slab.ts";
import type { WireSettings } from "../protocol/wire/settings.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { type DhtNode, DiscoveryStats } from "./discovery-stats.ts";
import type { EventIds } from "./event-ids.ts";
import { InFlightLists } from "./in-flight.ts";
import { InterestTime } from "./interest-time.ts";
import type { LinkOverhead, OverheadTrace } from "./link-overhead.ts";
import type { Peer, WireEnd } from "./peer.ts";
import { RunScratch } from "./run-scratch.ts";
import { wireSettings } from "./settings.ts";
import { TransferPool } from "./transfer-pool.ts";

export interface SwarmOptions {
  readonly verifier?: PieceVerifier;
  /**
   * The torrent's info-hash (BEP 6's allowed-fast sets derive from it);
   * omitted, one derived from the scenario's seed (settings.ts `defaultInfoHash`).
   */
  readonly infoHash?: Uint8Array;
  readonly observers?: readonly SwarmObserver[];
  /**
   * Called with every completed block transmission: its payload bytes and the
   * bytes it took on the links, overhead included (tests check link
   * capacities with it).
   */
  readonly onTransmission?: (
    from: number,
    to: number,
    startUs: number,
    endUs: number,
    bytes: number,
    wireBytes: number,
  ) => void;
  /** Called with every burst of protocol overhead a link sent (link-overhead.ts). */
  readonly onOverhead?: OverheadTrace;
  /**
   * Called when a block reaches its receiver (before it is acted on; also when
   * the receiver's connection has closed meanwhile), with when its
   * transmission started: `sim run --check` tests arrival ≥ start + size/rate + latency.
   */
  readonly onBlockDelivered?: (from: number, to: number, bytes: number, startUs: number) => void;
  /** The access-link model (default AccessLinks); `--check` wraps it, tests inject broken ones. */
  readonly links?: LinkModelFactory;
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

export abstract class SwarmState extends Population {
  readonly settings: WireSettings;
  readonly geometry: TorrentGeometry;
  readonly tracker: Tracker;
  readonly transferPool: TransferPool;
  /**
   * The lean network model (`network.model: lean`, lean-transfer.ts): a
   * piece's queued blocks go as one transmission, delivered when it ends, and
   * messages that cannot change what their receiver does skip the event queue.
   */
  readonly lean: boolean;
  /** A full block's bytes on the links, overhead included (the lean model charges rate limiters by it). */
  get runBlockWire(): number {
    return this.overhead.blockWireBytes(this.geometry.blockBytes);
  }
  /** Lean model: payload bytes of completing blocks on their way to land (lean-landing.ts). */
  landingBytes = 0;
  /** The run being delivered (lean model). */
  readonly runScratch: RunScratch;
  /** Every open connection end's view of its remote's pieces (see piece-bit-slab.ts). */
  readonly pieceViews: PieceBitSlab;
  readonly onTransmission: SwarmOptions["onTransmission"];
  readonly onBlockDelivered: SwarmOptions["onBlockDelivered"];
  readonly onWire: SwarmOptions["onWire"];
  readonly onRechoke: SwarmOptions["onRechoke"];

  readonly peers: Peer[] = [];
  /** Connection ends by id (closed pairs are replaced by CLOSED_END). */
  readonly ends: WireEnd[] = [];
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
  readonly hashFailures: Int32Array;
  readonly bannedFlag: Uint8Array;
  /** Copies of each piece among present peers. */
  readonly copies: Int32Array;
  /** Interest and connection time per peer (the entropy metric). */
  readonly interestTime: InterestTime;
  readonly trackerReplies = new InFlightLists();
  readonly pexInFlight = new InFlightLists();
  abstract readonly ev: EventIds;
  /** The rate limiters' quota ticks (`protocol.rate_limit_tick`), or null. */
  abstract readonly quota: QuotaTicks | null;
  /** Protocol overhead on the links and every byte they carried (link-overhead.ts). */
  abstract readonly overhead: LinkOverhead;
  /** When each leecher first learned a peer, from the tracker and from the DHT. */
  readonly discovery: DiscoveryStats;
  /** The Kademlia DHT (`discovery: dht | both`), else null. */
  abstract readonly dht: DhtNode | null;

  constructor(config: ScenarioConfig, options: SwarmOptions = {}) {
    super(config, options.observers ?? [], options.links);
    this.settings = wireSettings(config, options.verifier ?? provenanceVerifier, options.infoHash);
    this.geometry = this.settings.geometry;
    this.pieceViews = new PieceBitSlab(this.geometry.pieceCount);
    this.lean = config.network.model === "lean";
    this.transferPool = new TransferPool(this.lean ? this.geometry.blocksPerPiece : 1);
    this.runScratch = new RunScratch(this.transferPool.maxRun);
    this.tracker = new Tracker(config.tracker.numwant, secondsToUs(config.tracker.expire));
    this.onTransmission = options.onTransmission;
    this.onBlockDelivered = options.onBlockDelivered;
    this.onWire = options.onWire;
    this.onRechoke = options.onRechoke;
    const n = this.capacityPeers;
    this.hashFailures = new Int32Array(n);
    this.bannedFlag = new Uint8Array(n);
    this.copies = new Int32Array(this.geometry.pieceCount);
    this.interestTime = new InterestTime(n);
    this.discovery = new DiscoveryStats(n);
  }

  /** Called through the outbox when a leecher holds every piece. */
  abstract completed(peer: Peer): void;

  /** Delivers the messages that skip the event queue (lean model, wire-outbox.ts). */
  abstract drainInstant(): void;

  /** Lean model: a block of a cut-off run that had reached `toEnd`, delivered with the instant messages. */
  abstract deliverLater(toEnd: number, block: number, tag: number): void;

  /** Starts what the peer's uplink can send now (uplink.ts, or lean-uplink.ts under the lean model). */
  abstract pump(peer: Peer): void;

  /** Drops a transmission whose connection closed. */
  abstract abortTransfer(tx: number): void;

  // ---- metrics -----------------------------------------------------------------

  /** Called by uplink.ts after each block transmission. */
  recordTransfer(from: number, to: number, bytes: number): void {
    this.transfers.record(from, to, bytes);
  }

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
      wireUploadedBytes: this.overhead.wireUp,
      hashFailures: this.hashFailures,
      banned: this.bannedFlag,
      availability: this.copies,
      transfers: this.transfers.rows,
      interest: this.interestTime,
      uploadCapacityBitSeconds: this.uploadCapacityBitSeconds(),
    };
  }
}
