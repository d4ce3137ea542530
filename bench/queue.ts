/**
 * Hold-model benchmark of the event core (the classic priority-queue
 * benchmark): fill the queue with N events, then repeat "pop the earliest,
 * push one at its time + an exponential delay" so the size stays N. Measures
 * the raw typed-array heap (EventQueue) and the Simulator loop on top of it
 * (step → handler → schedule, with a no-op handler body).
 *
 *   npx tsx bench/queue.ts            prints two lines (~5–10 s)
 *   import { benchQueue }             returns the numbers, prints nothing
 */
import { pathToFileURL } from "node:url";
import { EventQueue, emptyEvent } from "../sim/engine/event-queue.ts";
import { Rng } from "../sim/engine/rng.ts";
import { Simulator } from "../sim/engine/simulator.ts";

export interface QueueBenchOptions {
  /** Events kept in the queue (the hold-model size). */
  queued?: number;
  /** Hold operations (pop + push) on the raw queue. */
  holds?: number;
  /** Events executed through the Simulator. */
  simEvents?: number;
}

export interface QueueBenchResult {
  /** Raw EventQueue hold operations per second. */
  opsPerSec: number;
  /** Simulator events (step + schedule) per second. */
  simEventsPerSec: number;
  queued: number;
  holds: number;
  simEvents: number;
  queueSeconds: number;
  simSeconds: number;
}

const MEAN_DELAY_US = 1_000_000;
/** Delays are precomputed so the benchmark measures the queue, not the RNG or Math.log. */
const DELAY_TABLE = 1 << 16;

function delayTable(seed: string): Float64Array {
  const rng = new Rng(seed);
  const d = new Float64Array(DELAY_TABLE);
  for (let i = 0; i < DELAY_TABLE; i++) d[i] = Math.round(rng.exponential(MEAN_DELAY_US));
  return d;
}

function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

function holdQueue(queued: number, holds: number, delays: Float64Array): number {
  const q = new EventQueue(1024);
  const mask = DELAY_TABLE - 1;
  let k = 0;
  for (let i = 0; i < queued; i++) q.push(delays[k++ & mask], 0, i, 0);
  const ev = emptyEvent();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < holds; i++) {
    q.pop(ev);
    q.push(ev.time + delays[k++ & mask], ev.handler, ev.a, ev.b);
  }
  const s = seconds(t0);
  if (q.size !== queued) throw new Error("hold model lost events");
  return s;
}

function holdSimulator(queued: number, events: number, delays: Float64Array): number {
  const sim = new Simulator();
  const mask = DELAY_TABLE - 1;
  let k = 0;
  const id = sim.register(() => {
    sim.schedule(delays[k++ & mask], id);
  });
  for (let i = 0; i < queued; i++) sim.schedule(delays[k++ & mask], id);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < events; i++) sim.step();
  const s = seconds(t0);
  if (sim.eventsProcessed !== events || sim.pending !== queued)
    throw new Error("simulator lost events");
  return s;
}

/** Runs both hold models and returns their rates. Prints nothing (bench/run.ts parses stdout). */
export function benchQueue(opts: QueueBenchOptions = {}): QueueBenchResult {
  const queued = opts.queued ?? 1_000_000;
  const holds = opts.holds ?? 10_000_000;
  const simEvents = opts.simEvents ?? 5_000_000;
  const delays = delayTable("bench/queue");
  // A short warm-up so both loops are optimised before timing.
  holdQueue(10_000, 200_000, delays);
  holdSimulator(10_000, 200_000, delays);
  const queueSeconds = holdQueue(queued, holds, delays);
  const simSeconds = holdSimulator(queued, simEvents, delays);
  return {
    opsPerSec: holds / queueSeconds,
    simEventsPerSec: simEvents / simSeconds,
    queued,
    holds,
    simEvents,
    queueSeconds,
    simSeconds,
  };
}

function main(): void {
  const r = benchQueue();
  const m = (x: number) => (x / 1e6).toFixed(2);
  console.log(
    `event queue hold model: ${r.holds} ops in ${r.queueSeconds.toFixed(2)} s = ${m(r.opsPerSec)} M ops/s (${r.queued} queued)`,
  );
  console.log(
    `simulator hold model: ${r.simEvents} events in ${r.simSeconds.toFixed(2)} s = ${m(r.simEventsPerSec)} M events/s (${r.queued} queued)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
