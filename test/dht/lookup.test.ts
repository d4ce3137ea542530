/**
 * The Kademlia logic alone (sim/protocol/dht), without a swarm: XOR metric,
 * k-buckets, and iterative lookups that converge on the closest node in
 * O(log N) hops.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { Lookup } from "../../sim/protocol/dht/lookup.ts";
import {
  commonPrefixLength,
  compareDistance,
  hashedId,
  type NodeId,
} from "../../sim/protocol/dht/node-id.ts";
import { RoutingTable } from "../../sim/protocol/dht/routing-table.ts";

const K = 8;
const ALPHA = 3;

function id(...words: number[]): NodeId {
  return Uint32Array.from([...words, 0, 0, 0, 0, 0].slice(0, 5));
}

describe("node ids", () => {
  it("XOR distance orders ids and common prefix length is the bucket index", () => {
    const target = id(0);
    expect(compareDistance(id(1), id(2), target)).toBeLessThan(0);
    expect(compareDistance(id(0x80000000), id(0x7fffffff), target)).toBeGreaterThan(0);
    expect(compareDistance(id(5, 1), id(5, 1), target)).toBe(0);
    expect(commonPrefixLength(id(0), id(0x80000000))).toBe(0);
    expect(commonPrefixLength(id(0), id(1))).toBe(31);
    expect(commonPrefixLength(id(7, 0), id(7, 1))).toBe(63);
    expect(commonPrefixLength(id(7), id(7))).toBe(160);
  });
});

describe("routing table", () => {
  it("keeps at most k nodes per bucket, old ones first, and answers closest-first", () => {
    const ids = [id(0), ...Array.from({ length: 20 }, (_, i) => id(0x80000000 + i)), id(1), id(2)];
    const table = new RoutingTable(0, ids[0], K, (n) => ids[n]);
    for (let n = 1; n < ids.length; n++) table.add(n);
    // 20 nodes share no prefix bit with us: one bucket, capped at k, the first 8 kept.
    expect(table.bucketSizes().get(0)).toBe(K);
    expect(table.has(1)).toBe(true);
    expect(table.has(9)).toBe(false);
    expect(table.closest(id(0), 3)).toEqual([21, 22, 1]);
    table.remove(21);
    expect(table.closest(id(0), 1)).toEqual([22]);
    expect(table.add(0)).toBe(false); // never itself
  });
});

/** N nodes with random ids; each table holds its nearest neighbours in id order and a random sample (as after a join). */
function network(n: number, seed: number) {
  const ids = Array.from({ length: n }, (_, i) => hashedId(seed, 7, i));
  const idOf = (x: number) => ids[x];
  const sorted = ids.map((_, i) => i).sort((a, b) => compareDistance(ids[a], ids[b], id(0)));
  const rng = new Rng(`dht-net:${seed}`);
  const tables = ids.map((selfId, i) => new RoutingTable(i, selfId, K, idOf));
  sorted.forEach((node, pos) => {
    const t = tables[node];
    for (let d = -2 * K; d <= 2 * K; d++) {
      const j = pos + d;
      if (j >= 0 && j < n) t.add(sorted[j]);
    }
    for (let s = 0; s < 64; s++) t.add(rng.int(n));
  });
  return { ids, idOf, tables, rng };
}

/** Runs one lookup to completion, answering queries in order (no latency, no failures). */
function lookup(
  net: ReturnType<typeof network>,
  from: number,
  target: NodeId,
  dead = new Set<number>(),
) {
  const l = new Lookup(target, K, ALPHA, net.idOf, from);
  const queue = l.start(net.tables[from].closest(target, K));
  while (queue.length > 0) {
    const node = queue.shift()!;
    const more = dead.has(node)
      ? l.onTimeout(node)
      : l.onResponse(node, net.tables[node].closest(target, K));
    queue.push(...more);
  }
  expect(l.done).toBe(true);
  return l;
}

function trueClosest(net: ReturnType<typeof network>, target: NodeId, skip = new Set<number>()) {
  let best = -1;
  net.ids.forEach((x, i) => {
    if (skip.has(i)) return;
    if (best < 0 || compareDistance(x, net.ids[best], target) < 0) best = i;
  });
  return best;
}

describe("iterative lookup", () => {
  const sizes = [100, 1_000, 10_000];
  const meanHops = new Map<number, number>();

  for (const n of sizes) {
    it(`converges on the closest node among ${n.toLocaleString("en")} nodes`, () => {
      const net = network(n, 3);
      let hops = 0;
      let found = 0;
      let queries = 0;
      const LOOKUPS = 60;
      for (let q = 0; q < LOOKUPS; q++) {
        const target = hashedId(99, n, q);
        const l = lookup(net, net.rng.int(n), target);
        hops += l.hops;
        queries += l.queries;
        if (l.result()[0] === trueClosest(net, target)) found++;
      }
      meanHops.set(n, hops / LOOKUPS);
      expect(found / LOOKUPS).toBeGreaterThanOrEqual(0.95);
      // O(log N): hops stay below log2 N, queries below a few k·log2 N.
      expect(hops / LOOKUPS).toBeLessThanOrEqual(Math.log2(n));
      expect(queries / LOOKUPS).toBeLessThan(3 * K * Math.log2(n));
    });
  }

  it("hops grow with N, logarithmically (×100 nodes adds at most a few hops)", () => {
    const [h100, h1k, h10k] = sizes.map((n) => meanHops.get(n)!);
    console.log(`DHT mean hops: N=100 ${h100}, N=1000 ${h1k}, N=10000 ${h10k}`);
    expect(h1k).toBeGreaterThanOrEqual(h100);
    expect(h10k).toBeGreaterThan(h100);
    expect(h10k - h100).toBeLessThan(4);
  });

  it("routes around nodes that left: their queries time out and the lookup still converges", () => {
    const net = network(1_000, 5);
    const dead = new Set<number>();
    for (let i = 0; i < 200; i++) dead.add(net.rng.int(1_000));
    let found = 0;
    let timeouts = 0;
    for (let q = 0; q < 40; q++) {
      const target = hashedId(98, 1, q);
      let from = net.rng.int(1_000);
      while (dead.has(from)) from = (from + 1) % 1_000;
      const l = lookup(net, from, target, dead);
      timeouts += l.timeouts;
      if (l.result()[0] === trueClosest(net, target, dead)) found++;
      for (const n of l.result()) expect(dead.has(n)).toBe(false);
    }
    expect(timeouts).toBeGreaterThan(0);
    expect(found / 40).toBeGreaterThanOrEqual(0.9);
  });
});
