/**
 * How much memory a run will need at its peak, estimated from the scenario
 * before anything is built, so the CLI can refuse a run that cannot fit
 * (ten million peers) instead of dying of out-of-memory minutes in.
 *
 * Every planned peer is created when the run starts; the peers present at
 * once hold the state that grows: connections (up to max_connections each,
 * with their request lists and piece views), per-piece arrays, the known-peer
 * bitset (one bit per peer id) and the garbage all of that churns out
 * between collections. The constants are fitted to peak resident memory
 * measured on Node 20 (`peak_rss_bytes` in run.json, docs/robustness.md):
 * within about ±20 % from 250 to 8,000 peers, 16 to 1,000 pieces, 20 to 80
 * connections, and for steady-2k (20,001 planned, ~2,000 present). Pure:
 * the machine's memory is the CLI's business (sim/cli/resource-guard.ts).
 */
import type { GroupConfig, ScenarioConfig } from "../scenario/types.ts";

const KiB = 1024;
const MiB = 1024 * KiB;

/** Node, tsx, the simulator's code and a worker thread. */
export const BASE_BYTES = 100 * MiB;
/** A present BitTorrent peer, before its connections and pieces. */
const PRESENT_PEER_BYTES = 48 * KiB;
/** Per present peer and piece: have/startable/availability, partial pieces and their garbage. */
const PRESENT_PEER_PIECE_BYTES = 150;
/** Per connection end of a present peer (object, request lists, piece-view bits). */
const CONNECTION_END_BYTES = 1 * KiB;
/** A planned peer not yet arrived or already gone (its object, streams, ledger row). */
const ABSENT_PEER_BYTES = 20 * KiB;
/** Per absent peer and piece (the have array stays). */
const ABSENT_PEER_PIECE_BYTES = 6;
/** Client-server and Napster peers: no pieces, no connections, a flow or two. */
const WHOLE_FILE_PEER_BYTES = 4 * KiB;
/** Per piece, once: hashes, metainfo, piece copies. */
const PIECE_BYTES = 64;

export interface MemoryEstimate {
  readonly bytes: number;
  readonly peers: number;
  /** Peers that may be present at once (all, unless arrivals are spread and peers leave). */
  readonly presentPeers: number;
  readonly pieces: number;
  /** Connection ends per present peer. */
  readonly connectionsPerPeer: number;
  /** The group that contributes most (the key a refusal points at). */
  readonly largestGroup: number;
}

/** Seconds a peer of `g` stays: a download at its slower link (the fluid model's 1/μ) plus its mean seeding time. */
function staySeconds(g: GroupConfig, fileBytes: number): number {
  const st = g.seed_time;
  if (st === "never" || g.start_as === "seed") return Number.POSITIVE_INFINITY;
  const seeding = typeof st === "number" ? st : st.exponential;
  return (fileBytes * 8) / Math.max(1, Math.min(g.upload, g.download)) + seeding;
}

/** Peers of `g` present at once: all of them, unless Poisson arrivals and leaving peers cap it (Little's law). */
function presentOf(g: GroupConfig, fileBytes: number): number {
  const a = g.arrival;
  if (!("pattern" in a) || a.pattern !== "poisson") return g.count;
  return Math.min(g.count, Math.ceil(a.rate * staySeconds(g, fileBytes)));
}

/**
 * @param fileBytes the torrent's size (from `torrent.file` when the scenario names one)
 * @param pieceBytes its piece size
 */
export function estimateMemory(
  config: ScenarioConfig,
  fileBytes = config.torrent.size,
  pieceBytes = config.torrent.piece_size,
): MemoryEstimate {
  const pieces = pieceBytes > 0 ? Math.ceil(fileBytes / pieceBytes) : 0;
  const peers = config.groups.reduce((n, g) => n + g.count, 0);
  const connectionsPerPeer = Math.max(0, Math.min(config.protocol.max_connections, peers - 1));
  const bittorrent = config.distribution === "bittorrent";
  const presentCost = bittorrent
    ? PRESENT_PEER_BYTES +
      PRESENT_PEER_PIECE_BYTES * pieces +
      CONNECTION_END_BYTES * connectionsPerPeer +
      peers / 8
    : WHOLE_FILE_PEER_BYTES;
  const absentCost = bittorrent
    ? ABSENT_PEER_BYTES + ABSENT_PEER_PIECE_BYTES * pieces
    : WHOLE_FILE_PEER_BYTES;
  let bytes = BASE_BYTES + PIECE_BYTES * pieces;
  let presentPeers = 0;
  let largestGroup = 0;
  let largest = -1;
  config.groups.forEach((g, i) => {
    const present = presentOf(g, fileBytes);
    const groupBytes = present * presentCost + (g.count - present) * absentCost;
    presentPeers += present;
    bytes += groupBytes;
    if (groupBytes > largest) {
      largest = groupBytes;
      largestGroup = i;
    }
  });
  return { bytes, peers, presentPeers, pieces, connectionsPerPeer, largestGroup };
}
