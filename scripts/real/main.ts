/**
 * `npm run real -- --peers 5,10,20 [--reps K] [--size 32MiB] [--set PATH=VALUE]…`
 *
 * Real libtorrent clients on loopback, in a private network namespace, beside
 * the simulator on the same parameters and arrival times. See
 * docs/real-clients.md. Exit status: 0 done; 2 bad flags or overrides
 * (nothing run); 1 tools missing, a swarm failed or did not complete;
 * 130 / 143 on SIGINT / SIGTERM (every client stopped, nothing written).
 */
import yargs from "yargs";
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, UsageError } from "../../sim/cli/exit.ts";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { runHarness } from "./harness.ts";
import { AbortedError } from "./namespace.ts";
import { DEFAULT_FLAGS, harnessOptions } from "./options.ts";
import { writeOutputs } from "./outputs.ts";
import { machineLine } from "./tools.ts";

export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  let signalCode = 0;
  const onSignal = (code: number) => () => {
    signalCode = code;
    controller.abort();
  };
  const onInt = onSignal(130);
  const onTerm = onSignal(143);
  process.once("SIGINT", onInt);
  process.once("SIGTERM", onTerm);
  try {
    const a = await yargs([...argv])
      .scriptName("npm run real --")
      .usage("$0 [options]: real libtorrent swarms on loopback beside the simulator")
      .option("peers", {
        type: "string",
        default: DEFAULT_FLAGS.peers,
        describe: "leecher counts N, comma-separated",
      })
      .option("reps", {
        type: "number",
        default: DEFAULT_FLAGS.reps,
        describe: "real swarms per N",
      })
      .option("size", { type: "string", default: DEFAULT_FLAGS.size, describe: "file size" })
      .option("piece-size", { type: "string", default: DEFAULT_FLAGS["piece-size"] })
      .option("seed-up", {
        type: "string",
        default: DEFAULT_FLAGS["seed-up"],
        describe: "the seed's upload limit",
      })
      .option("up", {
        type: "string",
        default: DEFAULT_FLAGS.up,
        describe: "each leecher's upload limit",
      })
      .option("down", {
        type: "string",
        default: DEFAULT_FLAGS.down,
        describe: "each leecher's download limit",
      })
      .option("set", {
        type: "string",
        array: true,
        describe: "override a key of the simulated scenario (repeatable)",
      })
      .option("vary", {
        type: "string",
        array: true,
        describe: "PATH=V1,V2: one simulated variant per value (repeat for a grid)",
      })
      .option("profile", {
        type: "string",
        describe: "P1,P2: shorthand for --vary protocol.profile=P1,P2",
      })
      .option("sim-seeds", {
        type: "number",
        default: DEFAULT_FLAGS["sim-seeds"],
        describe: "simulator seeds per swarm",
      })
      .option("out", { type: "string", default: DEFAULT_FLAGS.out, describe: "output folder" })
      .option("timeout", {
        type: "string",
        describe: "bound on one real swarm (default 60 s + 6 × size / seed-up)",
      })
      .option("peer-poll", {
        type: "string",
        default: DEFAULT_FLAGS["peer-poll"],
        describe: "each client's connection snapshots into runs/*/real.json (0: none)",
      })
      .option("peer-log", {
        type: "string",
        default: DEFAULT_FLAGS["peer-log"],
        describe: "record libtorrent's peer_log alerts for this long after each arrival",
      })
      .option("peer-log-at", {
        type: "string",
        default: DEFAULT_FLAGS["peer-log-at"],
        describe: "when, after each arrival, the --peer-log window opens",
      })
      .option("leave", {
        type: "boolean",
        default: false,
        describe: "each leecher leaves the instant it completes (selfish departure)",
      })
      .option("super-seed", {
        type: "boolean",
        default: false,
        describe: "the seed super-seeds (BEP 16, libtorrent's non-strict rule)",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print the table only" })
      .strict()
      .version(false)
      .help()
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new UsageError(`npm run real: ${msg}`);
      })
      .parseAsync();
    if (a.help) return EXIT_OK;
    const options = harnessOptions({
      peers: a.peers,
      reps: a.reps,
      size: a.size,
      "piece-size": a["piece-size"],
      "seed-up": a["seed-up"],
      up: a.up,
      down: a.down,
      set: a.set,
      vary: a.vary,
      profile: a.profile,
      "sim-seeds": a["sim-seeds"],
      out: a.out,
      timeout: a.timeout,
      "peer-poll": a["peer-poll"],
      "peer-log": a["peer-log"],
      "peer-log-at": a["peer-log-at"],
      leave: a.leave,
      "super-seed": a["super-seed"],
      quiet: a.quiet,
    });
    const log = options.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
    const result = await runHarness(options, { signal: controller.signal, log });
    const { markdown } = writeOutputs(result, options.out);
    process.stdout.write(
      `${machineLine(result.machine)}\n\n${markdown}\n\nwrote ${options.out}/compare.csv, compare.html\n`,
    );
    const incomplete = result.runs.filter((r) => r.real.endReason !== "all-complete");
    if (incomplete.length > 0) {
      process.stderr.write(
        `real: ${incomplete.length} real swarm(s) did not complete (see runs.csv)\n`,
      );
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  } catch (err) {
    if (err instanceof AbortedError) return signalCode || 130;
    if (err instanceof ScenarioError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`real: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_FAILURE;
  } finally {
    process.removeListener("SIGINT", onInt);
    process.removeListener("SIGTERM", onTerm);
  }
}

process.exitCode = await main(process.argv.slice(2));
