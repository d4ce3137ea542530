/** The scenario's protocol section, resolved once into the protocol's WireSettings. */
import { secondsToUs } from "../engine/time.ts";
import { LEECHER_CHOKERS, SEED_CHOKERS } from "../protocol/choker/index.ts";
import { TorrentGeometry } from "../protocol/geometry.ts";
import { PICKERS, withRandomFirst } from "../protocol/picker/index.ts";
import type { PieceVerifier } from "../protocol/verify/verifier.ts";
import type { WireSettings } from "../protocol/wire/settings.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

export function wireSettings(config: ScenarioConfig, verifier: PieceVerifier): WireSettings {
  const t = config.torrent;
  const p = config.protocol;
  return Object.freeze({
    geometry: new TorrentGeometry(t.size, t.piece_size, t.block_size),
    picker: withRandomFirst(PICKERS[p.picker], p.random_first_pieces),
    verifier,
    leecherChoker: LEECHER_CHOKERS[p.choker],
    seedChoker: SEED_CHOKERS[p.seed_choker],
    unchokeSlots: p.unchoke_slots,
    optimisticSlots: p.optimistic_slots,
    optimisticChoice: p.optimistic_choice,
    pipelineDepth: p.pipeline_depth,
    requestQueueTime: p.request_queue_time,
    maxOutRequestQueue: p.max_out_request_queue,
    wholePiecesThreshold: p.whole_pieces_threshold,
    uploadSlots: p.upload_slots,
    preemptiveUnchoke: p.preemptive_unchoke,
    strictPriority: p.strict_priority,
    endgame: p.endgame,
    maxConnections: p.max_connections,
    minPeers: p.min_peers,
    maxPeerlist: p.max_peerlist,
    pex: p.pex,
    smartBan: config.faults.smart_ban,
    banAfter: config.faults.ban_after,
    trackerless: config.discovery === "dht",
    rechokeUs: secondsToUs(p.rechoke_interval),
    optimisticEvery: Math.max(1, Math.round(p.optimistic_interval / p.rechoke_interval)),
    optimisticUs: secondsToUs(p.optimistic_interval),
    snubUs: secondsToUs(p.snub_timeout),
    inactivityUs: secondsToUs(p.inactivity_timeout),
    seedQuotaBytes: Math.max(p.seeding_piece_quota * t.piece_size, 256 * 1024),
    seedMinUnchokeUs: secondsToUs(p.seeding_min_unchoke),
    newPeerUs: secondsToUs(3 * p.optimistic_interval),
    trackerIntervalUs: secondsToUs(config.tracker.interval),
    trackerMinIntervalUs: secondsToUs(config.tracker.min_interval),
  });
}
