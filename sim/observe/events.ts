/**
 * What the swarm tells its observers (metrics, replay trace). Observers never
 * reach into the swarm: they receive discrete events as they happen and a
 * snapshot at each metrics sample. Snapshot arrays are owned by the swarm and
 * reused between samples: copy what you keep.
 */
import type { WireMessage } from "../protocol/wire/messages.ts";
import type { Behaviour } from "../scenario/types.ts";

export interface PeerInfo {
  readonly id: number;
  /** Index into the scenario's groups. */
  readonly group: number;
  readonly groupName: string;
  readonly behaviour: Behaviour;
  /** Access-link capacities in bits per second. */
  readonly uploadBps: number;
  readonly downloadBps: number;
  /** Started as a seed (`start_as: seed`). */
  readonly initialSeed: boolean;
  readonly arrivalS: number;
}

export type SwarmEventKind =
  | "arrival"
  | "completion"
  | "departure"
  | "abort"
  | "hash_failure"
  | "ban"
  | "announce"
  | "announce_failed";

export interface SwarmEvent {
  readonly timeS: number;
  readonly kind: SwarmEventKind;
  readonly peer: number;
  /** The other party: the banned peer for "ban", the failing piece for "hash_failure". */
  readonly other: number;
}

/** Bytes moved between pairs of peers since the previous sample. */
export interface TransferTable {
  count: number;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly bytes: Float64Array;
}

export interface SwarmSnapshot {
  readonly timeS: number;
  readonly pieceCount: number;
  /** Every peer created so far; index = peer id. */
  readonly peers: readonly PeerInfo[];
  /** 1 while the peer is in the swarm. */
  readonly present: Uint8Array;
  /** Verified pieces held, per peer. */
  readonly piecesHave: Int32Array;
  /** Cumulative payload bytes, per peer. */
  readonly uploadedBytes: Float64Array;
  readonly downloadedBytes: Float64Array;
  /**
   * Cumulative bytes each peer's uplink carried, protocol overhead included
   * (`protocol.message_overhead`, `protocol.ip_overhead`). Absent: payload only.
   */
  readonly wireUploadedBytes?: Float64Array;
  readonly hashFailures: Int32Array;
  /** 1 once any peer has banned this one. */
  readonly banned: Uint8Array;
  /** Copies of each piece among present peers. */
  readonly availability: Int32Array;
  readonly transfers: TransferTable;
  /**
   * Cumulative seconds each peer, while a leecher, was connected to / interested
   * in neighbours, summed over its connections (Legout et al. 2006's entropy).
   */
  /**
   * ∫ (sum of upload capacities of present peers) dt since the start, in
   * bit·seconds: the denominator of upload utilization over any interval.
   */
  readonly uploadCapacityBitSeconds?: number;
  /**
   * false when the distribution has no pieces (client-server, napster): piece
   * copies, hash failures, bans and entropy do not apply and metrics report
   * them empty. Absent means true.
   */
  readonly pieceLevel?: boolean;
  readonly interest?: {
    readonly interestedS: Float64Array;
    readonly connectedS: Float64Array;
  };
}

export interface SwarmObserver {
  onEvent?(event: SwarmEvent): void;
  onSample?(snapshot: SwarmSnapshot): void;
  onEnd?(snapshot: SwarmSnapshot): void;
  /**
   * Frames at the observer's own pace, independent of metrics.sample_interval
   * (the replay): the swarm calls `onFrame` at time 0 and then every
   * `frameIntervalS()` seconds (asked anew after each frame). While any
   * observer takes frames, `transfers` covers the time since the previous
   * frame instead of the previous sample. A frame snapshot reads the swarm
   * without touching it, so frames never change other outputs; its
   * `interest` is not brought up to date.
   */
  frameIntervalS?(): number;
  onFrame?(snapshot: SwarmSnapshot): void;
}

/**
 * One peer-wire message, as sent (`send`: leaves `from` now) or delivered
 * (`deliver`: reaches `to` now and is acted on; messages to a closed
 * connection or a departed peer are not delivered). `arg` is the piece for
 * `have`, the block id for `request`/`cancel`, else 0. For tests and
 * debugging: the swarm calls it only when set.
 */
export interface WireTrace {
  readonly timeUs: number;
  readonly kind: "send" | "deliver";
  readonly from: number;
  readonly to: number;
  readonly msg: WireMessage;
  readonly arg: number;
}

/**
 * One rechoke of `peer`: the remote peer ids given regular slots and the
 * optimistic unchoke (-1 if none). Free riders and peers that keep no slots
 * report nothing.
 */
export type RechokeTrace = (
  peer: number,
  timeUs: number,
  regular: readonly number[],
  optimistic: number,
) => void;
