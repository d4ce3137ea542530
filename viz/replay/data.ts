import { scaleLinear } from "d3";
import type { ReplayFrame, ReplayTrace } from "../../sim/metrics/replay-trace.ts";

export type { ReplayFrame, ReplayTrace } from "../../sim/metrics/replay-trace.ts";
export { EVENT_KINDS } from "../../sim/metrics/replay-trace.ts";

/** The trace with its base64 arrays decoded once, for the views. */
export interface Decoded {
  readonly trace: ReplayTrace;
  readonly progress: Uint8Array[];
  readonly heat: Uint8Array[];
  readonly maxHeat: number;
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function decode(trace: ReplayTrace): Decoded {
  const progress = trace.frames.map((f) => fromBase64(f.progress));
  const heat = trace.frames.map((f) => fromBase64(f.heat));
  let maxHeat = 1;
  for (const h of heat) for (const v of h) if (v > maxHeat) maxHeat = v;
  return { trace, progress, heat, maxHeat };
}

/** Index of the last frame at or before `timeS` (0 when before the first). */
export function frameAt(trace: ReplayTrace, timeS: number): number {
  let lo = 0;
  let hi = trace.frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (trace.frames[mid].timeS <= timeS) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export const formatBps = (bps: number): string =>
  bps >= 1e9
    ? `${(bps / 1e9).toFixed(1)} Gbit/s`
    : bps >= 1e6
      ? `${(bps / 1e6).toFixed(1)} Mbit/s`
      : `${(bps / 1e3).toFixed(0)} kbit/s`;

export const formatBytes = (b: number): string =>
  b >= 2 ** 30
    ? `${(b / 2 ** 30).toFixed(2)} GiB`
    : b >= 2 ** 20
      ? `${(b / 2 ** 20).toFixed(1)} MiB`
      : `${(b / 1024).toFixed(0)} KiB`;

/** The one unit a time axis spanning [0, maxS] is labelled in: s below 2 min, min below 2 h, else h. */
export function timeUnit(maxS: number): {
  readonly name: "s" | "min" | "h";
  readonly seconds: number;
} {
  if (maxS < 120) return { name: "s", seconds: 1 };
  if (maxS < 7200) return { name: "min", seconds: 60 };
  return { name: "h", seconds: 3600 };
}

/**
 * Ticks for a time axis over [0, maxS], all in one unit: nice values in that
 * unit (0, 5, 10 min rather than 0, 300, 600 s), given back in seconds for the
 * scale, the unit named once in the axis label.
 */
export function timeTicks(
  maxS: number,
  count = 5,
): { readonly values: number[]; readonly format: (s: number) => string; readonly label: string } {
  const unit = timeUnit(maxS);
  const inUnit = scaleLinear()
    .domain([0, maxS / unit.seconds])
    .ticks(count);
  const step = inUnit.length > 1 ? inUnit[1] - inUnit[0] : 1;
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return {
    values: inUnit.map((v) => v * unit.seconds),
    format: (s) => (s / unit.seconds).toFixed(digits),
    label: `time (${unit.name})`,
  };
}

export const formatTime = (s: number): string =>
  s < 120
    ? `${s.toFixed(1)} s`
    : s < 7200
      ? `${(s / 60).toFixed(1)} min`
      : `${(s / 3600).toFixed(2)} h`;

/** "rarest: piece 317, 1 copy — only at the seeds" for a frame (the swarm and heat-map captions). */
export function rarestText(f: ReplayFrame | undefined): string {
  if (f === undefined || f.rarestPiece < 0) return "";
  const copies = `${f.rarestCopies} ${f.rarestCopies === 1 ? "copy" : "copies"}`;
  const stranded =
    f.onlyAtSeeds > 0 && f.leechers > 0
      ? ` — ${f.onlyAtSeeds} ${f.onlyAtSeeds === 1 ? "piece" : "pieces"} only at the seeds`
      : "";
  return `rarest: piece ${f.rarestPiece}, ${copies}${stranded}`;
}
