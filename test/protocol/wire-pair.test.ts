/**
 * PeerWire state machines paired in memory (test/protocol/wire-harness.ts):
 * no simulator, no swarm, no network — only the protocol's own transcript,
 * checked message by message against BEP 3.
 */
import { describe, expect, it } from "vitest";
import { Msg } from "../../sim/protocol/wire/messages.ts";
import { MemoryWorld } from "./wire-harness.ts";

describe("two peer wires in memory", () => {
  it("handshake → bitfield → interest → unchoke → requests → blocks → verified piece → HAVE", () => {
    // One piece of two 16 KiB blocks. S seeds; L dials S; M (a second leecher) is connected to L.
    const world = new MemoryWorld();
    const s = world.addPeer("S", { seed: true });
    const l = world.addPeer("L");
    const m = world.addPeer("M");
    world.connect(m, l);
    expect(world.transcript).toEqual(["M→L handshake", "L→M bitfield"]);
    world.transcript.length = 0;

    world.connect(l, s);
    expect(world.transcript).toEqual([
      "L→S handshake",
      // The acceptor learned L's (empty) bitfield from the handshake and sends its own.
      "S→L bitfield",
      // L now knows S has what it lacks: interested; S's free slot unchokes it at once.
      "L→S interested",
      "S→L unchoke",
      // Pipelined requests for both blocks (pipeline depth 5 > 2 blocks).
      "L→S request 0",
      "L→S request 1",
      "S→L piece 0",
      "S→L piece 1",
      // All blocks in: verified; HAVE goes to M, which lacks it, not to S, which has it.
      "L verified 0",
      "L→M have 0",
      // S has nothing more for L: not interested; then L is a seed.
      "L→S not_interested",
      "L completed",
      // M learns of the piece and asks (deliveries are FIFO) …
      "M→L interested",
      // … S hears L lost interest and gives its slot up (BEP 3: choke the uninterested) …
      "S→L choke",
      // … and L, with free slots, unchokes M and serves it.
      "L→M unchoke",
      "M→L request 0",
      "M→L request 1",
      "L→M piece 0",
      "L→M piece 1",
      "M verified 0",
      "M→L not_interested",
      "M completed",
      // L's slot is freed once M is no longer interested.
      "L→M choke",
    ]);
    expect(l.isSeed && m.isSeed).toBe(true);
  });

  it("a damaged piece fails verification: discarded, its lone sender banned and disconnected (smart ban)", () => {
    const world = new MemoryWorld();
    const s = world.addPeer("S", { seed: true });
    const l = world.addPeer("L");
    // S's uplink damages every block it sends (tag 7: who damaged it).
    world.uploadReady = (c) => {
      const toL = l.connectedTo.get(s.id)!;
      while (c.theirRequests.length > 0) {
        const block = c.theirRequests.shift()!;
        world.transcript.push(`S→L damaged piece ${block}`);
        l.onBlock(toL, block, 16 * 1024, 7);
      }
    };
    world.connect(l, s);
    expect(world.transcript.slice(-4)).toEqual([
      "S→L damaged piece 1",
      "L rejected 0",
      "L banned S",
      "L→S close",
    ]);
    expect(l.haveCount).toBe(0);
    expect(l.banned.has(s.id)).toBe(true);
    expect(l.connectedTo.size).toBe(0);
    // The piece is missing again, to be fetched from someone else.
    expect(l.startable[0]).toBe(1);
    expect(l.unrequestedBlocks).toBe(2);
  });

  it("a CHOKE discards every outstanding request (BEP 3): the blocks become missing again", () => {
    const world = new MemoryWorld();
    const s = world.addPeer("S", { seed: true });
    const l = world.addPeer("L");
    world.uploadReady = () => {}; // S never sends: requests stay outstanding
    world.connect(l, s);
    const conn = l.connectedTo.get(s.id)!;
    expect(conn.myRequests).toEqual([0, 1]);
    expect(l.unrequestedBlocks).toBe(0);
    l.onMessage(conn, Msg.Choke, 0);
    expect(conn.peerChoking).toBe(true);
    expect(conn.myRequests).toEqual([]);
    expect(l.unrequestedBlocks).toBe(2);
  });
});
