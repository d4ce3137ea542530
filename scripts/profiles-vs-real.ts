/**
 * `npx tsx scripts/profiles-vs-real.ts [--peers 5,10,20] [--seeds 3] [--real compare.csv] [--set PATH=VALUE]...`
 *
 * The simulator's side of issue 14's table, for each protocol profile: 32 MiB
 * of 256 KiB pieces, one seed at 2 MiB/s up, N leechers at 1 MiB/s up and
 * 4 MiB/s down, all arriving at t = 0 and staying, one-way latency 0.1 ms
 * (loopback). Printed beside the real figures of a harness run (`--real`, by
 * default the compare.csv `npm run validate` writes), with the figures defined
 * as the real-swarm harness defines them (docs/real-clients.md): download time from arrival, first byte, and over the middle half
 * of [last arrival, first completion] the leechers' mean payload upload and
 * the capacity used (payload uploaded by everyone ÷ Σ upload limits).
 *
 * `npm run real` measures the real swarm on the same machine; this script
 * needs no root and no clients, so it can run anywhere.
 */

import { existsSync, readFileSync } from "node:fs";
import type { SwarmEvent, SwarmObserver, SwarmSnapshot } from "../sim/observe/events.ts";
import { simulate } from "../sim/run/simulate.ts";
import { parseScenario } from "../sim/scenario/load.ts";

/**
 * The real figures beside the simulated ones: the `real` rows of a harness
 * run's compare.csv (`--real FILE`; by default `npm run validate`'s), if any.
 */
function realFigures(file: string): Map<number, { mean: number; max: number }> {
  const real = new Map<number, { mean: number; max: number }>();
  if (!existsSync(file)) return real;
  const [header, ...rows] = readFileSync(file, "utf8").trim().split("\n");
  const h = header.split(",");
  for (const row of rows) {
    const c = row.split(",");
    if (c[h.indexOf("source")] !== "real") continue;
    const mean = Number(c[h.indexOf("mean_s")]);
    const max = Number(c[h.indexOf("max_s")]);
    real.set(Number(c[h.indexOf("n")]), { mean, max });
  }
  return real;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const sets: string[] = [];
process.argv.forEach((a, i) => {
  if (a === "--set") sets.push(process.argv[i + 1]);
});
const peers = arg("peers", "5,10,20").split(",").map(Number);
const seeds = Number(arg("seeds", "3"));
const profiles = arg("profiles", "libtorrent,mainline").split(",");
const realFile = arg("real", "results/validation/real/compare.csv");
const REAL = realFigures(realFile);

function scenarioText(n: number, seed: number): string {
  return `name: real-twin-${n}
seed: ${seed}
stop: { max_time: 10min }
torrent: { size: 32MiB, piece_size: 256KiB, block_size: 16KiB }
groups:
  - { name: seed, count: 1, start_as: seed, upload: 2MiB/s, download: 4MiB/s, seed_time: never }
  - { name: leechers, count: ${n}, upload: 1MiB/s, download: 4MiB/s, seed_time: never }
network: { latency: { min: 0.1ms, max: 0.1ms } }
metrics: { sample_interval: 50ms }
`;
}

interface Sample {
  t: number;
  up: number;
  down: number;
}

class Counters implements SwarmObserver {
  readonly samples: Sample[][] = [];
  readonly completion = new Map<number, number>();
  seeds = new Set<number>();
  upBps: number[] = [];
  onEvent(e: SwarmEvent): void {
    if (e.kind === "completion") this.completion.set(e.peer, e.timeS);
  }
  onSample(s: SwarmSnapshot): void {
    for (let i = 0; i < s.peers.length; i++) {
      this.samples[i] ??= [];
      const list = this.samples[i];
      if (list.length > 0 && list[list.length - 1].t === s.timeS) continue;
      list.push({ t: s.timeS, up: s.uploadedBytes[i], down: s.downloadedBytes[i] });
      if (s.peers[i].initialSeed) this.seeds.add(i);
      this.upBps[i] = s.peers[i].uploadBps / 8;
    }
  }
}

function at(samples: Sample[], t: number): number {
  let v = 0;
  for (const s of samples) {
    if (s.t > t) break;
    v = s.up;
  }
  return v;
}

function figures(c: Counters) {
  const ids = c.samples.map((_, i) => i);
  const leechers = ids.filter((i) => !c.seeds.has(i));
  const times = leechers.map((i) => c.completion.get(i) ?? Number.NaN);
  const first = leechers.map((i) => c.samples[i].find((s) => s.down > 0)?.t ?? Number.NaN);
  const firstDone = Math.min(...times);
  const [a, b] = [0.25 * firstDone, 0.75 * firstDone];
  const sent = (i: number) => at(c.samples[i], b) - at(c.samples[i], a);
  const leecherUp = leechers.reduce((s, i) => s + sent(i), 0) / leechers.length / (b - a);
  const capacity = ids.reduce((s, i) => s + c.upBps[i], 0) * (b - a);
  const used = ids.reduce((s, i) => s + sent(i), 0) / capacity;
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  return {
    mean: mean(times),
    max: Math.max(...times),
    firstByte: mean(first),
    leecherUp: leecherUp / 2 ** 20,
    used,
  };
}

const pct = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)} %`;
console.log(
  "| N | profile | real mean / max (s) | sim mean / max (s) | deviation mean / max | first byte (s) | leecher upload (MiB/s) | capacity used |",
);
console.log("|---:|---|---:|---:|---:|---:|---:|---:|");
for (const n of peers) {
  for (const profile of profiles) {
    const runs: ReturnType<typeof figures>[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const config = parseScenario(scenarioText(n, seed), "twin.yaml", {
        sets: [`protocol.profile=${profile}`, ...sets],
      });
      const c = new Counters();
      simulate(config, { observers: [c] });
      runs.push(figures(c));
    }
    const m = (k: keyof (typeof runs)[number]) => runs.reduce((s, r) => s + r[k], 0) / runs.length;
    const real = REAL.get(n);
    console.log(
      `| ${n} | ${profile} | ${real ? `${real.mean} / ${real.max}` : "-"} | ${m("mean").toFixed(1)} / ${m("max").toFixed(1)} | ${real ? `${pct(m("mean") / real.mean - 1)} / ${pct(m("max") / real.max - 1)}` : "-"} | ${m("firstByte").toFixed(2)} | ${m("leecherUp").toFixed(2)} | ${m("used").toFixed(2)} |`,
    );
  }
}
