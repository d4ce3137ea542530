/**
 * One simulation, in memory: scenario → swarm → metrics. Used by `sim run`,
 * by `sim compare`'s workers and by the benchmarks; it touches no files and
 * reads no clock (the caller measures wall time).
 */
import { PeerLedger } from "../metrics/peer-ledger.ts";
import { peerRows } from "../metrics/peers-table.ts";
import { buildSummary, type Summary } from "../metrics/summary.ts";
import { SwarmFigures } from "../metrics/swarm-figures.ts";
import { TimeseriesRecorder, type TimeseriesRow } from "../metrics/timeseries.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import type { SwarmObserver } from "../swarm/observe.ts";
import { type PieceVerifier, Swarm, type SwarmOptions } from "../swarm/swarm.ts";

export interface SimulateOptions {
  /** Extra observers (the replay trace recorder, tests). */
  readonly observers?: readonly SwarmObserver[];
  /** Receives each timeseries.csv row as it is produced. */
  readonly onTimeseriesRow?: (row: TimeseriesRow) => void;
  /** Called every `progressEveryS` of simulated time. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressEveryS?: number;
  readonly verifier?: PieceVerifier;
  /** Checks that every completed honest peer's reassembled file is the original (see integrity). */
  readonly verifyCompletedFiles?: (swarm: Swarm) => boolean;
  readonly onTransmission?: SwarmOptions["onTransmission"];
  /** Label of the hashing mode actually used, for the summary. */
  readonly hashingLabel?: string;
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
  readonly peerRows: (string | number)[][];
  readonly events: number;
  readonly simEndS: number;
}

export function simulate(config: ScenarioConfig, options: SimulateOptions = {}): SimulationResult {
  const ledger = new PeerLedger();
  const figures = new SwarmFigures();
  const observers: SwarmObserver[] = [ledger, figures, ...(options.observers ?? [])];
  if (options.onTimeseriesRow) observers.push(new TimeseriesRecorder(options.onTimeseriesRow));
  const swarm = new Swarm(config, {
    verifier: options.verifier,
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
        events: s.sim.eventsProcessed,
      }),
    (options.progressEveryS ?? 10) * 1e6,
  );
  const simEndS = swarm.sim.now / 1e6;
  const verified = options.verifyCompletedFiles
    ? options.verifyCompletedFiles(swarm)
    : provenanceIntact(swarm);
  const summary = buildSummary({
    scenario: config.name,
    seed: config.seed,
    distribution: config.distribution,
    hashing: options.hashingLabel ?? "model",
    endReason,
    simEndS,
    events: swarm.sim.eventsProcessed,
    records: ledger.records,
    groupNames: config.groups.map((g) => g.name),
    totalPeers: swarm.peers.length,
    totals: swarm.totals,
    allCompletedVerified: verified,
    swarm: figures.result(),
  });
  return {
    summary,
    peerRows: peerRows(ledger.records),
    events: swarm.sim.eventsProcessed,
    simEndS,
  };
}

/** Model-mode check: no completed honest peer accepted a piece containing a damaged block. */
function provenanceIntact(swarm: Swarm): boolean {
  for (const p of swarm.peers) {
    if (p.completedUs < 0 || p.info.initialSeed || p.info.behaviour !== "honest") continue;
    if (p.acceptedDamaged.size > 0) return false;
  }
  return true;
}
