/**
 * The choke round (sim/protocol/wire/choke-round.ts) driven from string
 * fixtures, one character per connection, as libtorrent's picker tests are:
 *   interest  "*" the remote is interested in us, "." not
 *   rates     the payload KiB/s it sent us over the last two rounds
 *   snubbed   "s" it unchokes us yet sent nothing for snub_timeout
 *   expect    "R" regular slot, "O" optimistic, "." choked
 * No simulator: one PeerWire, its connections built by hand, a memory outbox.
 */
import { describe, expect, it } from "vitest";
import { LEECHER_CHOKERS } from "../../sim/protocol/choker/index.ts";
import { Connection } from "../../sim/protocol/wire/connection.ts";
import { Timer } from "../../sim/protocol/wire/outbox.ts";
import type { PeerWire } from "../../sim/protocol/wire/peer-wire.ts";
import { MemoryWorld, testSettings } from "./wire-harness.ts";

interface Fixture {
  readonly interest: string;
  readonly rates?: string;
  readonly snubbed?: string;
  readonly idle?: string;
  readonly freeRider?: boolean;
  readonly choker?: keyof typeof LEECHER_CHOKERS;
}

const NOW = 1000e6;

function round(f: Fixture) {
  const world = new MemoryWorld(
    testSettings({ leecherChoker: LEECHER_CHOKERS[f.choker ?? "tit-for-tat"] }),
  );
  world.clock.now = NOW;
  const me = world.addPeer("me", { freeRider: f.freeRider });
  const rates = (f.rates ?? "").split(" ").filter(Boolean).map(Number);
  const conns: Connection[] = [];
  for (let i = 0; i < f.interest.length; i++) {
    const remote = world.addPeer(`r${i}`);
    const c = new Connection(2 * i, me.id, remote.id, NOW - 300e6, world.slab);
    c.phase = 1;
    c.peerInterested = f.interest[i] === "*";
    c.recvCur = (rates[i] ?? 0) * 1024 * 20; // KiB/s over the 20 s window
    c.idleSinceUs = f.idle?.[i] === "i" ? NOW - 601e6 : -1;
    if (f.snubbed?.[i] === "s") {
      c.amInterested = true;
      c.peerChoking = false;
      c.lastRecvUs = NOW - 61e6;
      c.remoteUnchokedUsAt = NOW - 120e6;
      c.amInterestedSinceUs = NOW - 120e6;
    }
    me.addConnection(c);
    conns.push(c);
  }
  me.onTimer(Timer.Rechoke, 0);
  const r = world.rechokes[0];
  const shown = conns
    .map((c) => {
      if (!c.open) return "x";
      if (c.amChoking) return ".";
      return r !== undefined && r.optimistic === c.remote ? "O" : "R";
    })
    .join("");
  return { shown, world, me: me as PeerWire, conns };
}

describe("the choke round, from string fixtures", () => {
  it("tit-for-tat: the 3 best uploaders among the interested get regular slots, one more is optimistic", () => {
    // Interested 0-3; 4 uploads fastest but is not interested.
    expect(round({ interest: "****.", rates: "9 1 7 5 8" }).shown).toBe("RORR.");
  });

  it("no more than unchoke_slots, and the uninterested stay choked", () => {
    const { shown } = round({ interest: "******", rates: "6 5 4 3 2 1" });
    expect(shown.slice(0, 3)).toBe("RRR");
    expect([...shown].filter((c) => c === "O")).toHaveLength(1);
    expect([...shown].filter((c) => c === ".")).toHaveLength(2);
  });

  it("anti-snubbing: a snubbing peer gets no regular slot, however fast it once was", () => {
    const { shown } = round({ interest: "*****", rates: "9 1 7 5 3", snubbed: "s...." });
    expect(shown.slice(2)).toBe("RRR");
    expect(shown[0] === "R" || shown[1] === "R").toBe(false);
  });

  it("a free rider keeps no slots", () => {
    expect(round({ interest: "***", rates: "3 2 1", freeRider: true }).shown).toBe("...");
  });

  it("unchoke-all unchokes every interested peer and has no optimistic slot", () => {
    const { shown, world } = round({ interest: "**.***", choker: "unchoke-all" });
    expect(shown).toBe("RR.RRR");
    expect(world.rechokes[0].optimistic).toBe(-1);
  });

  it("idle connections (no interest either way for inactivity_timeout) close before ranking", () => {
    const { shown, world } = round({ interest: "*.**", rates: "1 0 2 3", idle: ".i.." });
    expect(shown).toBe("RxRR");
    expect(world.transcript).toContain("me→r1 close (idle)");
  });

  it("the round re-arms its timer and rolls the rate window over", () => {
    const { world, conns } = round({ interest: "**", rates: "4 2" });
    expect(world.timers[0]).toMatchObject({ kind: Timer.Rechoke, delayUs: 10e6 });
    expect(conns[0].recvCur).toBe(0);
    expect(conns[0].recvPrev).toBe(4 * 1024 * 20);
  });
});
