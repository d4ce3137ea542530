/**
 * The swarm: the composition root. It is the one place that knows both the
 * engine and the protocol: it owns one PeerWire (sim/protocol/wire/) per peer,
 * implements their Outbox over the event queue and the links
 * (wire-outbox.ts), delivers what arrives (wire-delivery.ts), moves payload
 * blocks (uplink.ts), talks to the tracker (tracker-link.ts) and the DHT
 * (dht.ts), and reports to observers. The peer lifecycle — arrivals,
 * seeding time, aborts, departures, samples, the run loop — is the one every
 * mode shares (sim/population/).
 */
import type { Rng } from "../engine/rng.ts";
import { secondsToUs, US_PER_SECOND } from "../engine/time.ts";
import type { RechokeTrace, SwarmObserver, SwarmSnapshot, WireTrace } from "../observe/events.ts";
import { peerInfo, Population } from "../population/population.ts";
import type { TorrentGeometry } from "../protocol/geometry.ts";
import { Tracker } from "../protocol/tracker/tracker.ts";
import { type PieceVerifier, provenanceVerifier } from "../protocol/verify/verifier.ts";
import { PeerWire } from "../protocol/wire/peer-wire.ts";
import { PieceBitSlab } from "../protocol/wire/piece-bit-slab.ts";
import type { WireSettings } from "../protocol/wire/settings.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { corruptPeerIds, corruptionOf } from "./corrupt-peers.ts";
import { DiscoveryStats, SwarmDht } from "./dht.ts";
import type { EventIds } from "./event-ids.ts";
import { InFlightLists } from "./in-flight.ts";
import { InterestTime } from "./interest-time.ts";
import { Peer } from "./peer.ts";
import { wireSettings } from "./settings.ts";
import { trackerHandlers } from "./tracker-link.ts";
import { abortTransfer, TransferPool, uplinkHandlers } from "./uplink.ts";
import type { WireEnd } from "./wire-end.ts";
import { wireHandlers } from "./wire-delivery.ts";
import { SwarmOutbox } from "./wire-outbox.ts";

export type { EndReason } from "../population/population.ts";
export { type PieceVerifier, provenanceVerifier } from "../protocol/verify/verifier.ts";

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

export class Swarm extends Population {
  readonly settings: WireSettings;
  readonly geometry: TorrentGeometry;
  readonly tracker: Tracker;
  readonly transferPool = new TransferPool();
  /** Every open connection end's view of its remote's pieces (see piece-bit-slab.ts). */
  readonly pieceViews: PieceBitSlab;
  readonly outbox: SwarmOutbox;
  readonly onTransmission: SwarmOptions["onTransmission"];
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
  readonly ev: EventIds;
  /** When each leecher first learned a peer, from the tracker and from the DHT. */
  readonly discovery: DiscoveryStats;
  /** The Kademlia DHT (`discovery: dht | both`), else null. */
  readonly dht: SwarmDht | null;

