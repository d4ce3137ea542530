/**
 * Refuses, before anything runs or is written, a scenario whose estimated
 * peak memory (sim/run/memory-estimate.ts) cannot fit: more than the
 * machine's memory (or the cgroup limit a cluster job runs under), or a
 * JavaScript heap beyond Node's limit. Reported like any bad input (exit 2,
 * file:line:col at the biggest group's count) with the estimate; `--force`
 * runs it anyway. `SIM_MEMORY_LIMIT=8GiB` tells the guard to assume less
 * memory than the machine has (a node shared with others).
 */
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import { BASE_BYTES, estimateMemory, type MemoryEstimate } from "../run/memory-estimate.ts";
import type { Problem } from "../scenario/issues.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { parseSize } from "../scenario/units.ts";
import { UsageError } from "./exit.ts";

export interface MemoryLimits {
  /** Memory this process may use in all (bytes). */
  readonly totalBytes: number;
  /** Where `totalBytes` comes from, for the message. */
  readonly source: string;
  /** V8's heap limit per isolate (each worker thread has its own). */
  readonly heapBytes: number;
}

export const MEMORY_LIMIT_ENV = "SIM_MEMORY_LIMIT";

/** The limits of this machine and process. */
export function machineLimits(env: NodeJS.ProcessEnv = process.env): MemoryLimits {
  const heapBytes = getHeapStatistics().heap_size_limit;
  const fromEnv = env[MEMORY_LIMIT_ENV];
  if (fromEnv !== undefined && fromEnv !== "") {
    let bytes: number;
    try {
      bytes = parseSize(fromEnv);
    } catch {
      throw new UsageError(`${MEMORY_LIMIT_ENV}=${fromEnv}: expected a size such as 8GiB`);
    }
    return { totalBytes: bytes, source: `${MEMORY_LIMIT_ENV}=${fromEnv}`, heapBytes };
  }
  const total = totalmem();
  // Under a cgroup limit (a Slurm job, a container) that limit is what counts; 2^64 means none.
  const constrained = process.constrainedMemory?.() ?? 0;
  if (constrained > 0 && constrained < total)
    return { totalBytes: constrained, source: "this process's cgroup limit", heapBytes };
  return { totalBytes: total, source: "this machine", heapBytes };
}

export function formatBytes(n: number): string {
  const GiB = 1024 ** 3;
  const TiB = 1024 ** 4;
  if (n >= 1000 * TiB) return `${Math.round(n / TiB).toLocaleString("en-US")} TiB`;
  if (n >= TiB) return `${(n / TiB).toFixed(1)} TiB`;
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GiB`;
  return `${Math.round(n / 1024 ** 2)} MiB`;
}

function describe(e: MemoryEstimate): string {
  const present =
    e.presentPeers < e.peers ? `, about ${e.presentPeers.toLocaleString("en-US")} at once` : "";
  return (
    `${e.peers.toLocaleString("en-US")} peers${present}, ${e.connectionsPerPeer} connections each, ` +
    `${e.pieces.toLocaleString("en-US")} pieces`
  );
}

export interface GuardOptions {
  readonly force?: boolean;
  /** Runs at once (compare and sweep worker threads). */
  readonly concurrent?: number;
  readonly limits?: MemoryLimits;
  /** Size and piece size of the external torrent, when the scenario names one. */
  readonly torrentSize?: (config: ScenarioConfig) => { bytes: number; pieceBytes: number };
}

/** A load check (sim/scenario/load.ts `checks`) that refuses runs that cannot fit. */
export function memoryCheck(opts: GuardOptions = {}): (config: ScenarioConfig) => Problem[] {
  return (config) => {
    if (opts.force) return [];
    const limits = opts.limits ?? machineLimits();
    const size = opts.torrentSize?.(config);
    const e = estimateMemory(config, size?.bytes, size?.pieceBytes);
    const runs = Math.max(1, opts.concurrent ?? 1);
    const path = ["groups", e.largestGroup, "count"];
    const needs = `needs about ${formatBytes(e.bytes)} of memory (${describe(e)})`;
    if (e.bytes * runs > limits.totalBytes) {
      const together =
        runs > 1
          ? `; ${runs} runs at once need about ${formatBytes(e.bytes * runs)} (lower --jobs)`
          : "";
      return [
        {
          path,
          kind: "invalid",
          problem:
            `this run ${needs}${together}, more than the ${formatBytes(limits.totalBytes)} of ${limits.source}; ` +
            "use --force to run it anyway",
        },
      ];
    }
    if (e.bytes - BASE_BYTES > limits.heapBytes) {
      const mib = Math.ceil((e.bytes * 1.25) / 1024 ** 2);
      return [
        {
          path,
          kind: "invalid",
          problem:
            `this run ${needs}, beyond Node's JavaScript heap limit of ${formatBytes(limits.heapBytes)}; ` +
            `raise it (NODE_OPTIONS=--max-old-space-size=${mib}) or use --force to run it anyway`,
        },
      ];
    }
    return [];
  };
}
