/**
 * Super-seeding (BEP 16) on peer wires paired in memory: the seed shows no
 * pieces, offers each peer one piece, and offers it the next only once the
 * first has been seen at another peer.
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

describe("super-seeding (BEP 16)", () => {
  it("an empty BITFIELD, then one offered piece per peer, downloaded alone", () => {
    const world = new MemoryWorld(settings());
    const s = world.addPeer("S", { seed: true });
    s.enableSuperSeed();
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
    s.enableSuperSeed();
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
