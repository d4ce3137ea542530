/**
 * Stopping a simulation from outside. The simulation loop is synchronous, so
 * a caller that wants to stop it (the CLI on Ctrl-C, a worker told to stop by
 * its pool) hands `simulate` a predicate; the loop polls it every
 * `INTERRUPT_POLL_EVENTS` events and, when it turns true, abandons the run by
 * throwing `SimulationInterrupted`, which says how far the run had got. The
 * predicate is the caller's business: a flag in shared memory, a counter in
 * a test. Nothing here knows of processes or signals.
 */
import type { Simulator } from "../engine/simulator.ts";
import { US_PER_SECOND } from "../engine/time.ts";

/**
 * Events between two polls. At 0.3–1 M events/s this is a few milliseconds of
 * wall time, far inside the one second a stop must take, and one predicate
 * call per 4,096 events costs nothing measurable.
 */
export const INTERRUPT_POLL_EVENTS = 4096;

/** A run abandoned because its interrupt predicate turned true. */
export class SimulationInterrupted extends Error {
  override readonly name = "SimulationInterrupted";

  constructor(
    /** Simulated time reached, in seconds. */
    readonly simTimeS: number,
    /** Events executed. */
    readonly events: number,
  ) {
    super(`simulation interrupted at simulated t=${simTimeS}s after ${events} events`);
  }
}

/** Makes `sim` poll `interrupt` and throw SimulationInterrupted when it returns true. */
export function watchInterrupt(sim: Simulator, interrupt: (() => boolean) | undefined): void {
  if (interrupt === undefined) return;
  sim.watch(INTERRUPT_POLL_EVENTS, () => {
    if (interrupt()) throw new SimulationInterrupted(sim.now / US_PER_SECOND, sim.eventsProcessed);
  });
}
