/**
 * The replay trace: everything `replay.html` shows, written by
 * `TraceRecorder` and read by the viewer in `viz/`. This file is the one
 * definition of the format; the viewer imports only these types (it must not
 * pull simulator code into the browser bundle), so the trace is
 * self-describing: names of event kinds and behaviours travel inside it.
 *
 * Size is bounded whatever the swarm: at most `limits.maxFrames` frames (fewer
 * when the swarm is large, so peers × frames stays under a budget), one byte
 * per peer per frame for each per-peer series, piece availability binned to at
 * most `limits.availabilityBins` bins, the top `limits.maxTransfersPerFrame`
 * transfers per frame and at most `limits.maxEvents` events.
 *
 * Binary columns are base64 strings of little-endian typed arrays (denser than
 * JSON numbers and cheap to decode with `atob`). Floats are rounded before
 * they are written so the JSON is byte-identical for identical runs.
 */

export const TRACE_FORMAT_VERSION = 1;

export interface ReplayTrace {
  readonly version: 1;
  readonly meta: TraceMeta;
  readonly peers: TracePeers;
  readonly frames: TraceFrames;
  readonly events: TraceEvents;
  readonly limits: TraceLimits;
}

export interface TraceGroup {
  readonly name: string;
  readonly behaviour: string;
  readonly uploadBps: number;
  readonly downloadBps: number;
  /** Bandwidth class the capacities came from (`class: adsl`), if any. */
  readonly cls: string | null;
}

export interface TraceMeta {
  readonly scenario: string;
  readonly seed: number;
  readonly pieceCount: number;
  readonly pieceSizeBytes: number;
  readonly sampleIntervalS: number;
  readonly groups: readonly TraceGroup[];
  /** false for whole-file distributions (client-server, napster): no piece-level data. */
  readonly pieceLevel: boolean;
  /** Time of the last frame (the end of the run when it ended normally). */
  readonly endS: number;
  readonly peerCount: number;
}

/** Per-peer facts, columnar: index = peer id. Times in seconds, null = never. */
export interface TracePeers {
  readonly group: readonly number[];
  /** Names indexed by `behaviour`. */
  readonly behaviourNames: readonly string[];
  readonly behaviour: readonly number[];
  readonly uploadBps: readonly number[];
  readonly downloadBps: readonly number[];
  /** 1 when the peer started as a seed. */
  readonly initialSeed: readonly number[];
  readonly arrivalS: readonly number[];
  readonly completionS: readonly (number | null)[];
  /** Departure or abort. */
  readonly departureS: readonly (number | null)[];
  /** First time any peer banned this one. */
  readonly bannedS: readonly (number | null)[];
  /** Totals at the last frame; the per-frame byte series are fractions of these. */
  readonly uploadedBytes: readonly number[];
  readonly downloadedBytes: readonly number[];
  readonly hashFailures: readonly number[];
}

/**
 * Progress byte per peer: 0 = not in the swarm (not arrived yet, or gone),
 * 255 = holds the whole file (a seed), 1..254 = a leecher holding
 * (b − 1) / 253 of the file (floor, so only a complete peer reads 255).
 */
export const PROGRESS_ABSENT = 0;
export const PROGRESS_SEED = 255;
export const PROGRESS_LEVELS = 253;

export interface TraceFrames {
  readonly count: number;
  /** Simulated time of each frame, seconds. */
  readonly timeS: readonly number[];
  /** Base64 of `meta.peerCount` bytes per frame (see PROGRESS_* above). */
  readonly progress: readonly string[];
  /**
   * Base64 of `meta.peerCount` bytes per frame: cumulative bytes uploaded /
   * downloaded by the peer as round(255 × value / the peer's final total).
   * Precision is 1/255 of the final total: enough for a tooltip.
   */
  readonly uploaded: readonly string[];
  readonly downloaded: readonly string[];
  /** Per frame, the peers whose hash-failure count changed since the previous frame, and the new count. */
  readonly hashFailures: readonly {
    readonly peer: readonly number[];
    readonly value: readonly number[];
  }[];
  readonly availability: TraceAvailability;
  readonly transfers: readonly TraceTransfers[];
  readonly series: TraceSeries;
}

export interface TraceAvailability {
  /** Number of piece bins (≤ limits.availabilityBins, ≤ pieceCount). */
  readonly bins: number;
  /** First piece index of each bin; bin b covers [binStart[b], binStart[b+1]). */
  readonly binStart: readonly number[];
  /**
   * Base64 of `bins` little-endian uint16 per frame: the minimum copies among
   * present peers over the bin's pieces (min, so the rarest piece stays
   * visible after binning), clamped to 65535.
   */
  readonly copies: readonly string[];
  /** The rarest piece (lowest index among ties) and its copies, per frame. */
  readonly rarestPiece: readonly number[];
  readonly rarestCopies: readonly number[];
  readonly meanCopies: readonly number[];
}

/**
 * The transfers active at a frame: the sample interval ending at the frame,
 * its `limits.maxTransfersPerFrame` busiest (from, to) pairs, rate = bytes ×
 * 8 / interval. `pairs` and `totalBps` count every pair, kept or not.
 */
export interface TraceTransfers {
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly rateBps: readonly number[];
  readonly pairs: number;
  readonly totalBps: number;
}

/** Swarm-wide curves, one value per frame. */
export interface TraceSeries {
  readonly seeds: readonly number[];
  readonly leechers: readonly number[];
  readonly completed: readonly number[];
  readonly banned: readonly number[];
  /** Payload bits per second uploaded by all peers since the previous frame. */
  readonly uploadBps: readonly number[];
  /** uploadBps over the upload capacity of the present peers in that interval; null when unknown. */
  readonly utilization: readonly (number | null)[];
}

/** Key events, columnar, in the order they happened. */
export interface TraceEvents {
  /** Names indexed by `kind`. */
  readonly kinds: readonly string[];
  readonly timeS: readonly number[];
  readonly kind: readonly number[];
  readonly peer: readonly number[];
  /** The banned peer for "ban", the failing piece for "hash_failure", else 0. */
  readonly other: readonly number[];
  /** Events seen per kind (indexed like `kinds`), before thinning. */
  readonly seen: readonly number[];
}

export interface TraceLimits {
  readonly maxFrames: number;
  readonly maxTransfersPerFrame: number;
  readonly maxEvents: number;
  readonly availabilityBins: number;
  /** Samples the swarm delivered (frames kept = frames.count). */
  readonly samplesSeen: number;
}
