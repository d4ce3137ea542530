import { describe, expect, it } from "vitest";
import { EventQueue, emptyEvent } from "../../sim/engine/event-queue.ts";
import { Rng } from "../../sim/engine/rng.ts";

interface Ref {
  time: number;
  seq: number;
  handler: number;
  a: number;
  b: number;
}

/** Index of the (time, seq)-minimum in a plain array: the reference the heap must agree with. */
function refMin(items: readonly Ref[]): number {
  let best = 0;
  for (let i = 1; i < items.length; i++) {
    const x = items[i];
    const y = items[best];
    if (x.time < y.time || (x.time === y.time && x.seq < y.seq)) best = i;
  }
  return best;
}

describe("EventQueue", () => {
  it("is empty when new: size 0, peekTime Infinity, pop returns false", () => {
    const q = new EventQueue();
    const out = emptyEvent();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
    expect(q.pop(out)).toBe(false);
  });

  it("pops in (time, seq) order: property test against a reference over random interleaved pushes and pops", () => {
    for (const seed of [1, 2, 3]) {
      const rng = new Rng(`event-queue-property/${seed}`);
      const q = new EventQueue(4);
      const ref: Ref[] = [];
      const out = emptyEvent();
      let pops = 0;
      let pushes = 0;
      for (let op = 0; op < 20_000; op++) {
        // Bias towards pushes early and pops late so the heap grows, then drains.
        const pushBias = op < 10_000 ? 0.65 : 0.4;
        if (ref.length === 0 || rng.chance(pushBias)) {
          // Few distinct times → many ties exercise the seq tie-break.
          const time = rng.int(50);
          const handler = rng.int(1000);
          const a = rng.uniform(-1e6, 1e6);
          const b = rng.int(1 << 30);
          q.push(time, handler, a, b);
          // seq is the push counter: ties pop in push order.
          const seq = pushes++;
          ref.push({ time, seq, handler, a, b });
        } else {
          const i = refMin(ref);
          const want = ref[i];
          ref.splice(i, 1);
          expect(q.peekTime()).toBe(want.time);
          expect(q.pop(out)).toBe(true);
          expect({ ...out }).toEqual(want);
          pops++;
        }
        expect(q.size).toBe(ref.length);
      }
      // Drain the rest.
      while (ref.length > 0) {
        const i = refMin(ref);
        const want = ref[i];
        ref.splice(i, 1);
        expect(q.pop(out)).toBe(true);
        expect({ ...out }).toEqual(want);
        pops++;
      }
      expect(q.pop(out)).toBe(false);
      expect(pops).toBeGreaterThan(5_000);
    }
  });

  it("pops monotonically non-decreasing times over a hold model with real-valued times", () => {
    const rng = new Rng("event-queue-hold");
    const q = new EventQueue(16);
    const out = emptyEvent();
    for (let i = 0; i < 1000; i++) q.push(rng.exponential(100), 0, i, 0);
    let last = Number.NEGATIVE_INFINITY;
    let lastSeq = -1;
    let outOfOrder = 0;
    for (let i = 0; i < 50_000; i++) {
      expect(q.pop(out)).toBe(true);
      if (!(out.time > last || (out.time === last && out.seq > lastSeq))) outOfOrder++;
      last = out.time;
      lastSeq = out.seq;
      q.push(out.time + rng.exponential(100), 0, i, 0);
    }
    expect(outOfOrder).toBe(0);
    expect(q.size).toBe(1000);
  });

  it("pops events with equal times in push order", () => {
    const q = new EventQueue();
    const out = emptyEvent();
    // Interleave another time so the equal-time events are not pushed contiguously.
    for (let i = 0; i < 100; i++) {
      q.push(7, i, i, 0);
      q.push(3, 1000 + i, i, 0);
    }
    const handlers: number[] = [];
    while (q.pop(out)) handlers.push(out.handler);
    const expected = [
      ...Array.from({ length: 100 }, (_, i) => 1000 + i),
      ...Array.from({ length: 100 }, (_, i) => i),
    ];
    expect(handlers).toEqual(expected);
  });

  it("numbers events in push order (seq) and returns distinct handles", () => {
    const q = new EventQueue();
    const handles = [5, 1, 9, 1, 0].map((t) => q.push(t, 0, 0, 0));
    expect(new Set(handles).size).toBe(5);
    const out = emptyEvent();
    const seqs: number[] = [];
    while (q.pop(out)) seqs.push(out.seq);
    expect(seqs).toEqual([4, 1, 3, 0, 2]);
  });

  it("cancels by handle: cancelled events never pop, size counts live ones, stale handles are ignored", () => {
    const rng = new Rng("event-queue-cancel");
    const q = new EventQueue(2);
    const out = emptyEvent();
    const live = new Map<number, number>(); // handle → push id (the event's argument a)
    const handleOf = new Map<number, number>();
    const stale: number[] = [];
    let lastTime = 0;
    for (let op = 0; op < 20_000; op++) {
      const r = rng.next();
      if (r < 0.5) {
        const h = q.push(lastTime + rng.int(1000), 0, op, 0);
        live.set(h, op);
        handleOf.set(op, h);
      } else if (r < 0.65 && live.size > 0) {
        const handles = [...live.keys()];
        const h = handles[rng.int(handles.length)];
        q.cancel(h);
        q.cancel(h); // twice is once
        live.delete(h);
      } else if (r < 0.75 && stale.length > 0) {
        q.cancel(stale[rng.int(stale.length)]); // its event already ran: no effect
      } else if (q.pop(out)) {
        expect(out.time).toBeGreaterThanOrEqual(lastTime);
        lastTime = out.time;
        const h = handleOf.get(out.a)!;
        expect(live.has(h)).toBe(true); // never a cancelled one
        live.delete(h);
        stale.push(h);
      }
      expect(q.size).toBe(live.size);
    }
    expect(stale.length).toBeGreaterThan(1000);
  });

  it("grows beyond its initial capacity without losing or corrupting events", () => {
    const q = new EventQueue(2);
    const out = emptyEvent();
    const n = 5000;
    // Descending times: every push sifts to the root, the worst case for the heap.
    for (let i = 0; i < n; i++) q.push(n - i, i, i * 0.5, -i);
    expect(q.size).toBe(n);
    for (let i = n - 1; i >= 0; i--) {
      expect(q.pop(out)).toBe(true);
      expect(out.time).toBe(n - i);
      expect(out.handler).toBe(i);
      expect(out.a).toBe(i * 0.5);
      expect(out.b).toBe(-i);
    }
    expect(q.size).toBe(0);
  });

  it("keeps working with an initial capacity of 1", () => {
    const q = new EventQueue(1);
    const out = emptyEvent();
    q.push(2, 0, 0, 0);
    q.push(1, 1, 0, 0);
    q.push(3, 2, 0, 0);
    const got: number[] = [];
    while (q.pop(out)) got.push(out.handler);
    expect(got).toEqual([1, 0, 2]);
  });
});
