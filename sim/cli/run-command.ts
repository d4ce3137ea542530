import type { simulate } from "../run/simulate.ts";
import { assertSupported } from "../run/supported.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { loadScenarioFile } from "./load-scenario.ts";
import { StagedDir } from "./output-dir.ts";
import { progressReporter } from "./progress.ts";
import { writeRunOutputs } from "./run-outputs.ts";

export interface RunArgs {
  readonly scenario: string;
  readonly out?: string;
  readonly seed?: number;
  readonly set?: readonly string[];
  readonly quiet?: boolean;
}

/** `sim run`: one simulation, its outputs written atomically into the output folder. */
export async function runCommand(args: RunArgs): Promise<void> {
  // Validation errors throw before anything is written.
  const config = loadScenarioFile(args.scenario, { sets: args.set ?? [], seed: args.seed });
  assertSupported(config, args.scenario);
  const outDir = args.out ?? `results/${config.name}`;
  const staged = new StagedDir(outDir);
  const releaseSignals = staged.guardSignals();
  try {
    const summary = await writeRun(config, staged, args.quiet ?? false);
    staged.commit();
    if (!args.quiet) printSummary(summary, staged.finalPath);
  } finally {
    releaseSignals();
    staged.abandon();
  }
}

async function writeRun(config: ScenarioConfig, dir: StagedDir, quiet: boolean) {
  const progress = progressReporter(quiet);
  try {
    const result = await writeRunOutputs(config, dir.path, { onProgress: progress.update });
    return result.summary;
  } finally {
    progress.stop();
  }
}

function printSummary(s: ReturnType<typeof simulate>["summary"], dir: string): void {
  const t = s.download_time_s;
  const fmt = (x: number | null) => (x === null ? "-" : `${x.toFixed(1)}s`);
  const lines = [
    `${s.scenario} (seed ${s.seed}): ${s.end_reason} at t=${(s.sim_end_s ?? 0).toFixed(1)}s, ${s.events} events`,
    `  leechers completed ${s.peers.completed}/${s.peers.leechers}` +
      (s.peers.banned ? `, banned ${s.peers.banned}` : ""),
    `  download time mean ${fmt(t.mean)}  p50 ${fmt(t.p50)}  p90 ${fmt(t.p90)}  max ${fmt(t.max)}`,
    `  hash failures ${s.hash_failures}, all completed files verified: ${s.all_completed_verified}`,
    `  outputs in ${dir}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
