/**
 * Scenario YAML → validated, defaulted, deeply frozen `ScenarioConfig`.
 *
 * Pipeline: parse YAML (keeping positions) → apply `--set`/`--seed` to the
 * document → zod schema (each key on its own) → cross-key checks → resolve
 * dependent defaults → freeze. The first problem, by position, is thrown as a
 * ScenarioError naming file:line:col (or the override) and the key path.
 */
import { isAbsolute, join } from "node:path";
import { crossChecks } from "./checks.ts";
import { locate, parseSource, type SourceDoc, toPlain } from "./document.ts";
import { formatPath, ScenarioError } from "./errors.ts";
import { deepFreeze } from "./freeze.ts";
import { type Problem, problemsFromZod } from "./issues.ts";
import { applySet, applyValue } from "./overrides.ts";
import { resolveScenario } from "./resolve.ts";
import { scenarioSchema } from "./schema.ts";
import type { ScenarioConfig } from "./types.ts";

export interface LoadOptions {
  /** `PATH=VALUE` overrides, applied in order. */
  sets?: readonly string[];
  /** Replaces the scenario's `seed`. */
  seed?: number;
  /**
   * Further checks of the resolved scenario (what the simulator supports, the
   * memory a run needs, a readable torrent.file): their problems are located
   * and reported exactly like the schema's.
   */
  checks?: readonly ((config: ScenarioConfig) => readonly Problem[])[];
}

/** "exponentail: unknown key" explains "exponential: missing"; report only the former. */
function explainedByUnknownKey(p: Problem, problems: readonly Problem[]): boolean {
  const parent = formatPath(p.path.slice(0, -1));
  return (
    p.kind === "missing" &&
    problems.some((q) => q.kind === "unknown-key" && formatPath(q.path.slice(0, -1)) === parent)
  );
}

function firstError(src: SourceDoc, problems: readonly Problem[]): ScenarioError {
  const located = problems
    .filter((p) => !explainedByUnknownKey(p, problems))
    .map((p) => ({ p, where: locate(src, p.path, p.kind) }));
  // Override problems first (they are what the user just typed), then file order.
  located.sort(
    (a, b) => (a.where.line ?? 0) - (b.where.line ?? 0) || (a.where.col ?? 0) - (b.where.col ?? 0),
  );
  const { p, where } = located[0];
  return new ScenarioError(where, formatPath(p.path), p.problem);
}

function build(text: string, fileLabel: string, opts: LoadOptions, baseDir?: string) {
  const src = parseSource(text, fileLabel);
  for (const expr of opts.sets ?? []) applySet(src, expr);
  if (opts.seed !== undefined) applyValue(src, ["seed"], opts.seed, `--seed ${opts.seed}`);

  const parsed = scenarioSchema.safeParse(toPlain(src), { reportInput: true });
  if (!parsed.success) throw firstError(src, problemsFromZod(parsed.error.issues));
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw firstError(src, problems);

  const resolved = resolveScenario(parsed.data);
  const file = resolved.torrent.file;
  const config = deepFreeze(
    file !== null && baseDir !== undefined && !isAbsolute(file)
      ? { ...resolved, torrent: { ...resolved.torrent, file: join(baseDir, file) } }
      : resolved,
  );
  for (const check of opts.checks ?? []) {
    const found = check(config);
    if (found.length > 0) throw firstError(src, found);
  }
  return config;
}

/**
 * Validates scenario text; `fileLabel` is what error messages call the file.
 * A relative `torrent.file` is resolved against `baseDir` when given.
 * Reading the file is the CLI's job (sim/cli/load-scenario.ts).
 */
export function parseScenario(
  text: string,
  fileLabel: string,
  opts: LoadOptions = {},
  baseDir?: string,
): ScenarioConfig {
  return build(text, fileLabel, opts, baseDir);
}
