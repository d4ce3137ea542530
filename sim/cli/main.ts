/**
 * The `sim` command line. The only layer that touches the file system, the
 * clock and the process; everything below it is pure simulation.
 */
import yargs from "yargs";
import { ScenarioError } from "../scenario/errors.ts";
import { compareCommand } from "./compare-command.ts";
import { CheckFailed, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, UsageError } from "./exit.ts";
import { Interrupted } from "./interrupts.ts";
import { runCommand } from "./run-command.ts";
import { sweepCommandModule } from "./sweep-cli.ts";
import { torrentCommand } from "./torrent-command.ts";
import { validateCommand } from "./validate-command.ts";
import { viewCommand } from "./view-command.ts";

/** --force: shared by the commands that run simulations. */
const FORCE_OPTION = {
  type: "boolean",
  default: false,
  describe:
    "run even if the estimated memory exceeds what this machine has (see docs/robustness.md)",
} as const;

/** Allocation failures (a typed array or buffer too large), as opposed to bugs. */
function isOutOfMemory(err: unknown): boolean {
  // A worker thread that hit its heap limit is terminated with this code (the process lives on).
  if ((err as NodeJS.ErrnoException | null)?.code === "ERR_WORKER_OUT_OF_MEMORY") return true;
  // Errors from a worker thread arrive as plain Errors carrying the original stack.
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : "";
  return /^RangeError: (Invalid typed array length|Array buffer allocation failed|Invalid array length)/.test(
    text,
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  const parser = yargs([...argv])
    .scriptName("sim")
    .usage("$0 <command> [options]")
    .command(
      "run <scenario>",
      "run one simulation and write its outputs",
      (y) =>
        y
          .positional("scenario", {
            type: "string",
            demandOption: true,
            describe: "scenario YAML file",
          })
          .option("out", {
            type: "string",
            describe: "output folder (default results/<scenario name>/)",
          })
          .option("seed", { type: "number", describe: "override the scenario's seed" })
          .option("set", {
            type: "string",
            array: true,
            describe: "override a scenario key: --set protocol.picker=random (repeatable)",
          })
          .option("quiet", {
            type: "boolean",
            default: false,
            describe: "no progress or summary output",
          })
          .option("check", {
            type: "boolean",
            default: false,
            describe:
              "assert the model's invariants while running (link capacities, byte conservation, " +
              "arrival times, the Kumar–Ross bound); exit 1 with the first violation",
          })
          .option("force", FORCE_OPTION),
      async (a) => {
        await runCommand({
          scenario: a.scenario,
          out: a.out,
          seed: a.seed,
          set: a.set,
          quiet: a.quiet,
          check: a.check,
          force: a.force,
        });
      },
    )
    .command(
      "compare <scenario>",
      "run variants of a scenario on several seeds and compare them",
      (y) =>
        y
          .positional("scenario", {
            type: "string",
            demandOption: true,
            describe: "scenario YAML file",
          })
          .option("vary", {
            type: "string",
            array: true,
            demandOption: true,
            describe: "PATH=V1,V2[,...]: a scenario key and its values (repeat to form a grid)",
          })
          .option("seeds", { type: "number", default: 5, describe: "run seeds 1..K" })
          .option("out", {
            type: "string",
            describe: "output folder (default results/<scenario name>-compare/)",
          })
          .option("jobs", {
            type: "number",
            describe: "worker threads (default: the number of cores)",
          })
          .option("quiet", {
            type: "boolean",
            default: false,
            describe: "no progress or table output",
          })
          .option("force", FORCE_OPTION),
      async (a) => {
        await compareCommand({
          scenario: a.scenario,
          vary: a.vary,
          seeds: a.seeds,
          out: a.out,
          jobs: a.jobs,
          quiet: a.quiet,
          force: a.force,
        });
      },
    )
    .command(
      "validate <scenario>",
      "check a scenario without running it",
      (y) =>
        y
          .positional("scenario", { type: "string", demandOption: true })
          .option("set", { type: "string", array: true, describe: "as for run" })
          .option("seed", { type: "number" })
          .option("force", FORCE_OPTION),
      (a) => validateCommand({ scenario: a.scenario, set: a.set, seed: a.seed, force: a.force }),
    )
    .command(
      "torrent [scenario]",
      "write a scenario's .torrent (--out FILE), or inspect one (--inspect FILE)",
      (y) =>
        y
          .positional("scenario", { type: "string", describe: "scenario YAML file" })
          .option("out", { type: "string", describe: "where to write the .torrent" })
          .option("inspect", {
            type: "string",
            describe: "print name, size, pieces and info-hash of a .torrent",
          })
          .option("set", { type: "string", array: true, describe: "as for run" })
          .option("seed", {
            type: "number",
            describe: "as for run (the file's bytes derive from it)",
          }),
      (a) =>
        torrentCommand({
          scenario: a.scenario,
          out: a.out,
          inspect: a.inspect,
          set: a.set,
          seed: a.seed,
        }),
    )
    .command(
      "view <dir>",
      "print the path of a run's replay.html",
      (y) =>
        y
          .positional("dir", {
            type: "string",
            demandOption: true,
            describe: "a run's output folder",
          })
          .option("open", {
            type: "boolean",
            default: false,
            describe: "also open it in a browser",
          }),
      (a) => viewCommand({ dir: a.dir, open: a.open }),
    )
    .command(sweepCommandModule)
    .demandCommand(1, "name a command: run, compare, sweep, validate, view or torrent")
    .epilog(
      "Exit status: 0 done, 1 failed (or --check found a violation), 2 bad input (nothing written), " +
        "130/143 stopped by SIGINT/SIGTERM (nothing half-written left). See docs/robustness.md.",
    )
    .strict()
    .showHelpOnFail(false)
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      // Throwing stops yargs before any command handler runs.
      throw err ?? new UsageError(`sim: ${msg}\n(see sim --help)`);
    });
  try {
    await parser.parseAsync();
    return EXIT_OK;
  } catch (err) {
    if (err instanceof ScenarioError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof Interrupted) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CheckFailed) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_FAILURE;
    }
    if (isOutOfMemory(err)) {
      process.stderr.write(
        `sim: the run ran out of memory (${(err as Error).message.split("\n")[0]}); ` +
          "docs/robustness.md explains the memory guard's estimate, SIM_MEMORY_LIMIT and the heap limit\n",
      );
      return EXIT_FAILURE;
    }
    process.stderr.write(
      `sim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT_FAILURE;
  }
}
