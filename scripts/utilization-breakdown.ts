/**
 * Where the upload capacity goes in a run's trading window (docs/flash-crowd.md,
 * "Where the utilization goes"): the window's mean upload utilization broken
 * down by group and state (leecher / seed), by how much of the file a leecher
 * held, and against the demand bound — the download capacity of the present
 * leechers, which no amount of uploading can exceed.
 *
 *   npx tsx scripts/utilization-breakdown.ts [SCENARIO] [--seed N] [--set PATH=VALUE]... [--doc]
 *
 * Figures are over the metrics samples of the trading window
 * (sim/metrics/trading-window.ts), per interval between two samples, for the
 * peers present at both ends of it (the others' share of the capacity is
 * printed too). Payload and wire bytes are the swarm's own counters. It
 * prints; with --doc it also writes what it printed into the `breakdown`
 * block of docs/flash-crowd.md. A diagnostic, not part of the suite.
 */
import { loadScenarioFile } from "../sim/cli/load-scenario.ts";
import type { TimeseriesRow } from "../sim/metrics/timeseries.ts";
import { tradingWindow } from "../sim/metrics/trading-window.ts";
import type { SwarmObserver, SwarmSnapshot } from "../sim/observe/events.ts";
import { simulate } from "../sim/run/simulate.ts";
import { rewriteBlocks } from "./docs-kit.ts";

const args = process.argv.slice(2);
const scenario = args[0] && !args[0].startsWith("--") ? args[0] : "scenarios/flash-crowd.yaml";
const sets: string[] = [];
let seed: number | undefined;
const writeDoc = args.includes("--doc");
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--set") sets.push(args[++i]);
  if (args[i] === "--seed") seed = Number(args[++i]);
}

/** Bits: capacity offered and used, over one interval, by some class of peers. */
interface Tally {
  cap: number;
  payload: number;
  wire: number;
}
const tally = (): Tally => ({ cap: 0, payload: 0, wire: 0 });

interface Interval {
  readonly t0: number;
  readonly t1: number;
  readonly byKey: Map<string, Tally>;
  /** Capacity of peers present at only one end of the interval (arrived or left within it). */
  partialCapBits: number;
  /** Σ uplinks and Σ leechers' downlinks of the peers present at both ends, × dt. */
  upCapBits: number;
  leecherDownCapBits: number;
  /** Bits leechers received (payload) and the share of the receivers' downlinks that used. */
  downBits: number;
}

class Breakdown implements SwarmObserver {
  readonly intervals: Interval[] = [];
  private last: {
    t: number;
    present: Uint8Array;
    have: Int32Array;
    up: Float64Array;
    wire: Float64Array;
    down: Float64Array;
  } | null = null;

  onSample(s: SwarmSnapshot): void {
    const n = s.peers.length;
    const wireNow = s.wireUploadedBytes ?? s.uploadedBytes;
    if (this.last !== null && s.timeS > this.last.t) {
      const L = this.last;
      const dt = s.timeS - L.t;
      const iv: Interval = {
        t0: L.t,
        t1: s.timeS,
        byKey: new Map(),
        partialCapBits: 0,
        upCapBits: 0,
        leecherDownCapBits: 0,
        downBits: 0,
      };
      for (let i = 0; i < n; i++) {
        const before = i < L.present.length && L.present[i] === 1;
        const now = s.present[i] === 1;
        if (!before && !now) continue;
        const p = s.peers[i];
        if (!(before && now)) {
          iv.partialCapBits += p.uploadBps * dt;
          continue;
        }
        const seed = L.have[i] === s.pieceCount;
        const frac = L.have[i] / s.pieceCount;
        const bucket = seed
          ? "seed"
          : frac < 0.1
            ? "leecher <10%"
            : frac < 0.5
              ? "leecher 10-50%"
              : frac < 0.9
                ? "leecher 50-90%"
                : "leecher >=90%";
        const dPay = (s.uploadedBytes[i] - L.up[i]) * 8;
        const dWire = (wireNow[i] - L.wire[i]) * 8;
        for (const key of [`${p.groupName} ${seed ? "seed" : "leecher"}`, `all ${bucket}`]) {
          const t = iv.byKey.get(key) ?? tally();
          t.cap += p.uploadBps * dt;
          t.payload += dPay;
          t.wire += dWire;
          iv.byKey.set(key, t);
        }
        iv.upCapBits += p.uploadBps * dt;
        if (!seed) {
          iv.leecherDownCapBits += p.downloadBps * dt;
          iv.downBits += (s.downloadedBytes[i] - L.down[i]) * 8;
        }
      }
      this.intervals.push(iv);
    }
    this.last = {
      t: s.timeS,
      present: s.present.slice(),
      have: s.piecesHave.slice(),
      up: s.uploadedBytes.slice(),
      wire: Float64Array.from(wireNow),
      down: s.downloadedBytes.slice(),
    };
  }
}

