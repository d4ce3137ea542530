/**
 * The peer protocol's settings, converted to integer microseconds and
 * resolved strategies once, at start. Frozen: the protocol never reads the
 * scenario.
 */
import type { OptimisticChoice } from "../choker/optimistic.ts";
import type { ChokerStrategy } from "../choker/types.ts";
import type { UploadSlotsMode } from "../choker/upload-slots.ts";
import type { AllowedFastSource } from "../fast/allowed-fast-set.ts";
import type { TorrentGeometry } from "../geometry.ts";
import type { PiecePicker } from "../picker/types.ts";
import type { PieceVerifier } from "../verify/verifier.ts";

export interface WireSettings {
  readonly geometry: TorrentGeometry;
  readonly picker: PiecePicker;
  readonly verifier: PieceVerifier;
  /** Choking while a leecher / once a seed. */
  readonly leecherChoker: ChokerStrategy;
  readonly seedChoker: ChokerStrategy;
  /** Upload slots, the optimistic ones included (BEP 3's four; libtorrent eight). */
  readonly unchokeSlots: number;
  /** Optimistic unchokes among them (mainline 1), or `auto`: max(1, current slots / 5) (libtorrent). */
  readonly optimisticSlots: number | "auto";
  readonly optimisticChoice: OptimisticChoice;
  /** The fixed request backlog, or the rate-adaptive queue's initial size. */
  readonly pipelineDepth: number;
  /** Seconds of download the request queue holds (0: the fixed backlog). */
  readonly requestQueueTime: number;
  readonly maxOutRequestQueue: number;
  /** Seconds: a connection that fetches a piece within this asks for whole pieces (0: never). */
  readonly wholePiecesThreshold: number;
  /** Upload slots: fixed at unchokeSlots, or libtorrent's rate-based count and choke schedule. */
  readonly uploadSlots: UploadSlotsMode;
  /**
   * BEP 6, the Fast Extension (fast-extension.ts): the swarm's allowed-fast
   * sets, or null when `allowed_fast_set_size` is 0 (the extension is off).
   */
  readonly allowedFast: AllowedFastSource | null;
  /** Unchoke a new connection at its handshake while a slot is free (preemptive-unchoke.ts). */
  readonly preemptiveUnchoke: boolean;
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
  /** Rotate the optimistic unchoke every this many rechokes (fixed slots)… */
  readonly optimisticEvery: number;
  /** …or every this long (rate-based slots: libtorrent's own optimistic timer). */
  readonly optimisticUs: number;
  readonly snubUs: number;
  readonly inactivityUs: number;
  readonly seedQuotaBytes: number;
  /** Round robin keeps an unchoked peer at least this long (libtorrent: one minute). */
  readonly seedMinUnchokeUs: number;
  /** A connection younger than this is "new" (3× as likely to be the optimistic pick). */
  readonly newPeerUs: number;
  readonly trackerIntervalUs: number;
  readonly trackerMinIntervalUs: number;
}
