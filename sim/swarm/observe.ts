/**
 * What the swarm tells its observers (metrics, replay trace). Observers never
 * reach into the swarm: they receive discrete events as they happen and a
 * snapshot at each metrics sample. Snapshot arrays are owned by the swarm and
 * reused between samples: copy what you keep.
 */
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
  readonly hashFailures: Int32Array;
  /** 1 once any peer has banned this one. */
  readonly banned: Uint8Array;
  /** Copies of each piece among present peers. */
  readonly availability: Int32Array;
  readonly transfers: TransferTable;
}

export interface SwarmObserver {
  onEvent?(event: SwarmEvent): void;
  onSample?(snapshot: SwarmSnapshot): void;
  onEnd?(snapshot: SwarmSnapshot): void;
}
