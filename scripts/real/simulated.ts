/**
 * The simulated twin of a real swarm: the same file, piece size, limits and
 * the clients' own arrival times (each client is a group of one arriving
 * `at:` its real start), run in-process with sim/run/simulate.ts, with
 * per-peer byte counters sampled every `pollS` like the real clients'.
 *
 * Loopback has no propagation delay worth the name, so the one-way latency
 * is 0.1 ms; `--set` overrides (a profile, a pipeline depth, the latency)
 * are applied on top, validated exactly as `sim run --set` validates them.
 */
import { stringify } from "yaml";
import { piecesOnlyAtSeeds } from "../../sim/metrics/entropy.ts";
import { type SampleRow, strandedSeconds } from "../../sim/metrics/trading-window.ts";
import type { SwarmEvent, SwarmObserver, SwarmSnapshot } from "../../sim/observe/events.ts";
import { simulate } from "../../sim/run/simulate.ts";
import { parseScenario } from "../../sim/scenario/load.ts";
import type { ScenarioConfig } from "../../sim/scenario/types.ts";
import type { CounterSample, PeerTrace } from "./figures.ts";
import type { Role } from "./plan.ts";

/** Who arrives when, with which limits (bytes per second); the seed first. */
export interface ArrivalPlan {
  readonly name: string;
  readonly role: Role;
  readonly arrivalS: number;
  readonly upBytesPerS: number;
  readonly downBytesPerS: number;
}

export interface TwinSpec {
  readonly name: string;
  readonly sizeBytes: number;
  readonly pieceSizeBytes: number;
  readonly peers: readonly ArrivalPlan[];
  readonly pollS: number;
  readonly maxTimeS: number;
  /** Leechers leave the instant they complete (`seed_time: 0s`, the harness's --leave). */
  readonly leave?: boolean;
  /** The seed super-seeds under libtorrent's rule (`super_seed: true`, the harness's --super-seed). */
  readonly superSeed?: boolean;
}

const US = 1e6;
const roundUs = (s: number) => Math.round(s * US) / US;

/** The scenario as YAML text (written beside the results so it can be rerun with `sim run`). */
export function twinScenarioText(spec: TwinSpec, seed = 1): string {
  const doc = {
    name: spec.name,
    seed,
    description:
      "The simulated twin of a real libtorrent swarm on loopback (npm run real): one group a client, arriving at its real start.",
    stop: { max_time: spec.maxTimeS },
    torrent: { size: spec.sizeBytes, piece_size: spec.pieceSizeBytes, block_size: "16KiB" },
    groups: spec.peers.map((p) => ({
      name: p.name,
      count: 1,
      start_as: p.role,
      // Limits in bits per second, as the scenario's plain numbers are.
      upload: p.upBytesPerS * 8,
      download: p.downBytesPerS * 8,
      arrival: { at: roundUs(p.arrivalS) },
      // --leave: a real leecher removes its torrent the poll it completes.
      seed_time: p.role === "leecher" && spec.leave ? "0s" : "never",
      ...(p.role === "seed" && spec.superSeed ? { super_seed: true } : {}),
    })),
    // Every real client is 127.0.0.1: libtorrent's BEP 6 allowed-fast set is the same for all.
    network: { addresses: "shared", latency: { min: "0.1ms", max: "0.1ms" } },
    metrics: { sample_interval: spec.pollS },
  };
  return stringify(doc);
}

/** Validates the twin with the overrides; throws ScenarioError (exit 2) on a bad `--set`. */
export function twinScenario(
  spec: TwinSpec,
  sets: readonly string[],
  seed = 1,
): { text: string; config: ScenarioConfig } {
  const text = twinScenarioText(spec, seed);
  return { text, config: parseScenario(text, `${spec.name}.yaml`, { sets }) };
}

/**
 * Records every peer's cumulative counters at each sample, completions, and
 * the timeseries.csv columns the stranded-piece time is read from.
 */
class CounterRecorder implements SwarmObserver {
  readonly samples: CounterSample[][] = [];
  readonly completions = new Map<number, number>();
  readonly rows: SampleRow[] = [];
  private seeded = false;
  names: string[] = [];
  groups: number[] = [];
  arrivals: number[] = [];
  uploads: number[] = [];

  onEvent(e: SwarmEvent): void {
    if (e.kind === "completion") this.completions.set(e.peer, e.timeS);
  }

  onSample(s: SwarmSnapshot): void {
    const lastRow = this.rows[this.rows.length - 1];
    if (lastRow === undefined || lastRow.time_s !== s.timeS) {
      let leechers = 0;
      let seeds = 0;
      for (let i = 0; i < s.peers.length; i++) {
        if (s.present[i] !== 1) continue;
        if (s.piecesHave[i] < s.pieceCount) leechers++;
        else seeds++;
      }
      // As stranded.ts: rows start once a seed is present (the twin's seed
      // arrives when the real one did, possibly after some leechers; before
      // it, pieces_only_at_seeds = 0 would start the stranded count at once).
      this.seeded ||= seeds > 0;
      if (this.seeded) {
        this.rows.push({
          time_s: s.timeS,
          leechers,
          completed: this.completions.size,
          pieces_only_at_seeds: piecesOnlyAtSeeds(s),
        });
      }
    }
    for (let i = 0; i < s.peers.length; i++) {
      if (this.samples[i] === undefined) this.samples[i] = [];
      const list = this.samples[i];
      const last = list[list.length - 1];
      if (last && last.t === s.timeS) continue;
      list.push({ t: s.timeS, up: s.uploadedBytes[i], down: s.downloadedBytes[i] });
      this.names[i] = s.peers[i].groupName;
      this.groups[i] = s.peers[i].group;
      this.arrivals[i] = s.peers[i].arrivalS;
      this.uploads[i] = s.peers[i].uploadBps / 8;
    }
  }
}

export interface TwinRun {
  readonly traces: PeerTrace[];
  readonly endReason: string;
  /** sim/metrics/trading-window.ts strandedSeconds over the twin's samples. */
  readonly strandedS: number | null;
}

/** Runs the twin once and returns a trace per peer (in group order), shaped as the real clients' are. */
export function runTwin(config: ScenarioConfig): TwinRun {
  const rec = new CounterRecorder();
  const result = simulate(config, { observers: [rec] });
  const roles = new Map(config.groups.map((g) => [g.name, g.start_as as Role]));
  const traces = rec.samples.map((samples, i) => ({
    group: rec.groups[i],
    trace: {
      name: rec.names[i],
      role: roles.get(rec.names[i]) ?? "leecher",
      upBytesPerS: rec.uploads[i],
      arrivalS: rec.arrivals[i],
      completionS: rec.completions.get(i) ?? null,
      samples,
    },
  }));
  // Peer ids follow arrival order; the twin lists them in the clients' order (one group each).
  traces.sort((a, b) => a.group - b.group);
  const leechers = config.groups
    .filter((g) => g.start_as === "leecher")
    .reduce((n, g) => n + g.count, 0);
  return {
    traces: traces.map((t) => t.trace),
    endReason: result.summary.end_reason ?? "",
    strandedS: strandedSeconds(rec.rows, leechers),
  };
}
