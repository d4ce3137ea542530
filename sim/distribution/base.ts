/**
 * What the distributions without pieces (client-server, napster) share on
 * top of the one peer lifecycle of every mode (sim/population/): whole-file
 * fluid flows and the snapshot they report, so summary.json, peers.csv,
 * timeseries.csv and the replay read these runs exactly as they read a
 * BitTorrent swarm.
 *
 * The file is whole: a peer holds all of it or none of it, so `piecesHave`
 * is 0 or the piece count and the snapshot says `pieceLevel: false` (piece
 * copies, hash failures, bans and entropy do not apply and are reported
 * empty).
 */

import type { Rng } from "../engine/rng.ts";
import { US_PER_SECOND } from "../engine/time.ts";
import type { LinkModelFactory } from "../net/links.ts";
import type { SwarmObserver, SwarmSnapshot } from "../observe/events.ts";
import { Population, peerInfo } from "../population/population.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
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
  /** The access-link model (default AccessLinks); `--check` wraps it (sim/check/links.ts). */
  readonly links?: LinkModelFactory;
}

export abstract class DistributionRun extends Population {
  readonly flows: FluidFlows;
  readonly fileBytes: number;
  readonly pieceCount: number;
  readonly totals: DistributionTotals = {
    uploadedBytes: 0,
    downloadedBytes: 0,
    wastedRestartBytes: 0,
    indexQueries: 0,
    restarts: 0,
  };
  /** 1 once the peer holds the whole file (initial seeds from arrival). */
  readonly holds: Uint8Array;
  private readonly zeros: Int32Array;
  private readonly zeroFlags: Uint8Array;
  private readonly availability: Int32Array;
  private holdersPresent = 0;
  /** Engine handler: a flow's last byte arrived (a = flow id). */
  private readonly received: number;

  constructor(config: ScenarioConfig, options: DistributionOptions = {}) {
    super(config, options.observers ?? [], options.links);
    // Whole-file flows settle on every snapshot: frames would perturb them, so replays sample.
    this.framer = undefined;
    const n = this.capacityPeers;
    this.fileBytes = config.torrent.size;
    this.pieceCount = Math.ceil(config.torrent.size / config.torrent.piece_size);
    this.holds = new Uint8Array(n);
    this.zeros = new Int32Array(n);
    this.zeroFlags = new Uint8Array(n);
    this.availability = new Int32Array(this.pieceCount);
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
    this.received = this.sim.register((flowId) => this.onReceived(this.flows.get(flowId)));
    this.admitAll((a, id) => peerInfo(id, a.group, a.groupIndex, a.timeUs));
  }

  /** A new peer is present (initial seeds included; `onHolder` follows for them). */
  protected abstract onArrive(id: number): void;
  /** A flow's last byte reached its receiver. */
  protected abstract onReceived(flow: Flow): void;
  /** A flow's last byte left its sender (its upload slot is free). */
  protected onSent(_flow: Flow): void {}
  /** A peer left: cut its flows. */
  protected abstract onDepart(id: number): void;
  /** A peer now holds the file (initial seeds at arrival, leechers on completion). */
  protected onHolder(_id: number): void {}

  private moved(from: number, to: number, bytes: number): void {
    this.uploadedBytes[from] += bytes;
    this.downloadedBytes[to] += bytes;
    this.totals.uploadedBytes += bytes;
    this.totals.downloadedBytes += bytes;
    this.transfers.record(from, to, bytes);
  }

  // ---- lifecycle hooks ---------------------------------------------------------

  protected seedArrived(id: number): void {
    this.becomeHolder(id);
  }

  protected arrived(id: number): void {
    this.onArrive(id);
    if (this.peerInfos[id].initialSeed) this.onHolder(id);
  }

  protected holdsFile(id: number): boolean {
    return this.holds[id] === 1;
  }

  protected abortStream(id: number): Rng {
    return this.streams.get(`peer:${id}:faults`);
  }

  protected seedTimeStream(id: number): Rng {
    return this.streams.get(`peer:${id}:seed`);
  }

  protected departed(id: number): void {
    if (this.holds[id]) this.holdersPresent--;
    this.onDepart(id);
  }

  /** A leecher received the whole file. */
  protected complete(id: number): void {
    if (!this.present[id] || this.holds[id]) return;
    this.becomeHolder(id);
    this.completeLeecher(id);
    this.onHolder(id);
  }

  private becomeHolder(id: number): void {
    this.holds[id] = 1;
    this.piecesHave[id] = this.pieceCount;
    this.holdersPresent++;
  }

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
      transfers: this.transfers.rows,
      uploadCapacityBitSeconds: this.uploadCapacityBitSeconds(),
      pieceLevel: false,
    };
  }
}
