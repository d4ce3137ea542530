/**
 * `npm run real` flags → validated HarnessOptions. Sizes, rates and durations
 * take the scenario's unit strings (`32MiB`, `2MiB/s`, `90s`); a bad flag is
 * a UsageError (exit 2, nothing run, nothing written).
 */
import { UsageError } from "../../sim/cli/exit.ts";
import { expandGrid, parseVary, type Variant } from "../../sim/compare/grid.ts";
import { parseDuration, parseRate, parseSize } from "../../sim/scenario/units.ts";

export interface HarnessOptions {
  /** Leecher counts N, one real swarm (and its twin) each per rep. */
  readonly peers: readonly number[];
  readonly reps: number;
  readonly sizeBytes: number;
  readonly pieceSizeBytes: number;
  /** libtorrent limits, bytes per second. */
  readonly seedUpBytesPerS: number;
  readonly upBytesPerS: number;
  readonly downBytesPerS: number;
  /** `--set` overrides applied to every simulated variant. */
  readonly sets: readonly string[];
  /** The simulated variants (from `--vary` / `--profile`); one named `default` when none. */
  readonly variants: readonly Variant[];
  /** Simulator seeds per variant and swarm (figures are their mean). */
  readonly simSeeds: number;
  readonly out: string;
  /** Bound on one real swarm, start-up included. */
  readonly timeoutS: number;
  /** Status poll interval of the clients, and the simulator's sample interval. */
  readonly pollS: number;
  /** Each client snapshots its connections this often (runs/nN-rR/real.json; 0: never). */
  readonly peerPollS: number;
  /** Each client records libtorrent's peer_log alerts for this long after arrival (0: never). */
  readonly peerLogS: number;
  /** ... from this long after arrival. */
  readonly peerLogAtS: number;
  /** Each leecher leaves the instant it completes (selfish departure); the twin's `seed_time: 0s`. */
  readonly leave: boolean;
  /** The seed super-seeds (BEP 16, libtorrent's non-strict rule); the twin's `super_seed: true`. */
  readonly superSeed: boolean;
  readonly quiet: boolean;
}

export interface RawFlags {
  peers?: string;
  reps?: number;
  size?: string;
  "piece-size"?: string;
  "seed-up"?: string;
  up?: string;
  down?: string;
  set?: string[];
  vary?: string[];
  profile?: string;
  "sim-seeds"?: number;
  out?: string;
  timeout?: string;
  "peer-poll"?: string;
  "peer-log"?: string;
  "peer-log-at"?: string;
  leave?: boolean;
  "super-seed"?: boolean;
  quiet?: boolean;
}

export const DEFAULT_FLAGS = {
  peers: "5,10,20",
  reps: 1,
  size: "32MiB",
  "piece-size": "256KiB",
  "seed-up": "2MiB/s",
  up: "1MiB/s",
  down: "4MiB/s",
  "sim-seeds": 3,
  out: "results/real",
  "peer-poll": "1s",
  "peer-log": "0s",
  "peer-log-at": "0s",
} as const;

function unit<T>(flag: string, value: string, parse: (v: string) => T): T {
  try {
    return parse(value);
  } catch (e) {
    throw new UsageError(`--${flag} ${value}: ${(e as Error).message}`);
  }
}

function positiveInt(flag: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new UsageError(`--${flag} ${v}: expected a positive integer`);
  return v;
}

/** Bytes per second from a rate flag; libtorrent takes whole bytes. */
function bytesPerS(flag: string, value: string): number {
  const b = Math.round(unit(flag, value, parseRate) / 8);
  if (b < 1) throw new UsageError(`--${flag} ${value}: must be at least 1 B/s`);
  return b;
}

/** A duration flag in seconds, 0 allowed (off). */
function nonNegative(flag: string, value: string): number {
  const s = value === "0" ? 0 : unit(flag, value, parseDuration);
  if (!(s >= 0)) throw new UsageError(`--${flag} ${value}: must be 0 or more`);
  return s;
}