  constructor(config: ScenarioConfig, options: SwarmOptions = {}) {
    super(config, options.observers ?? []);
    this.settings = wireSettings(config, options.verifier ?? provenanceVerifier);
    this.geometry = this.settings.geometry;
    this.pieceViews = new PieceBitSlab(this.geometry.pieceCount);
    this.tracker = new Tracker(config.tracker.numwant, secondsToUs(config.tracker.expire));
    this.onTransmission = options.onTransmission;
    this.onWire = options.onWire;
    this.onRechoke = options.onRechoke;
    this.outbox = new SwarmOutbox(this);
    const n = this.capacityPeers;
    this.hashFailures = new Int32Array(n);
    this.bannedFlag = new Uint8Array(n);
    this.copies = new Int32Array(this.geometry.pieceCount);
    this.interestTime = new InterestTime(n);

    const sim = this.sim;
    const handlers = { ...wireHandlers(this), ...uplinkHandlers(this), ...trackerHandlers(this) };
    this.ev = {
      connectArrive: sim.register(handlers.connectArrive),
      connectRefused: sim.register(handlers.connectRefused),
      message: sim.register(handlers.message),
      close: sim.register(handlers.close),
      pexMessage: sim.register(handlers.pexMessage),
      timer: sim.register(handlers.timer),
      txDone: sim.register(handlers.txDone),
      blockArrive: sim.register(handlers.blockArrive),
      trackerRequest: sim.register(handlers.trackerRequest),
      trackerReply: sim.register(handlers.trackerReply),
    };
    this.discovery = new DiscoveryStats(n);
    this.dht = config.discovery === "tracker" ? null : new SwarmDht(this);

    const corrupt = corruptPeerIds(config, this.plan, this.streams);
    this.admitAll((a, id) => {
      const corruptOf = corruptionOf(config, a.group, corrupt.has(id));
      const behaviour = corruptOf ? "corrupt" : a.group.behaviour;
      const info = peerInfo(id, a.group, a.groupIndex, a.timeUs, behaviour);
      const rng = {
        picker: this.streams.get(`peer:${id}:picker`),
        choker: this.streams.get(`peer:${id}:choker`),
        pex: this.streams.get(`peer:${id}:pex`),
      };
      const wire = new PeerWire(
        id,
        behaviour === "free-rider",
        this.settings,
        this.outbox,
        sim,
        rng,
        this.pieceViews,
        n,
      );
      this.peers.push(
        new Peer(id, info, wire, this.streams.get(`peer:${id}:faults`), corruptOf, this),
      );
      return info;
    });
  }

  // ---- lifecycle hooks -------------------------------------------------------

  protected seedArrived(id: number): void {
    const wire = this.peers[id].wire;
    wire.holdEverything();
    this.completedUs[id] = this.sim.now;
    this.piecesHave[id] = wire.haveCount;
    for (let p = 0; p < this.geometry.pieceCount; p++) this.copies[p]++;
  }

  protected arrived(id: number): void {
    const peer = this.peers[id];
    peer.wire.present = true;
    peer.wire.tracker.announce(0);
    this.dht?.join(peer);
    peer.wire.startTimers();
  }

  protected holdsFile(id: number): boolean {
    return this.peers[id].isSeed;
  }

  protected abortStream(id: number): Rng {
    return this.peers[id].faultRng;
  }

  protected seedTimeStream(id: number): Rng {
    return this.peers[id].faultRng;
  }

  /** Called through the outbox when a leecher holds every piece. */
  completed(peer: Peer): void {
    this.interestTime.stopLeeching(peer.id, this.sim.now);
    this.completeLeecher(peer.id);
  }

  protected override onCompletion(id: number): void {
    this.peers[id].wire.tracker.announce(1);
  }

  protected override beforeDeparture(id: number): void {
    const peer = this.peers[id];
    // A crash never says goodbye: the tracker keeps the address until it expires.
    const crash = peer.faultRng.chance(this.groupOf(id).crash_fraction);
    if (!crash) peer.wire.tracker.announce(2);
  }

  protected departed(id: number): void {
    const peer = this.peers[id];
    const wire = peer.wire;
    wire.leave();
    for (let p = 0; p < this.geometry.pieceCount; p++) if (wire.have[p]) this.copies[p]--;
    for (const c of wire.conns.slice()) wire.close(c, true);
    for (const tx of this.transferPool.involving(id)) abortTransfer(this, tx);
    peer.releaseAfterDeparture();
  }

  // ---- metrics -----------------------------------------------------------------

  /** Called by uplink.ts after each block transmission. */
  recordTransfer(from: number, to: number, bytes: number): void {
    this.transfers.record(from, to, bytes);
  }

  snapshot(): SwarmSnapshot {
    this.interestTime.flush(this.sim.now);
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
      transfers: this.transfers.rows,
      interest: this.interestTime,
      uploadCapacityBitSeconds: this.uploadCapacityBitSeconds(),
    };
  }
}
