/**
 * What the harness hands to the process inside the network namespace (a
 * SwarmPlan, as JSON) and what it gets back (a RealSwarm). Plain data, so the
 * two sides share nothing but this file.
 */

export type Role = "seed" | "leecher";

export interface ClientPlan {
  /** `seed`, `leecher-01`, …: also the simulated group's name. */
  readonly name: string;
  readonly role: Role;
  readonly port: number;
  /** libtorrent's limits, bytes per second (0: unlimited). */
  readonly upBytesPerS: number;
  readonly downBytesPerS: number;
  /** The client's save_path: holds the payload for the seed, empty for leechers. */
  readonly saveDir: string;
}

export interface SwarmPlan {
  readonly torrentPath: string;
  readonly infoHashHex: string;
  /** opentracker's chroot; holds the whitelist file. */
  readonly trackerDir: string;
  readonly trackerPort: number;
  readonly clients: readonly ClientPlan[];
  readonly python: string;
  readonly clientScript: string;
  /** How often each client polls its torrent's status. */
  readonly pollS: number;
  /** How often each client snapshots its connections (0: never). */
  readonly peerPollS: number;
  /** Each client records libtorrent's peer_log alerts for this long after its arrival (0: never). */
  readonly peerLogS: number;
  /** When (seconds after each client's arrival) that window opens. */
  readonly peerLogAtS: number;
  /** The swarm is stopped (and the run fails) after this long. */
  readonly deadlineS: number;
  /** Each leecher removes its torrent and exits the instant it completes (selfish departure). */
  readonly leave: boolean;
  /** The seed's torrent super-seeds (BEP 16, libtorrent's default non-strict rule). */
  readonly superSeed: boolean;
}

/** One status poll: seconds since the run's origin and cumulative byte counters. */
export interface StatusSample {
  readonly t: number;
  /** Verified payload bytes held (total_wanted_done). */
  readonly done: number;
  /** Payload bytes sent / received (libtorrent's payload counters: no protocol overhead). */
  readonly up: number;
  readonly down: number;
  /** All bytes sent, protocol messages included (total_upload). */
  readonly upAll: number;
  /**
   * Verified pieces held (status().pieces) as a hex bitfield, piece 0 the high
   * bit of the first digit; absent in records written before it was recorded.
   */
  readonly have?: string;
}

/**
 * One snapshot of a client's connections: `fields` names the columns
 * (client.py PEER_FIELDS: libtorrent's peer_info), one row per connection.
 */
export interface PeerSnapshot {
  readonly t: number;
  readonly rows: readonly (readonly number[])[];
}

/** libtorrent's session counters at `t` (client.py SESSION_COUNTERS, in that order). */
export interface SessionCounters {
  readonly t: number;
  readonly v: readonly number[];
}

/** One libtorrent peer_log alert: its message, the remote's port, when it was popped. */
export interface PeerLogLine {
  readonly t: number;
  readonly peer: number;
  readonly msg: string;
}

export interface ClientRecord {
  readonly name: string;
  readonly role: Role;
  readonly pid: number;
  readonly upBytesPerS: number;
  readonly downBytesPerS: number;
  /** Times in seconds since the run's origin (the first client's `ready`). */
  readonly spawnS: number;
  /** The torrent is in the session: the client's arrival. */
  readonly readyS: number | null;
  readonly announcedS: number | null;
  readonly completeS: number | null;
  /** With --leave: the torrent was removed (the client's departure); null if it never left. */
  readonly leftS: number | null;
  /** With --super-seed, the seed's flag once it had a peer (libtorrent may drop it); else null. */
  readonly superSeeding: boolean | null;
  readonly samples: readonly StatusSample[];
  /** Connection snapshots (--peer-poll) and peer_log alerts (--peer-log); empty when off. */
  readonly peerSnapshots: readonly PeerSnapshot[];
  readonly peerLog: readonly PeerLogLine[];
  /** Session counters, one set with each connection snapshot. */
  readonly sessionCounters: readonly SessionCounters[];
  readonly errors: readonly string[];
  /** CPU seconds (user + system) the client used, read from /proc before it was stopped. */
  readonly cpuS: number | null;
}

export interface RealSwarm {
  /** `ip -o link show` inside the namespace: `lo` only, or the run was refused. */
  readonly interfaces: readonly string[];
  readonly clients: readonly ClientRecord[];
  /** Origin → the moment the harness stopped the swarm. */
  readonly durationS: number;
  readonly endReason: "all-complete" | "deadline" | "client-exited";
  /** os.loadavg() inside the namespace at start and end (the machine's, namespaces do not split it). */
  readonly loadAvg: { readonly start: readonly number[]; readonly end: readonly number[] };
}