export function harnessOptions(raw: RawFlags): HarnessOptions {
  const f = {
    peers: raw.peers ?? DEFAULT_FLAGS.peers,
    reps: raw.reps ?? DEFAULT_FLAGS.reps,
    size: raw.size ?? DEFAULT_FLAGS.size,
    "piece-size": raw["piece-size"] ?? DEFAULT_FLAGS["piece-size"],
    "seed-up": raw["seed-up"] ?? DEFAULT_FLAGS["seed-up"],
    up: raw.up ?? DEFAULT_FLAGS.up,
    down: raw.down ?? DEFAULT_FLAGS.down,
    "sim-seeds": raw["sim-seeds"] ?? DEFAULT_FLAGS["sim-seeds"],
    out: raw.out ?? DEFAULT_FLAGS.out,
    timeout: raw.timeout,
  };
  const peers = String(f.peers)
    .split(",")
    .map((s) => s.trim());
  const counts = peers.map((s) => Number(s));
  if (peers.some((s) => !/^\d+$/.test(s)) || counts.some((n) => n < 1)) {
    throw new UsageError(`--peers ${f.peers}: expected leecher counts such as 5,10,20`);
  }
  if (counts.some((n) => n > 60)) {
    throw new UsageError(`--peers ${f.peers}: at most 60 leechers (each is a libtorrent process)`);
  }
  const sizeBytes = unit("size", String(f.size), parseSize);
  const pieceSizeBytes = unit("piece-size", String(f["piece-size"]), parseSize);
  if (pieceSizeBytes % 16384 !== 0) {
    throw new UsageError(
      `--piece-size ${f["piece-size"]}: must be a multiple of 16KiB (the block size)`,
    );
  }
  if (sizeBytes < pieceSizeBytes) {
    throw new UsageError(`--size ${f.size}: smaller than one piece (${f["piece-size"]})`);
  }
  const seedUp = bytesPerS("seed-up", String(f["seed-up"]));
  const up = bytesPerS("up", String(f.up));
  const down = bytesPerS("down", String(f.down));
  const axes = [...(raw.vary ?? [])];
  if (raw.profile !== undefined) axes.push(`protocol.profile=${raw.profile}`);
  let variants: Variant[];
  try {
    variants =
      axes.length === 0
        ? [{ name: "default", dir: "default", sets: [], values: [] }]
        : expandGrid(axes.map(parseVary));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // Default bound: generous beside the seed's own time to send the file once.
  const timeoutS =
    f.timeout === undefined
      ? Math.ceil(60 + (6 * sizeBytes) / seedUp)
      : unit("timeout", String(f.timeout), parseDuration);
  if (!(timeoutS > 0)) throw new UsageError(`--timeout ${f.timeout}: must be positive`);
  return {
    peers: counts,
    reps: positiveInt("reps", Number(f.reps)),
    sizeBytes,
    pieceSizeBytes,
    seedUpBytesPerS: seedUp,
    upBytesPerS: up,
    downBytesPerS: down,
    sets: raw.set ?? [],
    variants,
    simSeeds: positiveInt("sim-seeds", Number(f["sim-seeds"])),
    out: String(f.out),
    timeoutS,
    pollS: 0.05,
    peerPollS: nonNegative("peer-poll", String(raw["peer-poll"] ?? DEFAULT_FLAGS["peer-poll"])),
    peerLogS: nonNegative("peer-log", String(raw["peer-log"] ?? DEFAULT_FLAGS["peer-log"])),
    peerLogAtS: nonNegative(
      "peer-log-at",
      String(raw["peer-log-at"] ?? DEFAULT_FLAGS["peer-log-at"]),
    ),
    leave: raw.leave ?? false,
    superSeed: raw["super-seed"] ?? false,
    quiet: raw.quiet ?? false,
  };
}