const config = loadScenarioFile(scenario, { sets, seed });
const rows: TimeseriesRow[] = [];
const breakdown = new Breakdown();
const result = simulate(config, { observers: [breakdown], onTimeseriesRow: (r) => rows.push(r) });
const w = tradingWindow(rows, result.summary.peers.leechers, "wire_utilization");
if (w === null) throw new Error("no trading window in this run");
const inWindow = breakdown.intervals.filter((iv) => iv.t1 > w.fromS && iv.t1 <= w.toS);

const sum = new Map<string, Tally>();
let capAll = 0;
let partial = 0;
let upCap = 0;
let downCap = 0;
let down = 0;
let boundMean = 0;
for (const iv of inWindow) {
  for (const [k, t] of iv.byKey) {
    const s = sum.get(k) ?? tally();
    s.cap += t.cap;
    s.payload += t.payload;
    s.wire += t.wire;
    sum.set(k, s);
    if (!k.startsWith("all ")) capAll += t.cap;
  }
  partial += iv.partialCapBits;
  upCap += iv.upCapBits;
  downCap += iv.leecherDownCapBits;
  down += iv.downBits;
  boundMean += Math.min(1, iv.leecherDownCapBits / iv.upCapBits);
}
boundMean /= inWindow.length;

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const out: string[] = [];
const print = (line: string) => {
  console.log(line);
  out.push(line);
};
print(
  `${scenario} seed ${config.seed}: trading window ${w.fromS}–${w.toS} s, ${inWindow.length} intervals; ` +
    `timeseries wire_utilization mean ${w.meanUtilization.toFixed(3)}`,
);
print(
  `peers present throughout an interval: wire ${pct(sumOf("wire") / capAll)}, payload ${pct(sumOf("payload") / capAll)} of their capacity; ` +
    `peers arriving or leaving within it: ${pct(partial / (capAll + partial))} of the capacity`,
);
print(
  `demand bound: leechers' downlinks / present uplinks = ${pct(downCap / upCap)} (mean over intervals of min(1, ·): ${pct(boundMean)}); ` +
    `leechers' downlinks busy ${pct(down / downCap)}`,
);
print("| peers | capacity share | wire used | payload used |");
print("| --- | ---: | ---: | ---: |");
for (const [k, t] of [...sum].sort()) {
  print(`| ${k} | ${pct(t.cap / capAll)} | ${pct(t.wire / t.cap)} | ${pct(t.payload / t.cap)} |`);
}

if (writeDoc) {
  // Prose lines as a list, so that the markdown keeps them apart from the table.
  const table = out.filter((l) => l.startsWith("|"));
  const prose = out.filter((l) => !l.startsWith("|")).map((l) => `* ${l}`);
  rewriteBlocks("docs/flash-crowd.md", { breakdown: [...prose, "", ...table].join("\n") });
}

function sumOf(field: "wire" | "payload"): number {
  let x = 0;
  for (const [k, t] of sum) if (!k.startsWith("all ")) x += t[field];
  return x;
}
