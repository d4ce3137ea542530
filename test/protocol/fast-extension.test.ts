/**
 * BEP 6, the Fast Extension, between PeerWire state machines paired in memory
 * (test/protocol/wire-harness.ts): HAVE_ALL / HAVE_NONE, the allowed-fast set
 * sent at the first INTERESTED, a choked peer fetching its allowed pieces,
 * REJECT_REQUEST on a choke and for requests a choking peer will not serve —
 * and none of it under the mainline profile (allowed_fast_set_size 0).
 */
import { describe, expect, it } from "vitest";
import type { AllowedFastSource } from "../../sim/protocol/fast/allowed-fast-set.ts";
import { TorrentGeometry } from "../../sim/protocol/geometry.ts";
import { bitfieldMessageBytes } from "../../sim/protocol/wire/fast-extension.ts";
import { messageBytes } from "../../sim/protocol/wire/message-bytes.ts";
import { Msg } from "../../sim/protocol/wire/messages.ts";
import { setChoked } from "../../sim/protocol/wire/slots.ts";
import { MemoryWorld, testSettings } from "./wire-harness.ts";

/** Four pieces of two 16 KiB blocks; block b of piece p is 2p + b. */
const geometry = new TorrentGeometry(4 * 32 * 1024, 32 * 1024, 16 * 1024);

/** Every remote is allowed `pieces` (minus those it has), as a loopback swarm is. */
function allowing(pieces: number[]): AllowedFastSource {
  return { forRemote: (_remote, has) => pieces.filter((p) => !has(p)) };
}

function fastWorld(opts: { slots: number; allowed?: number[]; hold?: boolean }) {
  const settings = testSettings({
    geometry,
    unchokeSlots: opts.slots,
    allowedFast: allowing(opts.allowed ?? [1, 3]),
  });
  return new MemoryWorld(settings, opts.hold ?? false);
}

const FAST_ONLY = ["have_all", "have_none", "allowed_fast", "reject_request"];
const fastMessages = (t: string[]) => t.filter((l) => FAST_ONLY.some((m) => l.includes(m)));

describe("the Fast Extension between two peer wires", () => {
  it("a choked leecher fetches its allowed-fast pieces, and only those", () => {
    // S has no upload slot: it never unchokes L.
    const world = fastWorld({ slots: 0 });
    const s = world.addPeer("S", { seed: true });
    const l = world.addPeer("L");
    world.connect(l, s);
    expect(world.transcript).toEqual([
      "L→S handshake",
      // A seed says HAVE_ALL instead of a 6-byte BITFIELD (bt_peer_connection.cpp write_bitfield).
      "S→L have_all",
      "L→S interested",
      // The allowed set goes out at the first INTERESTED (on_interested → send_allowed_set).
      "S→L allowed_fast 1",
      "S→L allowed_fast 3",
      // Choked, L asks for the allowed pieces' blocks; S serves them while choking.
      "L→S request 2",
      "L→S request 3",
      "L→S request 6",
      "L→S request 7",
      "S→L piece 2",
      "S→L piece 3",
      "S→L piece 6",
      "S→L piece 7",
      "L verified 1",
      "L verified 3",
    ]);
    expect([...l.have]).toEqual([0, 1, 0, 1]);
    expect(s.conns[0].amChoking).toBe(true);
  });

  it("a choke rejects the queued requests but the allowed-fast ones; the rejected blocks are asked again", () => {
    const world = fastWorld({ slots: 1, allowed: [3], hold: true });
    const s = world.addPeer("S", { seed: true });
    const l = world.addPeer("L");
    world.connect(l, s);
    // ALLOWED_FAST 3 reaches L before the UNCHOKE: it asks for piece 3 at once, then,
    // unchoked, fills its pipeline of 5; all wait at S's held uplink.
    const sent = world.transcript.filter((t) => t.startsWith("L→S request"));
    expect(sent).toEqual([6, 7, 2, 3, 4].map((b) => `L→S request ${b}`));
    world.transcript.length = 0;
    const atS = s.conns[0];
    setChoked(s, atS, true);
    world.drain();
    expect(world.transcript).toEqual([
      "S→L choke",
      // peer_connection.cpp send_choke: every queued request but the allowed-fast piece 3's.
      "S→L reject_request 2",
      "S→L reject_request 3",
      "S→L reject_request 4",
    ]);
    expect(atS.theirRequests).toEqual([6, 7]);
    const atL = l.conns[0];
    expect(atL.myRequests).toEqual([6, 7]);
    // Blocks 2, 3, 4 are free again (to be asked for elsewhere, or once unchoked).
    expect(l.unrequestedBlocks).toBe(6);
    world.transcript.length = 0;
    world.serveUploads(10);
    expect(world.transcript).toEqual(["S→L piece 6", "S→L piece 7", "L verified 3"]);
    // Unchoked again, L asks for the rejected blocks first (their piece is started).
    world.transcript.length = 0;
    setChoked(s, atS, false);
    world.drain();
    expect(world.transcript.slice(0, 3)).toEqual(["S→L unchoke", "L→S request 2", "L→S request 3"]);
  });

  it("a choking peer rejects a request for a piece it did not allow, and serves one it did", () => {
    const world = fastWorld({ slots: 0, allowed: [3] });
    const s = world.addPeer("S", { seed: true });
    const l = world.addPeer("L");
    world.connect(l, s);
    world.transcript.length = 0;
    // A request sent before L learned it was choked (crossing the CHOKE on the wire).
    s.onMessage(s.conns[0], Msg.Request, 0);
    s.onMessage(s.conns[0], Msg.Request, 7);
    world.drain();
    expect(world.transcript).toEqual(["S→L reject_request 0", "S→L piece 7"]);
  });

  it("HAVE_NONE from a peer with no piece; message sizes as BEP 6 frames them", () => {
    const world = fastWorld({ slots: 4 });
    const a = world.addPeer("A");
    const b = world.addPeer("B");
    world.connect(a, b);
    expect(world.transcript).toEqual(["A→B handshake", "B→A have_none"]);
    expect(messageBytes(Msg.HaveAll, 4)).toBe(5);
    expect(messageBytes(Msg.HaveNone, 4)).toBe(5);
    expect(messageBytes(Msg.AllowedFast, 4)).toBe(9);
    expect(messageBytes(Msg.Reject, 4)).toBe(17);
    // What rides on a dialler's handshake: HAVE_NONE (5 bytes) for A, a BITFIELD without BEP 6.
    expect(bitfieldMessageBytes(a)).toBe(5);
    const plain = new MemoryWorld(testSettings({ geometry }));
    expect(bitfieldMessageBytes(plain.addPeer("C"))).toBe(6);
  });

  it("mainline (allowed_fast_set_size 0): no Fast Extension message, and a choke drops requests silently", () => {
    const world = new MemoryWorld(testSettings({ geometry, unchokeSlots: 1 }), true);
    const s = world.addPeer("S", { seed: true });
    const l = world.addPeer("L");
    world.connect(l, s);
    setChoked(s, s.conns[0], true);
    world.drain();
    expect(fastMessages(world.transcript)).toEqual([]);
    expect(world.transcript.slice(0, 3)).toEqual([
      "L→S handshake",
      "S→L bitfield",
      "L→S interested",
    ]);
    expect(s.conns[0].theirRequests).toEqual([]);
    expect(l.conns[0].myRequests).toEqual([]);
  });
});
