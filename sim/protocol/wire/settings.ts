/**
 * The peer protocol's settings, converted to integer microseconds and
 * resolved strategies once, at start. Frozen: the protocol never reads the
 * scenario.
 */
import type { ChokerStrategy } from "../choker/types.ts";
import type { UploadSlotsMode } from "../choker/upload-slots.ts";
import type { TorrentGeometry } from "../geometry.ts";
import type { PiecePicker } from "../picker/types.ts";
import type { RequestQueuePolicy } from "../requests/queue-depth.ts";
import type { PieceVerifier } from "../verify/verifier.ts";

export interface WireSettings {
  readonly geometry: TorrentGeometry;
  readonly picker: PiecePicker;
  readonly verifier: PieceVerifier;
  /** Choking while a leecher / once a seed. */
  readonly leecherChoker: ChokerStrategy;
  readonly seedChoker: ChokerStrategy;
  /** Upload slots, the optimistic one included (BEP 3's four; libtorrent eight). */
  readonly unchokeSlots: number;
  readonly pipelineDepth: number;
  /** Requests outstanding per connection: fixed, or libtorrent's rate-adaptive queue. */
  readonly requestQueue: RequestQueuePolicy;
  /** Upload slots: fixed at unchokeSlots, or libtorrent's rate-based count (never fewer). */
  readonly uploadSlots: UploadSlotsMode;
  readonly strictPriority: boolean;
  readonly endgame: boolean;
  readonly maxConnections: number;
  readonly minPeers: number;
  readonly maxPeerlist: number;
  readonly pex: boolean;
  readonly smartBan: boolean;
  readonly banAfter: number;
  /** Trackerless (BEP 5 only): the tracker is never contacted. */
  readonly trackerless: boolean;

  readonly rechokeUs: number;
  /** Rotate the optimistic unchoke every this many rechokes. */
  readonly optimisticEvery: number;
  readonly snubUs: number;
  readonly inactivityUs: number;
  readonly seedQuotaBytes: number;
  /** A connection younger than this is "new" (3× as likely to be the optimistic pick). */
  readonly newPeerUs: number;
  readonly trackerIntervalUs: number;
  readonly trackerMinIntervalUs: number;
}
