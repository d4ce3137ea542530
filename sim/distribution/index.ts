/**
 * The distributions without pieces, run in memory like sim/run/simulate.ts
 * runs a BitTorrent swarm: same observers, same summary, same peer rows.
 * simulate.ts dispatches here on `config.distribution`.
 */
import { PeerLedger } from "../metrics/peer-ledger.ts";
import { peerRows } from "../metrics/peers-table.ts";
import { buildSummary } from "../metrics/summary.ts";
import { SwarmFigures } from "../metrics/swarm-figures.ts";
import { TimeseriesRecorder } from "../metrics/timeseries.ts";
import type { LinkModelFactory } from "../net/links.ts";
import type { SimulateOptions, SimulationResult } from "../run/simulate.ts";
import type { PreparedTorrent } from "../run/torrent-setup.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import type { SwarmObserver } from "../swarm/observe.ts";
import type { DistributionOptions, DistributionRun } from "./base.ts";
import { ClientServerRun } from "./client-server.ts";
import { NapsterRun } from "./napster.ts";

export { ClientServerRun } from "./client-server.ts";
export { NapsterRun } from "./napster.ts";

/** The run for a non-BitTorrent distribution. */
export function createDistribution(
  config: ScenarioConfig,
  options: DistributionOptions = {},
): DistributionRun {
  switch (config.distribution) {
    case "client-server":
      return new ClientServerRun(config, options);
    case "napster":
      return new NapsterRun(config, options);
    case "bittorrent":
      throw new Error("bittorrent runs in sim/swarm");
    default: {
      const never: never = config.distribution;
      throw new Error(`unknown distribution ${never}`);
    }
  }
}

/** How simulate.ts instruments the run: its link model, and a look at it once built. */
export interface DistributionHooks {
  readonly links?: LinkModelFactory;
  readonly onBuilt?: (run: DistributionRun) => void;
}

export function simulateDistribution(
  config: ScenarioConfig,
  torrent: PreparedTorrent,
  options: SimulateOptions,
  hooks: DistributionHooks = {},
): Omit<SimulationResult, "check"> {
  const ledger = new PeerLedger();
  const figures = new SwarmFigures();
  const observers: SwarmObserver[] = [ledger, figures, ...(options.observers ?? [])];
  if (options.onTimeseriesRow) observers.push(new TimeseriesRecorder(options.onTimeseriesRow));
  const run = createDistribution(config, { observers, links: hooks.links });
  hooks.onBuilt?.(run);
  const leechersTotal = run.leechersPending;
  const endReason = run.run(
    (r) =>
      options.onProgress?.({
        simTimeS: r.sim.now / 1e6,
        maxTimeS: config.stop.max_time,
        leechersDone: leechersTotal - r.leechersPending,
        leechersTotal,
        events: r.sim.eventsProcessed,
      }),
    (options.progressEveryS ?? 10) * 1e6,
  );
  const simEndS = run.sim.now / 1e6;
  const t = run.totals;
  const summary = buildSummary({
    scenario: config.name,
    seed: config.seed,
    distribution: config.distribution,
    endReason,
    simEndS,
    events: run.sim.eventsProcessed,
    records: ledger.records,
    groupNames: config.groups.map((g) => g.name),
    totalPeers: run.peerInfos.length,
    totals: {
      uploadedBytes: t.uploadedBytes,
      downloadedBytes: t.downloadedBytes,
      wastedDuplicateBytes: 0,
      wastedCorruptBytes: 0,
      lostInTransitBytes: 0,
      hashFailures: 0,
      redownloadedPieces: 0,
    },
    // Whole files from the original, never damaged: nothing can fail verification.
    allCompletedVerified: true,
    swarm: figures.result(),
    pieceLevel: false,
    wastedRestartBytes: config.distribution === "napster" ? t.wastedRestartBytes : null,
    tracker: null,
    dht: null,
    napster:
      config.distribution === "napster"
        ? { index_queries: t.indexQueries, restarts: t.restarts }
        : null,
  });
  return {
    summary,
    hashingMode: torrent.mode,
    metainfo: torrent.metainfo,
    peerRows: peerRows(ledger.records),
    events: run.sim.eventsProcessed,
    simEndS,
  };
}
