/**
 * One simulation, in memory: scenario → swarm → metrics. Used by `sim run`,
 * by `sim compare`'s workers and by the benchmarks; it touches no files and
 * reads no clock (the caller measures wall time).
 */

import { simulateDistribution } from "../distribution/index.ts";
import type { FileVerifier, HashingMode } from "../integrity/index.ts";
import { PeerLedger } from "../metrics/peer-ledger.ts";
import { peerRows } from "../metrics/peers-table.ts";
import { buildSummary, type Summary } from "../metrics/summary.ts";
import { SwarmFigures } from "../metrics/swarm-figures.ts";
import { TimeseriesRecorder, type TimeseriesRow } from "../metrics/timeseries.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { discoveryFigures } from "../swarm/dht.ts";
import type { SwarmObserver } from "../swarm/observe.ts";
import { Swarm, type SwarmOptions } from "../swarm/swarm.ts";
import { type PreparedTorrent, prepareTorrent } from "./torrent-setup.ts";

export interface SimulateOptions {
  /** Extra observers (the replay trace recorder, tests). */
  readonly observers?: readonly SwarmObserver[];
  /** Receives each timeseries.csv row as it is produced. */
  readonly onTimeseriesRow?: (row: TimeseriesRow) => void;
  /** Called every `progressEveryS` of simulated time. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressEveryS?: number;
  /** The torrent, content and verifiers (default: prepared from the scenario, no external .torrent). */
  readonly torrent?: PreparedTorrent;
  readonly onTransmission?: SwarmOptions["onTransmission"];
}

export interface Progress {
  readonly simTimeS: number;
  readonly maxTimeS: number;
  readonly leechersDone: number;
  readonly leechersTotal: number;
  readonly events: number;
}

export interface SimulationResult {
  readonly summary: Summary;
  /** The hashing mode used (`auto` resolved). */
  readonly hashingMode: HashingMode;
  /** The bencoded metainfo (swarm.torrent). */
  readonly metainfo: Uint8Array;
  readonly peerRows: (string | number)[][];
  readonly events: number;
  readonly simEndS: number;
}

export function simulate(
  scenario: ScenarioConfig,
  options: SimulateOptions = {},
): SimulationResult {
  const torrent = options.torrent ?? prepareTorrent(scenario);
  const config = torrent.config;
  // Client-server and Napster are other mechanisms, simulated in sim/distribution/.
  if (config.distribution !== "bittorrent") return simulateDistribution(config, torrent, options);
  const ledger = new PeerLedger();
  const figures = new SwarmFigures();
  const observers: SwarmObserver[] = [ledger, figures, ...(options.observers ?? [])];
  if (options.onTimeseriesRow) observers.push(new TimeseriesRecorder(options.onTimeseriesRow));
  const swarm = new Swarm(config, {
    verifier: torrent.verifier,
    observers,
    onTransmission: options.onTransmission,
  });

  const leechersTotal = swarm.leechersPending;
  const endReason = swarm.run(
    (s) =>
      options.onProgress?.({
        simTimeS: s.sim.now / 1e6,
        maxTimeS: config.stop.max_time,
        leechersDone: leechersTotal - s.leechersPending,
        leechersTotal,
        events: s.modelEvents,
      }),
    (options.progressEveryS ?? 10) * 1e6,
  );
  const simEndS = swarm.sim.now / 1e6;
  const verified = completedFilesIntact(swarm, torrent.files);
  const summary = buildSummary({
    scenario: config.name,
    seed: config.seed,
    distribution: config.distribution,
    endReason,
    simEndS,
    events: swarm.modelEvents,
    records: ledger.records,
    groupNames: config.groups.map((g) => g.name),
    totalPeers: swarm.peers.length,
    totals: swarm.totals,
    allCompletedVerified: verified,
    swarm: figures.result(),
    ...discoveryFigures(swarm),
  });
  return {
    summary,
    hashingMode: torrent.mode,
    metainfo: torrent.metainfo,
    peerRows: peerRows(ledger.records),
    events: swarm.modelEvents,
    simEndS,
  };
}

/**
 * all_completed_verified: every honest leecher that completed holds the
 * original file. In full mode each file is reassembled from the blocks the
 * peer accepted (damaged ones included, had any slipped through) and its
 * SHA-1 compared with the original's; in model mode from provenance.
 */
function completedFilesIntact(swarm: Swarm, files: FileVerifier): boolean {
  for (const p of swarm.peers) {
    if (p.completedUs < 0 || p.info.initialSeed || p.info.behaviour !== "honest") continue;
    const source = (piece: number) =>
      p.acceptedDamaged.get(piece) ?? new Int32Array(swarm.geometry.blocksIn(piece));
    if (!files.matchesOriginal(source)) return false;
  }
  return true;
}
