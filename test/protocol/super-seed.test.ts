/**
 * Super-seeding (BEP 16) on peer wires paired in memory: the seed shows no
 * pieces; under the strict rule it offers each peer one piece, and offers it
 * the next only once the first has been seen at another peer; under
 * libtorrent's it offers two, and replaces each as soon as the peer holds it.
 */
import { describe, expect, it } from "vitest";
import { TorrentGeometry } from "../../sim/protocol/geometry.ts";
import { MemoryWorld, testSettings } from "./wire-harness.ts";

// Four pieces of one 16 KiB block each.
const settings = () =>
  testSettings({ geometry: new TorrentGeometry(64 * 1024, 16 * 1024, 16 * 1024) });

function offersTo(world: MemoryWorld, name: string): number[] {
  return world.transcript
    .filter((t) => t.startsWith(`S→${name} have `))
    .map((t) => Number(t.split(" ")[2]));
}

describe("super-seeding (BEP 16), strict rule", () => {
  it("an empty BITFIELD, then one offered piece per peer, downloaded alone", () => {
    const world = new MemoryWorld(settings());
    const s = world.addPeer("S", { seed: true });
    s.enableSuperSeed("strict");
    const a = world.addPeer("A");
    world.connect(a, s);
    // A learned nothing from the bitfield: the offer HAVE is its first news.
    expect(world.transcript.slice(0, 3)).toEqual([
      "A→S handshake",
      "S→A bitfield",
      expect.stringMatching(/^S→A have \d$/),
    ]);
    const [offer] = offersTo(world, "A");
    expect(a.haveCount).toBe(1);
    expect(a.have[offer]).toBe(1);
    // A holds its piece, but no one else does: nothing more is offered.
    expect(offersTo(world, "A")).toHaveLength(1);
    expect(s.superSeed!.offers.reduce((x, y) => x + y, 0)).toBe(1);
  });

  it("the next piece is offered once the first shows up at another peer; each gets a piece never offered", () => {
    const world = new MemoryWorld(settings());
    const s = world.addPeer("S", { seed: true });
    s.enableSuperSeed("strict");
    const a = world.addPeer("A");
    const b = world.addPeer("B");
    world.connect(a, s);
    const [first] = offersTo(world, "A");
    world.connect(b, s);
    // B is offered a different piece, never offered before.
    const [forB] = offersTo(world, "B");
    expect(forB).not.toBe(first);
    // A and B meet: B gets A's piece from A and tells S (HAVE): A is offered its next piece.
    world.connect(b, a);
    expect(b.have[first]).toBe(1);
    expect(a.have[forB]).toBe(1);
    const toA = offersTo(world, "A");
    const toB = offersTo(world, "B");
    expect(toA.length).toBeGreaterThan(1);
    expect(toB.length).toBeGreaterThan(1);
    // Every piece was offered before any was offered twice.
    const all = [...toA, ...toB];
    expect(new Set(all.slice(0, 4)).size).toBe(Math.min(4, all.length));
    // In the end both hold the whole file, and S sent each piece about once.
    expect(a.haveCount).toBe(4);
    expect(b.haveCount).toBe(4);
    const fromS = world.transcript.filter((t) => /^S→[AB] piece /.test(t));
    expect(fromS.length).toBe(4);
  });
});

describe("super-seeding, libtorrent's rule (strict_super_seeding off)", () => {
  // Eight pieces of one 16 KiB block each.
  const eight = () =>
    testSettings({ geometry: new TorrentGeometry(128 * 1024, 16 * 1024, 16 * 1024) });

  it("offers two pieces at once, and the next as soon as the peer holds one — alone with the seed, it gets the whole file", () => {
    const world = new MemoryWorld(eight(), true);
    const s = world.addPeer("S", { seed: true });
    s.enableSuperSeed("libtorrent");
    const a = world.addPeer("A");
    world.connect(a, s);
    expect(world.transcript.slice(0, 4)).toEqual([
      "A→S handshake",
      "S→A bitfield",
      expect.stringMatching(/^S→A have \d$/),
      expect.stringMatching(/^S→A have \d$/),
    ]);
    const [second, first] = offersTo(world, "A");
    expect(second).not.toBe(first);
    // A gets one block (= one piece), tells S (a redundant HAVE: S "has" it), and is offered a third.
    world.serveUploads(1);
    expect(a.haveCount).toBe(1);
    expect(world.transcript).toContainEqual(expect.stringMatching(/^A→S have \d$/));
    expect(offersTo(world, "A")).toHaveLength(3);
    // Under the strict rule a lone peer would stall at its first piece; here it completes.
    while (world.serveUploads(1) > 0);
    expect(a.haveCount).toBe(8);
    expect(world.transcript.filter((t) => /^S→A piece /.test(t))).toHaveLength(8);
  });

  it("offers each peer pieces nobody is offered now, held by the fewest neighbours", () => {
    const world = new MemoryWorld(eight(), true);
    const s = world.addPeer("S", { seed: true });
    s.enableSuperSeed("libtorrent");
    const peers = ["A", "B", "C", "D"].map((n) => world.addPeer(n));
    for (const p of peers) world.connect(p, s);
    const offers = ["A", "B", "C", "D"].flatMap((n) => offersTo(world, n));
    // Eight pieces, four peers × two offers: all different.
    expect(new Set(offers).size).toBe(8);
    expect([...s.superSeed!.offeredNow].every((k) => k === 1)).toBe(true);
  });
});
