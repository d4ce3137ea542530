/**
 * The `sweep` command's yargs definition (registered in main.ts):
 *
 *   sim sweep SWEEP.yaml [--out DIR] [--jobs J] [--shard I/N] [--quiet]
 *   sim sweep SWEEP.yaml --emit slurm|parallel [--shards N] [--jobs C] [--out DIR] [--emit-out FILE]
 *   sim sweep merge DIR [--x PATH] [--metric M] [--strict]
 */
import type { Argv, CommandModule } from "yargs";
import { UsageError } from "./exit.ts";
import { sweepCommand } from "./sweep-command.ts";
import { sweepMerge } from "./sweep-merge.ts";

interface SweepCliArgs {
  readonly sweep: string;
  readonly dir?: string;
  readonly out?: string;
  readonly jobs?: number;
  readonly shard?: string;
  readonly quiet: boolean;
  readonly emit?: string;
  readonly shards?: number;
  readonly "emit-out"?: string;
  readonly x?: string;
  readonly metric?: string;
  readonly strict: boolean;
  readonly force: boolean;
}

const MERGE_ONLY = ["x", "metric", "strict"] as const;
const RUN_ONLY = ["out", "jobs", "shard", "emit", "shards", "emit-out"] as const;

export const sweepCommandModule: CommandModule<object, SweepCliArgs> = {
  command: "sweep <sweep> [dir]",
  describe: "run a sweep file's grid × seeds (resumable, shardable); `sweep merge DIR` aggregates",
  builder: (y: Argv<object>) =>
    y
      .positional("sweep", {
        type: "string",
        demandOption: true,
        describe: "sweep YAML file, or `merge` followed by a sweep's output folder",
      })
      .positional("dir", { type: "string", describe: "with merge: the sweep's --out folder" })
      .option("out", {
        type: "string",
        describe: "output folder (default results/<sweep name>/); shared by every shard",
      })
      .option("jobs", {
        type: "number",
        describe: "worker threads (default: the number of cores)",
      })
      .option("shard", {
        type: "string",
        describe: "I/N: run only the runs that fall to shard I of N (0-based)",
      })
      .option("emit", {
        type: "string",
        choices: ["slurm", "parallel"],
        describe:
          "print a Slurm job-array script or a GNU parallel command line instead of running",
      })
      .option("shards", { type: "number", describe: "with --emit: number of shards (default 8)" })
      .option("emit-out", { type: "string", describe: "with --emit: write to FILE, not stdout" })
      .option("x", { type: "string", describe: "merge: grid key on the x axis of sweep.html" })
      .option("metric", { type: "string", describe: "merge: metric drawn in sweep.html" })
      .option("strict", {
        type: "boolean",
        default: false,
        describe: "merge: exit 1 if any run is missing",
      })
      .option("quiet", {
        type: "boolean",
        default: false,
        describe: "no progress or report output",
      })
      .option("force", {
        type: "boolean",
        default: false,
        describe:
          "run even if the estimated memory of --jobs runs at once exceeds this machine's (docs/robustness.md)",
      }) as unknown as Argv<SweepCliArgs>,
  handler: async (a) => {
    if (a.sweep === "merge") {
      if (a.dir === undefined)
        throw new UsageError("sim sweep merge: name the sweep's folder: sim sweep merge DIR");
      const wrong = RUN_ONLY.filter((k) => a[k] !== undefined);
      if (wrong.length > 0)
        throw new UsageError(`sim sweep merge: --${wrong[0]} does not apply to merge`);
      await sweepMerge({ dir: a.dir, x: a.x, metric: a.metric, strict: a.strict, quiet: a.quiet });
      return;
    }
    if (a.dir !== undefined)
      throw new UsageError(`sim sweep: unexpected argument '${a.dir}' (use --out DIR)`);
    const wrong = MERGE_ONLY.filter((k) => (k === "strict" ? a.strict : a[k] !== undefined));
    if (wrong.length > 0)
      throw new UsageError(`sim sweep: --${wrong[0]} goes with sim sweep merge DIR`);
    await sweepCommand({
      sweep: a.sweep,
      out: a.out,
      jobs: a.jobs,
      shard: a.shard,
      quiet: a.quiet,
      emit: a.emit,
      shards: a.shards,
      emitOut: a["emit-out"],
      force: a.force,
    });
  },
};
