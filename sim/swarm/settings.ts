/** The scenario's protocol section, resolved once into the protocol's WireSettings. */
import { createHash } from "node:crypto";
import { secondsToUs } from "../engine/time.ts";
import { LEECHER_CHOKERS, SEED_CHOKERS } from "../protocol/choker/index.ts";
import { peerAddress } from "../protocol/fast/addresses.ts";
import { AllowedFastSets } from "../protocol/fast/allowed-fast-set.ts";
import { TorrentGeometry } from "../protocol/geometry.ts";
import { PICKERS, withRandomFirst } from "../protocol/picker/index.ts";
import type { PieceVerifier } from "../protocol/verify/verifier.ts";
import type { WireSettings } from "../protocol/wire/settings.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

/** A stand-in info-hash for a swarm built without its metainfo (tests): SHA-1 of the seed. */
export function defaultInfoHash(seed: number): Uint8Array {
  return createHash("sha1").update(`swarmsim info-hash ${seed}`).digest();
}

/** `infoHash`: the torrent's (BEP 6's allowed-fast sets derive from it). */
export function wireSettings(
  config: ScenarioConfig,
  verifier: PieceVerifier,
  infoHash: Uint8Array = defaultInfoHash(config.seed),
): WireSettings {
  const t = config.torrent;
  const p = config.protocol;
  const geometry = new TorrentGeometry(t.size, t.piece_size, t.block_size);
  const addresses = config.network.addresses;
  return Object.freeze({
    geometry,
    allowedFast:
      p.allowed_fast_set_size > 0
        ? new AllowedFastSets(infoHash, geometry.pieceCount, p.allowed_fast_set_size, (peer) =>
            peerAddress(addresses, peer),
          )
        : null,
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
