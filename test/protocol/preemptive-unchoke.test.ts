/**
 * Preemptive unchoke (sim/protocol/wire/preemptive-unchoke.ts; libtorrent
 * bt_peer_connection.cpp → maybe_unchoke_this_peer): a peer with a piece and
 * a free slot unchokes a new connection with its bitfield, before INTERESTED.
 */
import { describe, expect, it } from "vitest";
import { MemoryWorld, testSettings } from "./wire-harness.ts";

function handshake(preemptive: boolean, slots = 4) {
  const world = new MemoryWorld(
    testSettings({ preemptiveUnchoke: preemptive, unchokeSlots: slots }),
  );
  const s = world.addPeer("S", { seed: true });
  const l = world.addPeer("L");
  world.connect(l, s);
  return world.transcript.slice(0, 4);
}

describe("preemptive unchoke", () => {
  it("on: the seed's unchoke follows its bitfield, ahead of the leecher's interest", () => {
    expect(handshake(true)).toEqual([
      "L→S handshake",
      "S→L bitfield",
      "S→L unchoke",
      "L→S interested",
    ]);
  });

  it("off: the seed unchokes only once the leecher is interested", () => {
    expect(handshake(false)).toEqual([
      "L→S handshake",
      "S→L bitfield",
      "L→S interested",
      "S→L unchoke",
    ]);
  });

  it("no free slot, no preemptive unchoke", () => {
    // Uploads held: A stays unchoked and interested, holding the one slot.
    const world = new MemoryWorld(testSettings({ preemptiveUnchoke: true, unchokeSlots: 1 }), true);
    const s = world.addPeer("S", { seed: true });
    const a = world.addPeer("A");
    const b = world.addPeer("B");
    world.connect(a, s);
    world.transcript.length = 0;
    world.connect(b, s);
    expect(world.transcript.slice(0, 3)).toEqual([
      "B→S handshake",
      "S→B bitfield",
      "B→S interested",
    ]);
  });
});
