/**
 * `npx tsx bench/scaling.ts [--peers 1000,2000,4000,8000] [--json FILE]`:
 * how the cost grows with swarm size. Runs bench/scenarios/flash-1k.yaml with
 * its four bandwidth groups scaled to each total (same 40/30/20/10 % mix, same
 * 1,000 pieces), one process per run, and fits wall time ∝ (peers × pieces)^k
 * by least squares on the logs. k ≤ 1 means cost grows no faster than
 * linearly in peers × pieces.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (flag("--peers") ?? "1000,2000,4000,8000").split(",").map(Number);
const SHARES = [0.4, 0.3, 0.2, 0.1];

interface Row {
  peers: number;
  pieces: number;
  events: number;
  wall_s: number;
  events_per_s: number;
  peak_rss_mib: number;
  sim_end_s: number;
  completed: string;
}

const rows: Row[] = [];
for (const n of sizes) {
  const counts = SHARES.map((s) => Math.round(s * n));
  counts[0] += n - counts.reduce((a, b) => a + b, 0);
  const sets = counts.map((c, i) => `groups.${i + 1}.count=${c}`);
  const line = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "bench/one.ts"),
      join(ROOT, "bench/scenarios/flash-1k.yaml"),
      ...sets,
    ],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  ).trim();
  const r = JSON.parse(line) as Row;
  rows.push(r);
  console.log(
    `leechers ${String(n).padStart(6)}  events ${String(r.events).padStart(11)}  wall ${String(r.wall_s).padStart(8)} s  ${String(r.events_per_s).padStart(8)} events/s  peak RSS ${String(r.peak_rss_mib).padStart(5)} MiB  sim end ${r.sim_end_s} s  completed ${r.completed}`,
  );
}

/** Least-squares slope of log(y) on log(x). */
function exponent(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

if (rows.length >= 2) {
  const work = rows.map((r) => r.peers * r.pieces);
  const kWall = exponent(
    work,
    rows.map((r) => r.wall_s),
  );
  const kEvents = exponent(
    work,
    rows.map((r) => r.events),
  );
  console.log(
    `exponent of peers × pieces: wall time ${kWall.toFixed(2)}, events ${kEvents.toFixed(2)} (1 = linear)`,
  );
  const out = flag("--json");
  if (out) writeFileSync(out, `${JSON.stringify({ rows, kWall, kEvents }, null, 2)}\n`);
}
