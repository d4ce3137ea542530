/**
 * The resolved scenario: the YAML file after validation, with every default
 * filled in and every unit converted to its base unit. Field names mirror the
 * YAML keys exactly (so `--set protocol.picker=random` names the same path
 * here), and values are in base units: durations in seconds, sizes in bytes,
 * rates in bits per second. The object is deeply frozen.
 */
import type { ChokerName, SeedChokerName } from "../protocol/choker/index.ts";
import type { PickerName } from "../protocol/picker/index.ts";
import type { ProfileName } from "./profiles.ts";

export type Seconds = number;
export type Bytes = number;
export type BitsPerSecond = number;

export type Distribution = "bittorrent" | "client-server" | "napster";
export type Discovery = "tracker" | "dht" | "both";
export type Behaviour = "honest" | "free-rider" | "corrupt";
/** Strategy names are the keys of the protocol's registries (one edit adds a strategy). */
export type { ChokerName, SeedChokerName } from "../protocol/choker/index.ts";
export type { PickerName } from "../protocol/picker/index.ts";
export type HashingMode = "full" | "model" | "auto";
export type { ProfileName } from "./profiles.ts";
export type OptimisticChoice = "random" | "longest-waiting";
export type { UploadSlotsMode } from "../protocol/choker/upload-slots.ts";

import type { UploadSlotsMode } from "../protocol/choker/upload-slots.ts";
import type { SuperSeedRule } from "../protocol/wire/super-seed-state.ts";

export type Arrival =
  | { readonly at: Seconds }
  /** Uniform arrival times in [start, start + over). */
  | { readonly pattern: "flash"; readonly over: Seconds; readonly start: Seconds }
  /** Poisson process of `rate` arrivals per second in [start, until), capped at the group's count. */
  | {
      readonly pattern: "poisson";
      readonly rate: number;
      readonly until: Seconds;
      readonly start: Seconds;
    }
  /**
   * Guo et al. 2005: a Poisson process whose rate decays exponentially,
   * initial_rate · 2^(−(t − start)/half_life) arrivals per second in [start, until),
   * capped at the group's count.
   */
  | {
      readonly pattern: "decay";
      readonly initial_rate: number;
      readonly half_life: Seconds;
      readonly until: Seconds;
      readonly start: Seconds;
    };

/** How long a peer stays after completing. */
export type SeedTime =
  | Seconds
  | "never"
  /**
   * An exponential lifetime of mean `exponential` (Guo et al. 2005 measured
   * seeding times exponentially distributed) for a `share` of the peers that
   * complete; the others leave at once.
   */
  | { readonly exponential: Seconds; readonly share: number };

export interface GroupConfig {
  readonly name: string;
  readonly count: number;
  readonly start_as: "seed" | "leecher";
  /** Access-link capacities. */
  readonly upload: BitsPerSecond;
  readonly download: BitsPerSecond;
  /** Name of the bandwidth class the capacities came from, if any (`class: adsl`). */
  readonly class: string | null;
  readonly arrival: Arrival;
  readonly seed_time: SeedTime;
  readonly behaviour: Behaviour;
  /** θ of Qiu–Srikant: probability per second that a leecher aborts before completing. */
  readonly abort_rate: number;
  /** Probability that a departing peer leaves without announcing `stopped` (a crash). */
  readonly crash_fraction: number;
  /** The client's start-up after arrival, before its first announce and first unchoke. */
  readonly startup_delay: Seconds;
  /** BEP 16 super-seeding (initial seeds only), by which rule; `true` in a file is `libtorrent`. */
  readonly super_seed: false | SuperSeedRule;
}

