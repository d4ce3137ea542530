/**
 * A binary min-heap of events on typed arrays, keyed by (time, seq).
 *
 * Why hand-written: comparator-based heaps allocate an object per event and
 * call a closure per comparison; this one keeps everything in typed arrays
 * and allocates nothing per event. `seq` is a counter assigned at push, so
 * events scheduled for the same microsecond pop in scheduling order (SimPy's
 * and ns-3's tie-break), which keeps runs deterministic.
 *
 * Layout: the heap itself holds only each event's time and the *slot* where
 * the rest of the event (seq, handler, arguments, cancelled flag) lives, so a
 * sift moves two numbers per level instead of five, and cancellation is a
 * flag on the slot rather than a set consulted on every pop. Slots are
 * recycled; a handle is slot + generation, so cancelling with the handle of
 * an event that already ran touches nothing.
 *
 * Each event carries a handler id and two numeric arguments; the queue never
 * interprets them.
 */

/** Slots addressable by a handle (simultaneously queued events). */
const SLOT_SPACE = 2 ** 26;
/**
 * Generations per slot before they wrap. A handle goes stale once its event
 * ran; it could only match again after its slot were reused 2^27 times while
 * the caller still held it — far beyond any use here.
 */
const GENERATIONS = 2 ** 27;

export class EventQueue {
  // The heap, position-indexed.
  private time: Float64Array;
  private slotAt: Int32Array;
  // Event bodies, slot-indexed.
  private seq: Float64Array;
  private handler: Int32Array;
  private argA: Float64Array;
  private argB: Float64Array;
  private gen: Int32Array;
  private dead: Uint8Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private count = 0;
  private live = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(1, initialCapacity);
    this.time = new Float64Array(n);
    this.slotAt = new Int32Array(n);
    this.seq = new Float64Array(n);
    this.handler = new Int32Array(n);
    this.argA = new Float64Array(n);
    this.argB = new Float64Array(n);
    this.gen = new Int32Array(n);
    this.dead = new Uint8Array(n);
    this.freeSlots = new Int32Array(n);
  }

  /** Events that will still run (cancelled ones excluded). */
  get size(): number {
    return this.live;
  }

  /** Time of the earliest live event; Infinity when none. */
  peekTime(): number {
    this.dropCancelledHead();
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.time[0];
  }

  /** Adds an event and returns its handle (for `cancel`). */
  push(time: number, handler: number, a: number, b: number): number {
    if (this.count === this.time.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.slotsUsed++;
    const s = this.nextSeq++;
    this.seq[slot] = s;
    this.handler[slot] = handler;
    this.argA[slot] = a;
    this.argB[slot] = b;
    this.dead[slot] = 0;
    this.live++;
    const times = this.time;
    const slots = this.slotAt;
    let i = this.count++;
    // Sift up: move parents down until the place for the new event is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && this.seq[slots[p]] < s)) break;
      times[i] = pt;
      slots[i] = slots[p];
      i = p;
    }
    times[i] = time;
    slots[i] = slot;
    return this.gen[slot] * SLOT_SPACE + slot;
  }

  /** Marks the event of `handle` as not to run; a stale handle (event already ran) is ignored. */
  cancel(handle: number): void {
    const slot = handle % SLOT_SPACE;
    if (slot >= this.slotsUsed) return;
    if (this.gen[slot] !== Math.floor(handle / SLOT_SPACE) || this.dead[slot] === 1) return;
    this.dead[slot] = 1;
    this.live--;
  }

  /**
   * Removes the earliest live event and writes it into `out` (reused by the
   * caller so that popping allocates nothing). Returns false when none is left.
   */
  pop(out: PoppedEvent): boolean {
    for (;;) {
      if (this.count === 0) return false;
      const slot = this.slotAt[0];
      const wasDead = this.dead[slot] === 1;
      if (!wasDead) {
        out.time = this.time[0];
        out.seq = this.seq[slot];
        out.handler = this.handler[slot];
        out.a = this.argA[slot];
        out.b = this.argB[slot];
        this.live--;
      }
      this.removeRoot(slot);
      if (!wasDead) return true;
    }
  }

  private dropCancelledHead(): void {
    while (this.count > 0 && this.dead[this.slotAt[0]] === 1) this.removeRoot(this.slotAt[0]);
  }

  private removeRoot(slot: number): void {
    this.gen[slot] = (this.gen[slot] + 1) % GENERATIONS;
    this.freeSlots[this.freeCount++] = slot;
    const last = --this.count;
    if (last === 0) return;
    const times = this.time;
    const slots = this.slotAt;
    const t = times[last];
    const ls = slots[last];
    const s = this.seq[ls];
    let i = 0;
    // Sift the last event down from the root.
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      let c = l;
      let ct = times[l];
      if (r < last) {
        const rt = times[r];
        if (rt < ct || (rt === ct && this.seq[slots[r]] < this.seq[slots[l]])) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && s < this.seq[slots[c]])) break;
      times[i] = ct;
      slots[i] = slots[c];
      i = c;
    }
    times[i] = t;
    slots[i] = ls;
  }

  private grow(): void {
    const n = this.time.length * 2;
    if (n > SLOT_SPACE) throw new RangeError(`event queue over ${SLOT_SPACE} events`);
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.time = f64(this.time);
    this.slotAt = i32(this.slotAt);
    this.seq = f64(this.seq);
    this.handler = i32(this.handler);
    this.argA = f64(this.argA);
    this.argB = f64(this.argB);
    this.gen = i32(this.gen);
    const dead = new Uint8Array(n);
    dead.set(this.dead);
    this.dead = dead;
    this.freeSlots = i32(this.freeSlots);
  }
}

export interface PoppedEvent {
  time: number;
  seq: number;
  handler: number;
  a: number;
  b: number;
}

export function emptyEvent(): PoppedEvent {
  return { time: 0, seq: 0, handler: 0, a: 0, b: 0 };
}
