import type { PeerRecord } from "./peer-ledger.ts";
import { mean, percentileSorted, round } from "./stats.ts";
import type { SwarmFiguresResult } from "./swarm-figures.ts";

/** Swarm-wide byte and failure counters at the end of a run. */
export interface RunTotals {
  readonly uploadedBytes: number;
  readonly downloadedBytes: number;
  readonly wastedDuplicateBytes: number;
  readonly wastedCorruptBytes: number;
  readonly lostInTransitBytes: number;
  readonly hashFailures: number;
  readonly redownloadedPieces: number;
  /** Every byte the uplinks / downlinks carried, protocol overhead included (absent: payload only). */
  readonly wireUploadedBytes?: number;
  readonly wireDownloadedBytes?: number;
}

export interface SummaryInput {
  readonly scenario: string;
  readonly seed: number;
  readonly distribution: string;
  /** `protocol.profile` (bittorrent only; null for the whole-file modes). */
  readonly profile?: string | null;
  readonly endReason: string;
  readonly simEndS: number;
  readonly events: number;
  readonly records: readonly PeerRecord[];
  /** Group names in scenario order (the order of per-group figures). */
  readonly groupNames: readonly string[];
  readonly totalPeers: number;
  readonly totals: RunTotals;
  readonly allCompletedVerified: boolean;
  /** Run-level swarm figures (utilization, replication, entropy), if gathered. */
  readonly swarm?: SwarmFiguresResult;
  /** false for distributions without pieces (client-server, napster): piece, hash and ban figures are null. */
  readonly pieceLevel?: boolean;
  /** Napster: bytes of partial downloads discarded because their source left; null elsewhere. */
  readonly wastedRestartBytes?: number | null;
  /** Peer discovery: the tracker's and the DHT's figures, null where not used. */
  readonly tracker?: TrackerFigures | null;
  readonly dht?: DhtFigures | null;
  /** Napster's index figures; null elsewhere. */
  readonly napster?: NapsterFigures | null;
}

export interface TrackerFigures {
  readonly announces: number;
  /** Mean over leechers of arrival → first tracker reply naming a peer. */
  readonly time_to_first_peer_s: number | null;
}

export interface DhtFigures {
  /** get_peers lookups completed. */
  readonly lookups: number;
  readonly mean_hops: number | null;
  readonly max_hops: number | null;
  readonly mean_lookup_s: number | null;
  readonly queries: number;
  readonly timeouts: number;
  /** Mean over leechers of arrival → first get_peers reply naming a peer. */
  readonly time_to_first_peer_s: number | null;
}

export interface NapsterFigures {
  readonly index_queries: number;
  readonly restarts: number;
}

function timeStats(records: readonly PeerRecord[]) {
  const times = records
    .filter((r) => r.completionS !== null)
    .map((r) => (r.completionS as number) - r.arrivalS)
    .sort((a, b) => a - b);
  return {
    mean: round(mean(times)),
    p50: round(percentileSorted(times, 0.5)),
    p90: round(percentileSorted(times, 0.9)),
    p99: round(percentileSorted(times, 0.99)),
    max: round(times.length ? times[times.length - 1] : null),
  };
}

function groupStats(records: readonly PeerRecord[], names: readonly string[]) {
  return names.map((name) => {
    const rs = records.filter((r) => r.group === name);
    const leechers = rs.filter((r) => !r.initialSeed);
    const t = timeStats(leechers);
    const up = rs.reduce((s, r) => s + r.uploadedBytes, 0);
    const down = rs.reduce((s, r) => s + r.downloadedBytes, 0);
    return {
      group: name,
      behaviour: rs[0]?.behaviour ?? null,
      count: rs.length,
      leechers: leechers.length,
      completed: leechers.filter((r) => r.completionS !== null).length,
      aborted: leechers.filter((r) => r.aborted).length,
      download_time_s: { p50: t.p50, p90: t.p90, mean: t.mean },
      uploaded_bytes: up,
      downloaded_bytes: down,
      share_ratio: down > 0 ? round(up / down, 4) : null,
    };
  });
}

function lastCompletion(leechers: readonly PeerRecord[]): number | null {
  let last: number | null = null;
  for (const r of leechers)
    if (r.completionS !== null && (last === null || r.completionS > last)) last = r.completionS;
  return round(last);
}

/** The contract's summary.json, plus per-group figures and the end reason. */
export function buildSummary(input: SummaryInput) {
  const leechers = input.records.filter((r) => !r.initialSeed);
  const t = input.totals;
  const pieces = input.pieceLevel ?? true;
  const ifPieces = (x: number) => (pieces ? x : null);
  return {
    scenario: input.scenario,
    seed: input.seed,
    distribution: input.distribution,
    profile: input.profile ?? null,
    end_reason: input.endReason,
    sim_end_s: round(input.simEndS),
    peers: {
      total: input.records.length,
      planned: input.totalPeers,
      leechers: leechers.length,
      completed: leechers.filter((r) => r.completionS !== null).length,
      aborted: leechers.filter((r) => r.aborted).length,
      banned: ifPieces(input.records.filter((r) => r.banned).length),
    },
    download_time_s: timeStats(leechers),
    bytes: {
      uploaded: t.uploadedBytes,
      downloaded: t.downloadedBytes,
      wasted_corrupt: ifPieces(t.wastedCorruptBytes),
      wasted_duplicate: ifPieces(t.wastedDuplicateBytes),
      lost_in_transit: t.lostInTransitBytes,
      wasted_restart: input.wastedRestartBytes ?? null,
      // Bytes on the links, protocol overhead included (= payload without it).
      wire_uploaded: t.wireUploadedBytes ?? t.uploadedBytes,
      wire_downloaded: t.wireDownloadedBytes ?? t.downloadedBytes,
    },
    hash_failures: ifPieces(t.hashFailures),
    redownloaded_pieces: ifPieces(t.redownloadedPieces),
    all_completed_verified: input.allCompletedVerified,
    events: input.events,
    groups: groupStats(input.records, input.groupNames),
    // Added after the contract's keys: the distribution time of Kumar & Ross
    // (simulated time of the last completion) and the swarm-level figures.
    last_completion_s: lastCompletion(leechers),
    ...(input.swarm ? { swarm: input.swarm } : {}),
    tracker: input.tracker ?? null,
    dht: input.dht ?? null,
    napster: input.napster ?? null,
  };
}

export type Summary = ReturnType<typeof buildSummary>;
