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
      for (let op = 0; op < 20_000; op++) {
        // Bias towards pushes early and pops late so the heap grows, then drains.
        const pushBias = op < 10_000 ? 0.65 : 0.4;
        if (ref.length === 0 || rng.chance(pushBias)) {
          // Few distinct times → many ties exercise the seq tie-break.
          const time = rng.int(50);
          const handler = rng.int(1000);
          const a = rng.uniform(-1e6, 1e6);
          const b = rng.int(1 << 30);
          const seq = q.push(time, handler, a, b);
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

  it("returns increasing sequence numbers from push", () => {
    const q = new EventQueue();
    const seqs = [5, 1, 9, 1, 0].map((t) => q.push(t, 0, 0, 0));
    expect(seqs).toEqual([0, 1, 2, 3, 4]);
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
