/** What `simulate` takes and gives (sim/run/simulate.ts). */
import type { CheckSummary } from "../check/index.ts";
import type { HashingMode } from "../integrity/index.ts";
import type { Summary } from "../metrics/summary.ts";
import type { TimeseriesRow } from "../metrics/timeseries.ts";
import type { LinkModelFactory } from "../net/links.ts";
import type { SwarmObserver } from "../observe/events.ts";
import type { SwarmOptions } from "../swarm/swarm.ts";
import type { PreparedTorrent } from "./torrent-setup.ts";

export interface SimulateOptions {
  /** Extra observers (the replay trace recorder, tests). */
  readonly observers?: readonly SwarmObserver[];
  /** Receives each timeseries.csv row as it is produced. */
  readonly onTimeseriesRow?: (row: TimeseriesRow) => void;
  /** Called every `progressEveryS` of simulated time. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressEveryS?: number;
  /** The torrent, content and verifiers (default: prepared from the scenario, no external .torrent). */
  readonly torrent?: PreparedTorrent;
  readonly onTransmission?: SwarmOptions["onTransmission"];
  readonly onOverhead?: SwarmOptions["onOverhead"];
  /**
   * Polled every few thousand events (sim/run/interrupt.ts): when it returns
   * true the run is abandoned by throwing SimulationInterrupted.
   */
  readonly interrupt?: () => boolean;
  /**
   * Assert the model's invariants while running (sim/check/): the first one
   * broken throws InvariantViolation. Slower; results are the same.
   */
  readonly check?: boolean;
  /** The access-link model (default AccessLinks); tests inject broken ones for `check` to catch. */
  readonly links?: LinkModelFactory;
}

export interface Progress {
  readonly simTimeS: number;
  readonly maxTimeS: number;
  readonly leechersDone: number;
  readonly leechersTotal: number;
  readonly events: number;
}

export interface SimulationResult {
  readonly summary: Summary;
  /** The hashing mode used (`auto` resolved). */
  readonly hashingMode: HashingMode;
  /** The bencoded metainfo (swarm.torrent). */
  readonly metainfo: Uint8Array;
  readonly peerRows: (string | number)[][];
  readonly events: number;
  readonly simEndS: number;
  /** What `check` looked at; null without it. */
  readonly check: CheckSummary | null;
}
