/**
 * The lean network model against the block model (issue 17): the same
 * scenarios over the same seeds under both, compared on what a user reads —
 * mean, p90 and max download time, upload utilization, completions, banned
 * peers — with every run under `--check` (links never above capacity, bytes
 * conserved, no completion before the minimum distribution time).
 *
 * The two models take different event orders, so a seed's swarm evolves
 * differently under each; agreement is judged on the averages over seeds,
 * and the same comparison between two disjoint seed sets of the block model
 * itself (`noise`) says how much of a difference is chance.
 */
import { loadScenarioFile } from "../../sim/cli/load-scenario.ts";
import { simulate } from "../../sim/run/simulate.ts";

export interface AgreementCase {
  readonly name: string;
  readonly file: string;
  readonly sets: readonly string[];
}

const ALL_STAY = [1, 2, 3, 4].map((g) => `groups.${g}.seed_time=never`);

/** The scenarios issue 17 names, and a 20-leecher swarm in which everyone stays. */
export const AGREEMENT_CASES: readonly AgreementCase[] = [
  { name: "small", file: "scenarios/small.yaml", sets: [] },
  { name: "corrupt-peers", file: "scenarios/corrupt-peers.yaml", sets: [] },
  { name: "free-riders", file: "scenarios/free-riders.yaml", sets: [] },
  { name: "churn", file: "scenarios/churn.yaml", sets: [] },
  { name: "tracker-outage", file: "scenarios/tracker-outage.yaml", sets: [] },
  { name: "rarest-vs-random", file: "scenarios/rarest-vs-random.yaml", sets: [] },
  {
    name: "all-stay-20",
    file: "scenarios/small.yaml",
    sets: [
      "groups.1.count=8",
      "groups.2.count=6",
      "groups.3.count=4",
      "groups.4.count=2",
      ...ALL_STAY,
    ],
  },
];

/** One model's figures over a set of seeds. */
export interface ModelFigures {
  /** Averages over the seeds of each run's mean, p90 and max download time (s). */
  readonly mean: number;
  readonly p90: number;
  readonly max: number;
  readonly utilization: number;
  readonly completed: number;
  /** Per seed, the banned peers (sorted ids, space-separated). */
  readonly banned: readonly string[];
  readonly events: number;
  readonly wallS: number;
}

export function runModel(
  c: AgreementCase,
  model: "block" | "lean",
  seeds: readonly number[],
): ModelFigures {
  let mean = 0;
  let p90 = 0;
  let max = 0;
  let utilization = 0;
  let completed = 0;
  let events = 0;
  const banned: string[] = [];
  const started = performance.now();
  for (const seed of seeds) {
    const config = loadScenarioFile(c.file, {
      sets: [...c.sets, `network.model=${model}`, `seed=${seed}`],
    });
    const r = simulate(config, { check: true });
    const d = r.summary.download_time_s;
    if (d === null || d.mean === null || d.p90 === null || d.max === null) {
      throw new Error(`${c.name} seed ${seed}: no leecher completed`);
    }
    mean += d.mean / seeds.length;
    p90 += d.p90 / seeds.length;
    max += d.max / seeds.length;
    utilization += (r.summary.swarm?.upload_utilization ?? 0) / seeds.length;
    completed += r.summary.peers.completed;
    events += r.events;
    // peers.csv's `banned` column (1 = banned by someone).
    banned.push(
      r.peerRows
        .filter((row) => row[9] === 1)
        .map((row) => row[0])
        .join(" "),
    );
  }
  return {
    mean,
    p90,
    max,
    utilization,
    completed,
    banned,
    events,
    wallS: (performance.now() - started) / 1000,
  };
}

/** Relative difference b / a − 1. */
export function deviation(a: number, b: number): number {
  return b / a - 1;
}
