/**
 * A sweep file (YAML) → a checked `SweepSpec`, errors as `file:line:col: path:
 * problem` through the same position machinery as scenarios.
 *
 *   name: picker-vs-size          # optional; default: the file's name
 *   base: ../small.yaml           # the scenario, relative to the sweep file
 *   vary:                         # grid: cartesian product, first key slowest
 *     protocol.picker: [rarest-first, random]
 *     groups.1.count: [10, 20, 40]
 *   seeds: 5                      # seeds 1..5, or a list: [1, 2, 7]
 *   metrics: [download_time_s.mean, last_completion_s]   # summary.json paths
 */
import * as z from "zod";
import { locate, parseSource, type SourceDoc, toPlain, type Where } from "../scenario/document.ts";
import { formatPath, ScenarioError } from "../scenario/errors.ts";
import { type Problem, problemsFromZod } from "../scenario/issues.ts";
import { REQUIRED, strict } from "../scenario/schema-kit.ts";
import { DEFAULT_SWEEP_METRICS, SWEEP_METRICS } from "./metrics.ts";

export interface SweepAxisSpec {
  /** The scenario key, as written (`groups.1.count`). */
  readonly path: string;
  readonly values: readonly unknown[];
  /** Where each value is written in the sweep file. */
  readonly where: readonly Where[];
}

export interface SweepSpec {
  readonly name: string | null;
  readonly description: string;
  /** The base scenario, as written (relative to the sweep file). */
  readonly base: string;
  readonly baseWhere: Where;
  readonly vary: readonly SweepAxisSpec[];
  readonly seeds: readonly number[];
  readonly seedsWhere: Where;
  /** Where `vary:` is written (problems of the grid as a whole). */
  readonly varyWhere: Where;
  readonly metrics: readonly string[];
}

/** `groups[1].count` and `groups.1.count` are the same key. */
export function normalizeKeyPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1");
}

/** Runs one sweep file may plan (grid points × seeds). */
export const MAX_SWEEP_RUNS = 100_000;

const seedsField = z.unknown().superRefine((v, ctx) => {
  if (v === undefined) {
    ctx.addIssue({ code: "custom", message: REQUIRED });
    return;
  }
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 1)
      ctx.addIssue({ code: "custom", message: `expected a whole number ≥ 1; got ${v}` });
    return;
  }
  if (!Array.isArray(v)) {
    ctx.addIssue({
      code: "custom",
      message: "expected a count (5 → seeds 1..5) or a list of seeds ([1, 2, 7])",
    });
    return;
  }
  if (v.length === 0) ctx.addIssue({ code: "custom", message: "needs at least 1 item(s)" });
  const seen = new Set<unknown>();
  v.forEach((s, i) => {
    if (typeof s !== "number" || !Number.isInteger(s) || s < 0)
      ctx.addIssue({ code: "custom", path: [i], message: `expected a whole number ≥ 0; got ${s}` });
    else if (seen.has(s))
      ctx.addIssue({ code: "custom", path: [i], message: `seed ${s} is listed twice` });
    seen.add(s);
  });
});

const varyField = z.record(z.string(), z.unknown()).superRefine((vary, ctx) => {
  const keys = Object.keys(vary);
  if (keys.length === 0)
    ctx.addIssue({ code: "custom", message: "needs at least one scenario key to vary" });
  const seenPaths = new Map<string, string>();
  for (const key of keys) {
    const norm = normalizeKeyPath(key);
    if (norm === "seed" || norm === "name")
      ctx.addIssue({
        code: "custom",
        path: [key],
        message:
          norm === "seed"
            ? "seeds are not a grid key: list them under `seeds`"
            : "the scenario's name cannot be varied",
      });
    const twin = seenPaths.get(norm);
    if (twin !== undefined)
      ctx.addIssue({ code: "custom", path: [key], message: `the same key as ${twin}` });
    seenPaths.set(norm, key);
    const values = vary[key];
    if (!Array.isArray(values)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: "expected a list of values, e.g. [rarest-first, random]",
      });
      continue;
    }
    if (values.length === 0)
      ctx.addIssue({ code: "custom", path: [key], message: "needs at least 1 value" });
    const seen = new Set<string>();
    values.forEach((x, i) => {
      const k = JSON.stringify(x);
      if (x === null || x === undefined)
        ctx.addIssue({ code: "custom", path: [key, i], message: "empty value" });
      else if (seen.has(k))
        ctx.addIssue({ code: "custom", path: [key, i], message: "this value is listed twice" });
      seen.add(k);
    });
  }
});

export const sweepSchema = strict({
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, '.', '_' and '-' only")
    .optional(),
  description: z.string().optional(),
  base: z.string().min(1),
  vary: varyField,
  seeds: seedsField,
  metrics: z.array(z.enum(SWEEP_METRICS)).min(1).optional(),
});

function firstError(src: SourceDoc, problems: readonly Problem[]): ScenarioError {
  const located = problems.map((p) => ({ p, where: locate(src, p.path, p.kind) }));
  located.sort(
    (a, b) => (a.where.line ?? 0) - (b.where.line ?? 0) || (a.where.col ?? 0) - (b.where.col ?? 0),
  );
  const { p, where } = located[0];
  return new ScenarioError(where, formatPath(p.path), p.problem);
}

/** Validates sweep text; `fileLabel` is what error messages call the file. */
export function parseSweepSpec(text: string, fileLabel: string): SweepSpec {
  const src = parseSource(text, fileLabel);
  const js = toPlain(src) ?? {};
  if (typeof js !== "object" || Array.isArray(js))
    throw new ScenarioError({ file: fileLabel, line: 1, col: 1 }, "", "expected a mapping");
  const parsed = sweepSchema.safeParse(js, { reportInput: true });
  if (!parsed.success) throw firstError(src, problemsFromZod(parsed.error.issues));
  const d = parsed.data;
  const vary = Object.entries(d.vary).map(([path, values]) => {
    const list = values as unknown[];
    return {
      path,
      values: list,
      where: list.map((_, i) => locate(src, ["vary", path, i], "invalid")),
    };
  });
  // The grid is expanded (and every run id hashed) before anything runs: bound it first.
  const seedCount = typeof d.seeds === "number" ? d.seeds : (d.seeds as number[]).length;
  const points = vary.reduce((n, a) => n * a.values.length, 1);
  if (points * seedCount > MAX_SWEEP_RUNS) {
    const key = typeof d.seeds === "number" && seedCount > MAX_SWEEP_RUNS ? "seeds" : "vary";
    throw new ScenarioError(
      locate(src, [key], "invalid"),
      key,
      `${points.toLocaleString("en-US")} grid point(s) × ${seedCount.toLocaleString("en-US")} seed(s) ` +
        `is more than ${MAX_SWEEP_RUNS.toLocaleString("en-US")} runs; split the sweep`,
    );
  }
  const seeds =
    typeof d.seeds === "number"
      ? Array.from({ length: d.seeds }, (_, i) => i + 1)
      : [...(d.seeds as number[])];
  return {
    name: d.name ?? null,
    description: d.description ?? "",
    base: d.base,
    baseWhere: locate(src, ["base"], "invalid"),
    vary,
    seeds,
    seedsWhere: locate(src, ["seeds"], "invalid"),
    varyWhere: locate(src, ["vary"], "invalid"),
    metrics: d.metrics ?? [...DEFAULT_SWEEP_METRICS],
  };
}
