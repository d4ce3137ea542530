import type { CheckSummary } from "../check/index.ts";
import type { Summary } from "../metrics/summary.ts";
import { Interrupter } from "./interrupts.ts";
import { loadScenarioFile } from "./load-scenario.ts";
import { StagedDir } from "./output-dir.ts";
import { progressReporter } from "./progress.ts";
import { type InterruptContext, runOnThread } from "./run-thread.ts";
import { describeStale } from "./stale-partials.ts";

export interface RunArgs {
  readonly scenario: string;
  readonly out?: string;
  readonly seed?: number;
  readonly set?: readonly string[];
  readonly quiet?: boolean;
  /** Assert the model's invariants while running (exit 1 on the first violation). */
  readonly check?: boolean;
  /** Run even if the memory estimate says it cannot fit. */
  readonly force?: boolean;
}

/**
 * `sim run`: one simulation on a worker thread (so Ctrl-C works), its outputs
 * written atomically into the output folder.
 */
export async function runCommand(args: RunArgs): Promise<void> {
  // Validation errors (and the memory guard) throw before anything is written.
  const config = loadScenarioFile(args.scenario, {
    sets: args.set ?? [],
    seed: args.seed,
    guard: { force: args.force },
  });
  const quiet = args.quiet ?? false;
  const interrupter = new Interrupter();
  const releaseSignals = interrupter.install();
  let staged: StagedDir;
  try {
    staged = new StagedDir(args.out ?? `results/${config.name}`);
  } catch (e) {
    releaseSignals();
    throw e;
  }
  if (!quiet) for (const s of staged.removedStale) process.stderr.write(describeStale(s));
  const progress = progressReporter(quiet);
  const ctx: InterruptContext = {
    what: `${args.scenario}, seed ${config.seed}`,
    phase: "starting",
    lastProgress: null,
  };
  try {
    const outcome = await runOnThread(
      { config, dir: staged.path, check: args.check ?? false, stop: interrupter.flag },
      interrupter,
      ctx,
      progress.update,
    );
    progress.stop();
    staged.commit();
    if (!quiet) printSummary(outcome.summary, outcome.check, staged.finalPath);
  } finally {
    progress.stop();
    releaseSignals();
    staged.abandon();
  }
}

function printSummary(s: Summary, check: CheckSummary | null, dir: string): void {
  const t = s.download_time_s;
  const fmt = (x: number | null) => (x === null ? "-" : `${x.toFixed(1)}s`);
  const lines = [
    `${s.scenario} (seed ${s.seed}): ${s.end_reason} at t=${(s.sim_end_s ?? 0).toFixed(1)}s, ${s.events} events`,
    `  leechers completed ${s.peers.completed}/${s.peers.leechers}` +
      (s.peers.banned ? `, banned ${s.peers.banned}` : ""),
    `  download time mean ${fmt(t.mean)}  p50 ${fmt(t.p50)}  p90 ${fmt(t.p90)}  max ${fmt(t.max)}`,
    `  hash failures ${s.hash_failures}, all completed files verified: ${s.all_completed_verified}`,
  ];
  if (check) {
    lines.push(
      `  --check: every invariant held (${check.linkReservations} link reservations, ` +
        `${check.transmissions} transmissions, ${check.deliveries} deliveries, ` +
        `${check.completions} completions, ${check.balanceChecks} byte balances checked)`,
    );
  }
  lines.push(`  outputs in ${dir}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}
