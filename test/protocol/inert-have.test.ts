/**
 * PeerWire.takeInertHave (the lean model's shortcut for HAVEs, sim/swarm/
 * wire-outbox.ts): it takes a HAVE only when the HAVE changes nothing but the
 * peer's view and counts, and then leaves the peer exactly as onMessage
 * would; otherwise it refuses and changes nothing.
 */
import { describe, expect, it } from "vitest";
import { TorrentGeometry } from "../../sim/protocol/geometry.ts";
import { Msg } from "../../sim/protocol/wire/messages.ts";
import type { PeerWire } from "../../sim/protocol/wire/peer-wire.ts";
import { MemoryWorld, testSettings } from "./wire-harness.ts";

/** L connected to M; M never unchokes (no slots), so L stays choked. */
function pair(unchokeSlots = 0) {
  const world = new MemoryWorld(
    testSettings({
      geometry: new TorrentGeometry(4 * 32 * 1024, 32 * 1024, 16 * 1024),
      unchokeSlots,
      optimisticSlots: 0,
    }),
  );
  const l = world.addPeer("L");
  const m = world.addPeer("M");
  world.connect(l, m);
  const conn = l.conns[0];
  return { world, l, conn };
}

function state(l: PeerWire, conn: PeerWire["conns"][number]) {
  return {
    availability: [...l.availability],
    useful: conn.useful,
    interested: conn.amInterested,
    knows: [0, 1, 2, 3].map((p) => conn.remoteHas(p)),
    requests: [...conn.myRequests],
  };
}

describe("takeInertHave", () => {
  it("refuses a HAVE that would make us interested, and changes nothing", () => {
    const { world, l, conn } = pair();
    const before = state(l, conn);
    const lines = world.transcript.length;
    expect(l.takeInertHave(conn, 0)).toBe(false);
    expect(state(l, conn)).toEqual(before);
    expect(world.transcript.length).toBe(lines);
  });

  it("takes a HAVE while we are interested and choked, with onMessage's outcome", () => {
    const a = pair();
    const b = pair();
    for (const { l, conn } of [a, b]) l.onMessage(conn, Msg.Have, 0);
    expect(a.conn.amInterested).toBe(true);
    const lines = a.world.transcript.length;
    expect(a.l.takeInertHave(a.conn, 1)).toBe(true);
    b.l.onMessage(b.conn, Msg.Have, 1);
    expect(state(a.l, a.conn)).toEqual(state(b.l, b.conn));
    expect(state(a.l, a.conn).useful).toBe(2);
    expect(a.world.transcript.length).toBe(lines);
    // Known already: taken, nothing changes.
    const known = state(a.l, a.conn);
    expect(a.l.takeInertHave(a.conn, 1)).toBe(true);
    expect(state(a.l, a.conn)).toEqual(known);
  });

  it("refuses a HAVE while the remote unchokes us (it may send requests)", () => {
    const { l, conn } = pair(4);
    l.onMessage(conn, Msg.Have, 0);
    l.onMessage(conn, Msg.Unchoke, 0);
    expect(conn.peerChoking).toBe(false);
    const before = state(l, conn);
    expect(l.takeInertHave(conn, 1)).toBe(false);
    expect(state(l, conn)).toEqual(before);
  });
});
