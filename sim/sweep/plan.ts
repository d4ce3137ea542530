/**
 * A sweep's plan: its grid points (cartesian product of the `vary` lists,
 * first key slowest), every (point, seed) run with its id, and the shard each
 * run falls to. Pure: the CLI loads the scenarios and touches the files.
 *
 * A run id is a hash of the fully resolved scenario with the seed applied, so
 * the same run has the same id in every process, on every machine, and in any
 * grid that contains it.
 */
import { createHash } from "node:crypto";

export interface SweepAxis {
  readonly path: string;
  readonly values: readonly unknown[];
}

export interface GridPoint {
  readonly index: number;
  /** Value of each axis, in axis order. */
  readonly values: readonly unknown[];
  /** The `--set` expressions that make this point (values as JSON, which YAML reads back). */
  readonly sets: readonly string[];
}

export interface PlannedRun {
  readonly id: string;
  readonly point: number;
  readonly seed: number;
}

/** sweep.json: everything `sim sweep merge` needs, identical from every shard. */
export interface SweepPlan {
  readonly format: 1;
  readonly name: string;
  readonly description: string;
  /** The base scenario as the sweep file names it. */
  readonly base: string;
  readonly vary: readonly SweepAxis[];
  readonly seeds: readonly number[];
  readonly metrics: readonly string[];
  /** Ordered by (point, seed). */
  readonly runs: readonly PlannedRun[];
}

export function setExpr(path: string, value: unknown): string {
  return `${path}=${JSON.stringify(value)}`;
}

export function gridPoints(axes: readonly SweepAxis[]): GridPoint[] {
  let combos: unknown[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => [...c, v]));
  return combos.map((values, index) => ({
    index,
    values,
    sets: values.map((v, i) => setExpr(axes[i].path, v)),
  }));
}

/** Index of each axis value of a point (the grid is a mixed-radix number, last axis fastest). */
export function pointCoords(axes: readonly SweepAxis[], point: number): number[] {
  const coords: number[] = new Array(axes.length);
  for (let i = axes.length - 1; i >= 0; i--) {
    const n = axes[i].values.length;
    coords[i] = point % n;
    point = Math.floor(point / n);
  }
  return coords;
}

/** JSON with every object's keys sorted: the same text for equal values, whatever the key order. */
export function canonicalJson(x: unknown): string {
  if (x === null || typeof x !== "object") return JSON.stringify(x) ?? "null";
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(",")}]`;
  const obj = x as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

/**
 * The id of a run: the first 16 hex digits of the SHA-1 of the resolved
 * scenario (seed applied) as canonical JSON. `description` is left out: it
 * changes no output.
 */
export function runId(config: object): string {
  const { description: _, ...rest } = config as Record<string, unknown>;
  return createHash("sha1")
    .update(`swarmsim-run-v1\n${canonicalJson(rest)}`)
    .digest("hex")
    .slice(0, 16);
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `I/N` with 0 ≤ I < N; throws a message for the user otherwise. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`--shard ${text}: expected I/N, e.g. 0/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new Error(`--shard ${text}: N must be ≥ 1`);
  if (index >= count) throw new Error(`--shard ${text}: I must be in 0..${count - 1}`);
  return { index, count };
}

/** The shard (0..count-1) a run falls to: deterministic, balanced in expectation. */
export function shardOf(id: string, count: number): number {
  return Number.parseInt(id.slice(0, 8), 16) % count;
}

export function inShard(id: string, shard: Shard | null): boolean {
  return shard === null || shardOf(id, shard.count) === shard.index;
}

/** A point's values as `path=value` pairs, for messages. */
export function describePoint(axes: readonly SweepAxis[], values: readonly unknown[]): string {
  return axes.map((a, i) => `${a.path}=${cellText(values[i])}`).join(",");
}

/** A grid value as a CSV cell or label: scalars as they are, anything else as JSON. */
export function cellText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}
