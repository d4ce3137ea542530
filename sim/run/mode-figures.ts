/** The summary figures that depend on the distribution mode. */
import type { DistributionTotals } from "../distribution/base.ts";
import type { FileVerifier } from "../integrity/index.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { discoveryFigures } from "../swarm/dht.ts";
import type { Swarm } from "../swarm/swarm.ts";

/** A BitTorrent swarm's totals, file check and discovery figures. */
export function swarmFigures(swarm: Swarm, files: FileVerifier) {
  return {
    totals: {
      ...swarm.totals,
      wireUploadedBytes: swarm.overhead.wireUpTotal,
      wireDownloadedBytes: swarm.overhead.wireDownTotal,
    },
    allCompletedVerified: completedFilesIntact(swarm, files),
    ...discoveryFigures(swarm),
  };
}

/** Client-server and Napster: whole files, no pieces, no tracker or DHT. */
export function distributionFigures(config: ScenarioConfig, t: DistributionTotals) {
  const napster = config.distribution === "napster";
  return {
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
    pieceLevel: false,
    wastedRestartBytes: napster ? t.wastedRestartBytes : null,
    tracker: null,
    dht: null,
    napster: napster ? { index_queries: t.indexQueries, restarts: t.restarts } : null,
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
      p.wire.acceptedDamaged.get(piece) ?? new Int32Array(swarm.geometry.blocksIn(piece));
    if (!files.matchesOriginal(source)) return false;
  }
  return true;
}
