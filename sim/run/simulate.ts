/**
 * One simulation, in memory: scenario → population (a BitTorrent swarm, or a
 * client-server / Napster run) → metrics. Used by `sim run`, by `sim
 * compare`'s workers and by the benchmarks; it touches no files and reads no
 * clock (the caller measures wall time). Every mode runs through the same
 * lifecycle, observers and progress reporting; only the mode's own figures
 * differ (mode-figures.ts).
 */
import { InvariantChecker } from "../check/index.ts";
import { createDistribution } from "../distribution/index.ts";
import { infoHash } from "../metainfo/index.ts";
import { PeerLedger } from "../metrics/peer-ledger.ts";
import { peerRows } from "../metrics/peers-table.ts";
import { buildSummary } from "../metrics/summary.ts";
import { SwarmFigures } from "../metrics/swarm-figures.ts";
import { TimeseriesRecorder } from "../metrics/timeseries.ts";
import type { SwarmObserver } from "../observe/events.ts";
import type { Population } from "../population/population.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { Swarm } from "../swarm/swarm.ts";
import { SimulationInterrupted, watchInterrupt } from "./interrupt.ts";
import { distributionFigures, swarmFigures } from "./mode-figures.ts";
import { prepareTorrent } from "./torrent-setup.ts";
import type { SimulateOptions, SimulationResult } from "./types.ts";

export type { Progress, SimulateOptions, SimulationResult } from "./types.ts";

export function simulate(
  scenario: ScenarioConfig,
  options: SimulateOptions = {},
): SimulationResult {
  const torrent = options.torrent ?? prepareTorrent(scenario);
  const config = torrent.config;
  if (options.interrupt?.()) throw new SimulationInterrupted(0, 0);
  const checker = options.check ? new InvariantChecker(config, options.links) : null;
  const links = checker?.links ?? options.links;
  const ledger = new PeerLedger();
  const figures = new SwarmFigures();
  const observers: SwarmObserver[] = [ledger, figures, ...(options.observers ?? [])];
  if (checker) observers.push(checker.observer);
  if (options.onTimeseriesRow) observers.push(new TimeseriesRecorder(options.onTimeseriesRow));
  // Client-server and Napster are other mechanisms (sim/distribution/), on the same lifecycle.
  const swarm =
    config.distribution === "bittorrent"
      ? new Swarm(config, {
          verifier: torrent.verifier,
          infoHash: Buffer.from(infoHash(torrent.metainfo), "hex"),
          observers,
          onTransmission: both(options.onTransmission, checker?.onTransmission),
          onOverhead: options.onOverhead,
          onBlockDelivered: checker?.onBlockDelivered,
          links,
        })
      : null;
  const distribution = swarm === null ? createDistribution(config, { observers, links }) : null;
  const run: Population = swarm ?? distribution!;
  checker?.attach({
    sim: run.sim,
    peerInfos: run.peerInfos,
    byteFigures:
      swarm === null
        ? null
        : () => ({
            uploadedBytes: swarm.totals.uploadedBytes,
            downloadedBytes: swarm.totals.downloadedBytes,
            lostInTransitBytes: swarm.totals.lostInTransitBytes,
            inFlightBytes: swarm.transferPool.inFlightBytes() + swarm.landingBytes,
          }),
  });
  watchInterrupt(run.sim, options.interrupt);

  const leechersTotal = run.leechersPending;
  const endReason = run.run(
    (r) =>
      options.onProgress?.({
        simTimeS: r.sim.now / 1e6,
        maxTimeS: config.stop.max_time,
        leechersDone: leechersTotal - r.leechersPending,
        leechersTotal,
        events: r.modelEvents,
      }),
    (options.progressEveryS ?? 10) * 1e6,
  );
  const simEndS = run.sim.now / 1e6;
  const summary = buildSummary({
    scenario: config.name,
    seed: config.seed,
    distribution: config.distribution,
    profile: config.distribution === "bittorrent" ? config.protocol.profile : null,
    endReason,
    simEndS,
    events: run.modelEvents,
    records: ledger.records,
    groupNames: config.groups.map((g) => g.name),
    totalPeers: run.peerInfos.length,
    swarm: figures.result(),
    ...(swarm !== null
      ? swarmFigures(swarm, torrent.files)
      : distributionFigures(config, distribution!.totals)),
  });
  return {
    summary,
    hashingMode: torrent.mode,
    metainfo: torrent.metainfo,
    peerRows: peerRows(ledger.records),
    events: run.modelEvents,
    simEndS,
    check: checker?.summary() ?? null,
  };
}

/** One callback that calls both (either may be absent). */
function both<A extends unknown[]>(
  f: ((...a: A) => void) | undefined,
  g: ((...a: A) => void) | undefined,
): ((...a: A) => void) | undefined {
  if (!f || !g) return f ?? g;
  return (...a) => {
    f(...a);
    g(...a);
  };
}
