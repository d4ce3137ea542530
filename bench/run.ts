/**
 * `npm run bench [-- --json FILE] [-- --only NAME] [-- --all] [-- --model block|lean]`: the reference
 * benchmarks. Prints one line per scenario (peers, pieces, events, wall time,
 * events/s, peak RSS, simulated seconds per wall second) and the raw event
 * queue ceiling, so that runs on one machine can be compared over time.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

interface BenchCase {
  name: string;
  file: string;
  sets?: string[];
  /** Only with --all (long runs). */
  onDemand?: boolean;
}

const CASES: BenchCase[] = [
  { name: "small", file: "scenarios/small.yaml" },
  { name: "flash-crowd", file: "scenarios/flash-crowd.yaml" },
  { name: "selfish-departure", file: "scenarios/selfish-departure.yaml" },
  // What real SHA-1 verification costs against provenance, on the same corrupted swarm.
  {
    name: "corrupt-model",
    file: "scenarios/corrupt-peers.yaml",
    sets: ["integrity.hashing=model"],
  },
  { name: "corrupt-full", file: "scenarios/corrupt-peers.yaml", sets: ["integrity.hashing=full"] },
  // The reference set for scaling (bench/scenarios/); the large ones run on demand (--all / --only).
  { name: "flash-1k", file: "bench/scenarios/flash-1k.yaml" },
  { name: "steady-2k", file: "bench/scenarios/steady-2k.yaml" },
  { name: "flash-10k", file: "bench/scenarios/flash-10k.yaml", onDemand: true },
  { name: "flash-100k", file: "bench/scenarios/flash-100k.yaml", onDemand: true },
];

const only = flag("--only");
const all = args.includes("--all");
/** `--model block|lean`: every case under that network model (default: the scenario's). */
const model = flag("--model");
const selected = CASES.filter((c) => (only ? c.name === only : all || !c.onDemand));

const machine = `${cpus()[0]?.model ?? "cpu"} ×${availableParallelism()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}`);

const results: Record<string, unknown>[] = [];
const queue = JSON.parse(
  execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "bench/queue-json.ts")], {
    encoding: "utf8",
  }),
);
for (const q of [queue.small, queue.large]) {
  console.log(
    `${"event-queue".padEnd(14)} ${String(q.queued).padStart(8)} queued: raw heap hold model ${(q.opsPerSec / 1e6).toFixed(1)} M ops/s, simulator loop ${(q.simEventsPerSec / 1e6).toFixed(1)} M events/s`,
  );
}
results.push({ scenario: "event-queue", ...queue });

for (const c of selected) {
  const line = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "bench/one.ts"),
      join(ROOT, c.file),
      ...(c.sets ?? []),
      ...(model ? [`network.model=${model}`] : []),
    ],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  ).trim();
  const r = JSON.parse(line);
  // The share of the bare simulator loop's rate (at a realistic queue size) this run reaches.
  r.share_of_ceiling = Math.round((100 * r.events_per_s) / queue.small.simEventsPerSec) / 100;
  results.push(r);
  console.log(
    `${c.name.padEnd(14)} peers ${String(r.peers).padStart(6)} (peak present ${String(r.peak_present).padStart(6)})  pieces ${String(r.pieces).padStart(5)}  events ${String(r.events).padStart(10)} (${String(r.events_per_peer_piece).padStart(6)} /peer·piece)  wall ${String(r.wall_s).padStart(7)} s  ${String(r.events_per_s).padStart(8)} events/s (${Math.round(100 * r.share_of_ceiling)}% of ceiling)  peak RSS ${String(r.peak_rss_mib).padStart(5)} MiB  ${r.sim_s_per_wall_s} sim-s/wall-s  completed ${r.completed}`,
  );
}

const jsonOut = flag("--json");
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ machine, results }, null, 2)}\n`);