export interface ProtocolConfig {
  /** The client whose defaults fill every profile key not written (profiles.ts). */
  readonly profile: ProfileName;
  readonly picker: PickerName;
  readonly random_first_pieces: number;
  readonly strict_priority: boolean;
  readonly endgame: boolean;
  readonly choker: ChokerName;
  readonly seed_choker: SeedChokerName;
  readonly unchoke_slots: number;
  /** Optimistic unchokes among the slots; `auto` = max(1, ⌊slots / 5⌋) (libtorrent). */
  readonly optimistic_slots: number | "auto";
  /** How the optimistic unchoke is chosen: at random (new peers 3×, mainline) or the longest-waiting (libtorrent). */
  readonly optimistic_choice: OptimisticChoice;
  /**
   * `fixed`: unchoke_slots always. `rate-based`: libtorrent's
   * rate_based_choker: a slot per peer that got ≥ 1 KiB/s + k × 2 KiB/s last
   * round, plus one, counted afresh each round (unchoke_slots unused); rounds
   * also run at the next second after a slot is freed, and nobody is
   * unchoked between rounds (sim/protocol/wire/choke-schedule.ts).
   */
  readonly upload_slots: UploadSlotsMode;
  readonly rechoke_interval: Seconds;
  readonly optimistic_interval: Seconds;
  readonly snub_timeout: Seconds;
  readonly max_connections: number;
  readonly min_peers: number;
  /** Known-peer list capacity; new addresses are ignored while it is full (libtorrent's max_peerlist_size). */
  readonly max_peerlist: number;
  /** Close a connection when neither side has been interested for this long (libtorrent). */
  readonly inactivity_timeout: Seconds;
  /** Peer exchange (BEP 11): neighbours tell each other about their peers once a minute. */
  readonly pex: boolean;
  /** Round-robin choking keeps a peer unchoked until it was sent this many pieces (libtorrent). */
  readonly seeding_piece_quota: number;
  /** …and has held its slot for this long (libtorrent: one minute). */
  readonly seeding_min_unchoke: Seconds;
  /** Requests outstanding per connection: fixed (request_queue_time 0), or the initial queue before slow start. */
  readonly pipeline_depth: number;
  /** > 0: the request queue holds this many seconds of the connection's download rate (libtorrent). */
  readonly request_queue_time: Seconds;
  /** Upper bound of the rate-adaptive request queue. */
  readonly max_out_request_queue: number;
  /** > 0: a connection that downloads a piece within this time asks for whole pieces (libtorrent). */
  readonly whole_pieces_threshold: Seconds;
  /** BitTorrent message framing (13 bytes a PIECE, 17 a REQUEST, …) is charged to the links. */
  readonly message_overhead: boolean;
  /** TCP/IP headers, 40 bytes per 1,460, are charged to the links both ways (libtorrent's rate_limit_ip_overhead). */
  readonly ip_overhead: boolean;
  /** > 0: the rate limits hand out quota every this long, with a bucket of 3 × the limit (libtorrent's tick_interval). */
  readonly rate_limit_tick: Seconds;
  /** A peer with a piece and a free upload slot unchokes a new connection at its handshake (libtorrent). */
  readonly preemptive_unchoke: boolean;
  /** BEP 6 allowed-fast pieces a peer allows each remote (libtorrent 5); 0: no Fast Extension (mainline). */
  readonly allowed_fast_set_size: number;
}

export interface CorruptFault {
  readonly group: string;
  readonly fraction: number;
  readonly probability: number;
  /** Only these piece indices are corrupted; null means any piece. */
  readonly pieces: readonly number[] | null;
}

export interface TrackerOutage {
  readonly from: Seconds;
  readonly to: Seconds;
}

export interface ScenarioConfig {
  readonly name: string;
  readonly seed: number;
  readonly description: string;
  readonly distribution: Distribution;
  readonly discovery: Discovery;
  readonly stop: { readonly max_time: Seconds };
  readonly torrent: {
    readonly size: Bytes;
    readonly piece_size: Bytes;
    readonly block_size: Bytes;
    /** An existing .torrent whose piece length and hashes are used (path resolved against the scenario file). */
    readonly file: string | null;
    /** The `info.name` of the generated metainfo. */
    readonly name: string;
  };
  readonly groups: readonly GroupConfig[];
  readonly protocol: ProtocolConfig;
  readonly tracker: {
    readonly interval: Seconds;
    readonly min_interval: Seconds;
    readonly numwant: number;
    readonly expire: Seconds;
  };
  readonly network: {
    /** `block`: every block is its own transmission (the reference, the default); `lean`: a piece's queued blocks go as one run (docs/model.md, "The lean model"). */
    readonly model: "block" | "lean";
    readonly latency: { readonly min: Seconds; readonly max: Seconds };
    /** `distinct`: every peer its own /24; `shared`: all 127.0.0.1, as on loopback (protocol/fast/addresses.ts). */
    readonly addresses: "distinct" | "shared";
  };
  readonly faults: {
    readonly corrupt: CorruptFault | null;
    readonly link_corruption: number;
    readonly ban_after: number;
    /** libtorrent's smart ban: single out the peer that sent bad data; off = ban everyone after `ban_after` failed pieces. */
    readonly smart_ban: boolean;
    readonly tracker_outage: readonly TrackerOutage[];
  };
  readonly integrity: { readonly hashing: HashingMode };
  readonly metrics: { readonly sample_interval: Seconds };
  /** `distribution: client-server`: downloads a server serves at once (null = unlimited); others queue. */
  readonly client_server: { readonly max_concurrent: number | null };
  /** `distribution: napster`: a holder's concurrent uploads, and the wait before re-querying the index when every holder is busy. */
  readonly napster: { readonly upload_slots: number; readonly retry: Seconds };
  /** `discovery: dht | both`: the Kademlia DHT (BEP 5). */
  readonly dht: {
    readonly k: number;
    readonly alpha: number;
    readonly bootstrap: number;
    readonly timeout: Seconds;
    readonly interval: Seconds;
    readonly min_interval: Seconds;
  };
}
