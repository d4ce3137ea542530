/** libtorrent's ticking rate limiter (sim/net/quota-ticks.ts), on its own. */
import { describe, expect, it } from "vitest";
import { QuotaTicks } from "../../sim/net/quota-ticks.ts";

const TICK = 500_000;
const LIMIT = 1024 * 1024; // bytes/s

function limiter() {
  const up = new Float64Array([LIMIT]);
  const down = new Float64Array([4 * LIMIT]);
  return new QuotaTicks(1, TICK, [up, down], 1);
}

describe("quota ticks (bandwidth_manager.cpp, bandwidth_limit.cpp)", () => {
  it("a cold bucket makes sends wait for ticks until it holds more than a second of quota", () => {
    const q = limiter();
    const t0 = 10_000_000;
    const a = q.sendAt(0, 0, t0, 100);
    expect(a).toBeGreaterThan(t0);
    expect(a - t0).toBeLessThanOrEqual(TICK);
    expect(a).toBe(q.nextTick(0, t0));
    // Each tick of demand adds limit × 0.5 s; from the third on, small sends go at once.
    const b = q.sendAt(0, 0, a + 1, 100);
    expect(b).toBe(a + TICK);
    const c = q.sendAt(0, 0, b + 1, 100);
    expect(c).toBe(b + TICK);
    expect(q.sendAt(0, 0, c + 1, 100)).toBe(c + 1);
  });

  it("sends on one bucket keep their order", () => {
    const q = limiter();
    let last = 0;
    for (let i = 0; i < 50; i++) {
      const at = q.sendAt(0, 0, 1_000_000 + i * 7_000, i % 2 === 0 ? 68 : 5);
      expect(at).toBeGreaterThanOrEqual(last);
      last = at;
    }
  });

  it("a saturated link (blocks draw the bucket down as fast as ticks refill it) makes every message wait for a tick", () => {
    const q = limiter();
    let t = 0;
    // Warm up to a full bucket, then run blocks at exactly the limit.
    for (let i = 0; i < 10; i++) t = q.sendAt(0, 0, t + 1, 10);
    const block = 16 * 1024;
    const blockUs = (block / LIMIT) * 1e6;
    for (let i = 0; i < 1000; i++) {
      q.consume(0, 0, t, block, blockUs, true);
      t += blockUs;
    }
    const waited = q.sendAt(0, 0, t, 17);
    expect(waited).toBeGreaterThan(t);
  });

  it("the bucket holds at most three seconds of quota, and fills only while something waits on it", () => {
    const q = limiter();
    // A slow block keeps demand on the bucket for 20 s: 40 ticks of refill, capped.
    q.consume(0, 0, 0, 1, 20_000_000, false);
    const now = 20_000_001;
    // Three seconds' worth, less the second that must remain: two seconds go at once…
    expect(q.sendAt(0, 0, now, 2 * LIMIT - 100)).toBe(now);
    // …and then nothing more of any size.
    expect(q.sendAt(0, 0, now + 1, 1000)).toBeGreaterThan(now + 1);
    // Without demand, time alone adds nothing: a cold bucket 20 s later is still cold.
    const idle = limiter();
    expect(idle.sendAt(0, 0, 20_000_001, 10)).toBeGreaterThan(20_000_001);
  });
});

describe("reads asked for ahead (peer_connection.cpp setup_receive)", () => {
  it("a connection's read is granted at the first tick after its previous read, not after the message", () => {
    const q = limiter();
    const open = 10_000_000;
    q.openReads(0, open);
    const grant = q.nextTick(0, open);
    // Arrives after the grant: read at once (the request was queued since the connection opened).
    expect(q.readAt(0, grant + 200_000, 100, open)).toBe(grant + 200_000);
    // Arrives before it: waits for it.
    const q2 = limiter();
    q2.openReads(0, open);
    expect(q2.readAt(0, open + 1, 100, open)).toBe(grant);
  });

  it("a message that arrived by the previous read is read with it", () => {
    const q = limiter();
    q.openReads(0, 0);
    const first = q.readAt(0, 1, 50, 0);
    expect(q.readAt(0, first, 20, first)).toBe(first);
  });

  it("with reads open, the download bucket fills at every tick: after three ticks reads go at once", () => {
    const q = limiter();
    const open = 10_000_000;
    q.openReads(0, open);
    const third = q.nextTick(0, open) + 2 * TICK;
    // 1.5 s of a 4 MiB/s limit, nothing read meanwhile: more than a second's worth left after 100 bytes.
    expect(q.readAt(0, third + 1, 100, third)).toBe(third + 1);
    // Without openReads (no demand) the same read would wait for the next tick after the last read.
    const cold = limiter();
    expect(cold.readAt(0, third + 1, 100, third)).toBe(third + TICK);
  });
});
