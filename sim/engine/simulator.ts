import { EventQueue, emptyEvent } from "./event-queue.ts";
import type { TimeUs } from "./time.ts";

/** An event handler receives the two numeric arguments it was scheduled with. */
export type EventHandler = (a: number, b: number) => void;

/** Why `run` returned. */
export type StopReason = "until" | "condition" | "empty";

/**
 * The discrete-event loop. It knows nothing of what events mean: callers
 * register handlers once (getting an integer id) and schedule (handler, a, b)
 * at integer microsecond times. Cancellation is by flag (ns-3's approach): a
 * cancelled event stays in the heap and is skipped when popped.
 */
export class Simulator {
  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  private readonly current = emptyEvent();
  private nowUs: TimeUs = 0;
  private processed = 0;
  /** See `watch`: events left until the watcher runs, and the watcher's period. */
  private watchCountdown = Number.POSITIVE_INFINITY;
  private watchEvery = Number.POSITIVE_INFINITY;
  private watcher: (() => void) | null = null;

  /** Current simulated time in microseconds. */
  get now(): TimeUs {
    return this.nowUs;
  }

  /** Events executed so far (cancelled ones excluded). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events still to run (cancelled ones excluded). */
  get pending(): number {
    return this.queue.size;
  }

  register(handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Schedules `handler(a, b)` after `delayUs` (≥ 0). Returns a handle for `cancel`. */
  schedule(delayUs: TimeUs, handler: number, a = 0, b = 0): number {
    if (!(delayUs >= 0)) throw new RangeError(`negative or NaN delay: ${delayUs}`);
    return this.queue.push(this.nowUs + Math.round(delayUs), handler, a, b);
  }

  /** Schedules at an absolute time, which must not be in the past. */
  scheduleAt(timeUs: TimeUs, handler: number, a = 0, b = 0): number {
    if (!(timeUs >= this.nowUs)) throw new RangeError(`time ${timeUs} is before now ${this.nowUs}`);
    return this.queue.push(Math.round(timeUs), handler, a, b);
  }

  /** Cancels a pending event. Cancelling an event that already ran has no effect. */
  cancel(handle: number): void {
    this.queue.cancel(handle);
  }

  /** Executes the next event. Returns false when the queue is empty. */
  step(): boolean {
    const ev = this.current;
    if (!this.queue.pop(ev)) return false;
    this.nowUs = ev.time;
    this.processed++;
    this.handlers[ev.handler](ev.a, ev.b);
    return true;
  }

  /**
   * Calls `fn` after every `everyEvents` events that `run` executes (across
   * calls to `run`). The loop knows nothing of what it is for: callers use it
   * to poll an interrupt flag or check invariants, and `fn` may throw to
   * abandon the run (the exception leaves `run` as is). One watcher at a time;
   * `null` removes it. Costs one decrement per event.
   */
  watch(everyEvents: number, fn: (() => void) | null): void {
    if (fn !== null && !(Number.isInteger(everyEvents) && everyEvents >= 1))
      throw new RangeError(`watch every ${everyEvents} events: expected an integer ≥ 1`);
    this.watcher = fn;
    this.watchEvery = fn === null ? Number.POSITIVE_INFINITY : everyEvents;
    this.watchCountdown = this.watchEvery;
  }

  /**
   * Runs events with time ≤ `untilUs`, stopping early when `stopWhen()` turns
   * true (checked after each event). Time advances to `untilUs` when stopped by it.
   */
  run(untilUs: TimeUs = Number.POSITIVE_INFINITY, stopWhen?: () => boolean): StopReason {
    if (untilUs < this.nowUs)
      throw new RangeError(`run until ${untilUs} is before now ${this.nowUs}`);
    for (;;) {
      const next = this.queue.peekTime();
      if (next === Number.POSITIVE_INFINITY) return "empty";
      if (next > untilUs) {
        this.nowUs = untilUs;
        return "until";
      }
      if (!this.step()) return "empty";
      if (--this.watchCountdown === 0) {
        this.watchCountdown = this.watchEvery;
        this.watcher!();
      }
      if (stopWhen?.()) return "condition";
    }
  }
}
