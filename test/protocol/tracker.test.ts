import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { Tracker } from "../../sim/protocol/tracker/tracker.ts";

const S = 1_000_000; // µs per second

/** A tracker with peers 0..n-1 announced "started" at time 0. */
function swarm(n: number, numwant: number, expireUs = 0, seed = "tracker") {
  const t = new Tracker(numwant, expireUs);
  const rng = new Rng(seed);
  for (let p = 0; p < n; p++) t.announce(p, "started", 0, rng);
  return { t, rng };
}

function expectValidReply(
  reply: number[],
  announcer: number,
  registered: ReadonlySet<number>,
  numwant: number,
) {
  expect(reply.length).toBeLessThanOrEqual(numwant);
  expect(new Set(reply).size).toBe(reply.length);
  expect(reply).not.toContain(announcer);
  for (const p of reply) expect(registered.has(p)).toBe(true);
}

describe("Tracker announce", () => {
  it("returns at most numwant distinct registered peers, never the announcer", () => {
    const t = new Tracker(5, 0);
    const rng = new Rng("tracker-basic");
    const registered = new Set<number>();
    for (let p = 100; p < 140; p++) {
      const reply = t.announce(p, "started", p, rng);
      registered.add(p);
      expectValidReply(reply, p, registered, 5);
      expect(reply.length).toBe(Math.min(5, registered.size - 1));
    }
    expect(t.size).toBe(40);
    for (let i = 0; i < 500; i++) {
      const p = 100 + rng.int(40);
      expectValidReply(t.announce(p, "periodic", 1000 + i, rng), p, registered, 5);
    }
  });

  it("the first peer gets an empty list", () => {
    const t = new Tracker(50, 0);
    expect(t.announce(7, "started", 0, new Rng("x"))).toEqual([]);
    expect(t.size).toBe(1);
  });

  it("returns the whole rest of the swarm when it is smaller than numwant", () => {
    const { t, rng } = swarm(6, 50);
    expect(t.announce(3, "periodic", 10, rng).sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5]);
    // Exactly numwant + 1 members: everyone else fits too.
    const { t: t2, rng: r2 } = swarm(6, 5);
    expect(t2.announce(0, "periodic", 10, r2).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it("re-announcing does not register a peer twice", () => {
    const { t, rng } = swarm(3, 50);
    for (const ev of ["periodic", "completed", "started"] as const) t.announce(1, ev, 5, rng);
    expect(t.size).toBe(3);
    expect(t.announce(0, "periodic", 6, rng).sort()).toEqual([1, 2]);
  });

  it("'stopped' removes the peer and returns an empty list", () => {
    const { t, rng } = swarm(10, 50);
    expect(t.announce(4, "stopped", 10, rng)).toEqual([]);
    expect(t.size).toBe(9);
    expect(t.announce(0, "periodic", 11, rng)).not.toContain(4);
    // Stopping an unknown or already-stopped peer is harmless.
    t.announce(4, "stopped", 12, rng);
    t.announce(99, "stopped", 12, rng);
    expect(t.size).toBe(9);
  });

  it("stopped peers never reappear in replies, across many removals (sampling path)", () => {
    const { t, rng } = swarm(60, 8);
    const live = new Set(Array.from({ length: 60 }, (_, i) => i));
    for (let i = 0; i < 40; i++) {
      const victim = [...live][rng.int(live.size)];
      t.announce(victim, "stopped", i, rng);
      live.delete(victim);
      expect(t.size).toBe(live.size);
      for (let k = 0; k < 10; k++) {
        const asker = [...live][rng.int(live.size)];
        expectValidReply(t.announce(asker, "periodic", i, rng), asker, live, 8);
      }
    }
  });

  it("a stopped peer can rejoin", () => {
    const { t, rng } = swarm(3, 50);
    t.announce(2, "stopped", 1, rng);
    t.announce(2, "started", 2, rng);
    expect(t.size).toBe(3);
    expect(t.announce(0, "periodic", 3, rng).sort()).toEqual([1, 2]);
  });

  it("samples the other peers about uniformly", () => {
    const { t, rng } = swarm(21, 5);
    const hits = new Map<number, number>();
    const asks = 8000;
    for (let i = 0; i < asks; i++) {
      for (const p of t.announce(0, "periodic", 1, rng)) hits.set(p, (hits.get(p) ?? 0) + 1);
    }
    expect(hits.size).toBe(20);
    // Each of the 20 others is in a reply with probability 5/20.
    for (const c of hits.values()) expect(Math.abs(c / (asks / 4) - 1)).toBeLessThan(0.1);
  });

  it("is deterministic for the same Rng seed", () => {
    const run = (seed: string) => {
      const { t, rng } = swarm(100, 10, 0, seed);
      return Array.from({ length: 20 }, (_, i) => t.announce(i, "periodic", 5, rng));
    };
    expect(run("same")).toEqual(run("same"));
    expect(run("same")).not.toEqual(run("different"));
  });
});

describe("Tracker expiry", () => {
  const EXPIRE = 100 * S;

  it("forgets peers silent longer than expire when another peer announces after the expiry time", () => {
    const { t, rng } = swarm(10, 50, EXPIRE);
    // Peer 10 announces just after the others have been silent for `expire`.
    expect(t.announce(10, "started", EXPIRE + 1, rng)).toEqual([]);
    expect(t.size).toBe(1);
  });

  it("keeps peers that announced within expire", () => {
    const { t, rng } = swarm(10, 50, EXPIRE);
    for (let p = 5; p < 10; p++) t.announce(p, "periodic", 60 * S, rng);
    // At 150 s peers 0-4 are 150 s silent (gone), 5-9 only 90 s (kept).
    const reply = t.announce(20, "started", 150 * S, rng);
    expect(reply.sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9]);
    expect(t.size).toBe(6);
  });

  it("keeps a peer silent for exactly expire", () => {
    const { t, rng } = swarm(3, 50, EXPIRE);
    expect(t.announce(9, "started", EXPIRE, rng).sort()).toEqual([0, 1, 2]);
  });

  it("always forgets peers silent for well over expire, whatever the announce pattern before", () => {
    // Frequent announces by peer 0 (every 10 s); peers 1-5 go silent at 0.
    // Expiry scans may be batched, but by 1.5 × expire the silent peers must be gone.
    const { t, rng } = swarm(6, 50, EXPIRE);
    let reply: number[] = [];
    for (let s = 10; s <= 150; s += 10) reply = t.announce(0, "periodic", s * S, rng);
    expect(reply).toEqual([]);
    expect(t.size).toBe(1);
  });

  it("a peer that was expired is re-registered when it announces again", () => {
    const { t, rng } = swarm(4, 50, EXPIRE);
    t.announce(0, "periodic", 200 * S, rng);
    expect(t.size).toBe(1);
    expect(t.announce(3, "periodic", 201 * S, rng)).toEqual([0]);
    expect(t.size).toBe(2);
  });

  it("never expires anyone when expire is 0", () => {
    const { t, rng } = swarm(5, 50, 0);
    expect(t.announce(9, "started", 1e6 * S, rng).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
