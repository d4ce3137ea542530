/**
 * The libtorrent profile's mechanisms as protocol properties, on peer wires
 * paired in memory (wire-harness.ts) with a held uplink: the test decides how
 * many blocks each second delivers, and fires the one-second tick and the
 * rechoke itself. No simulator, no swarm.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { LEECHER_CHOKERS, SEED_CHOKERS } from "../../sim/protocol/choker/index.ts";
import { pickOptimistic } from "../../sim/protocol/choker/optimistic.ts";
import type { ChokeCandidate } from "../../sim/protocol/choker/types.ts";
import { autoOptimisticSlots } from "../../sim/protocol/choker/upload-slots.ts";
import { TorrentGeometry } from "../../sim/protocol/geometry.ts";
import { provenanceVerifier } from "../../sim/protocol/verify/verifier.ts";
import { Connection } from "../../sim/protocol/wire/connection.ts";
import { Msg } from "../../sim/protocol/wire/messages.ts";
import { Timer } from "../../sim/protocol/wire/outbox.ts";
import type { PeerWire } from "../../sim/protocol/wire/peer-wire.ts";
import type { WireSettings } from "../../sim/protocol/wire/settings.ts";
import { wireSettings } from "../../sim/swarm/settings.ts";
import { makeConfig } from "../helpers/config.ts";
import { MemoryWorld, testSettings } from "./wire-harness.ts";

const KiB = 1024;
const SECOND = 1e6;

/** One simulated second: `blocks` delivered (from `from`'s uplink if given), then every peer's tick. */
function second(world: MemoryWorld, blocks: number, from?: PeerWire, served?: () => void): void {
  world.serveUploads(blocks, from);
  served?.();
  world.clock.now += SECOND;
  for (const w of world.wires) w.onTimer(Timer.Second, 0);
  world.drain();
}

describe("rate-adaptive request queue (peer_connection.cpp update_desired_queue_size)", () => {
  const settings = (o: Partial<WireSettings> = {}) =>
    testSettings({
      geometry: new TorrentGeometry(512 * 1024 * KiB, 256 * KiB, 16 * KiB),
      requestQueueTime: 3,
      pipelineDepth: 4,
      maxOutRequestQueue: 500,
      ...o,
    });

  function pair(s: WireSettings) {
    const world = new MemoryWorld(s, true);
    const seed = world.addPeer("S", { seed: true });
    const leecher = world.addPeer("L");
    world.connect(leecher, seed);
    return { world, seed, leecher, conn: leecher.conns[0] };
  }

  it("starts at pipeline_depth, then slow start adds one request per block received", () => {
    const { world, conn } = pair(settings());
    expect(conn.myRequests.length).toBe(4);
    world.serveUploads(3);
    expect(conn.desiredQueue).toBe(7);
    expect(conn.myRequests.length).toBe(7);
  });

  for (const blocksPerSecond of [1, 6, 25, 90, 400]) {
    it(`settles at 3 s of the download rate (${blocksPerSecond} blocks/s → ${Math.min(500, Math.max(2, 3 * blocksPerSecond))}), and never asks beyond the queue`, () => {
      const { world, conn } = pair(settings());
      for (let t = 0; t < 40; t++) {
        const before = conn.myRequests.length;
        // New requests only fill the queue; a queue that shrank drains first.
        second(world, blocksPerSecond, undefined, () =>
          expect(conn.myRequests.length).toBeLessThanOrEqual(Math.max(conn.desiredQueue, before)),
        );
      }
      expect(conn.slowStart).toBe(false);
      expect(conn.myRequests.length).toBe(conn.desiredQueue);
      const want = Math.min(500, Math.max(2, 3 * blocksPerSecond));
      // The 5-second average is within a few per cent of the rate after 40 s.
      expect(Math.abs(conn.desiredQueue - want)).toBeLessThanOrEqual(Math.max(1, 0.03 * want));
    });
  }

  it("follows the rate down when the uplink slows", () => {
    const { world, conn } = pair(settings());
    for (let t = 0; t < 30; t++) second(world, 60);
    const fast = conn.desiredQueue;
    for (let t = 0; t < 30; t++) second(world, 10);
    expect(fast).toBeGreaterThan(150);
    expect(conn.desiredQueue).toBeLessThan(35);
  });

  it("with request_queue_time 0 the backlog stays fixed at pipeline_depth (mainline)", () => {
    const { world, conn } = pair(settings({ requestQueueTime: 0, pipelineDepth: 5 }));
    for (let t = 0; t < 20; t++) {
      second(world, 50);
      expect(conn.myRequests.length).toBeLessThanOrEqual(5);
    }
    expect(conn.myRequests.length).toBe(5);
  });
});

describe("whole pieces for fast connections (request_blocks.cpp, piece_picker.cpp)", () => {
  const geometry = new TorrentGeometry(8 * 1024 * KiB, 256 * KiB, 16 * KiB);

  /** L downloads from a fast seed F (2 blocks/s: 640 KiB in 20 s, two pieces) and a slow one S. */
  function run(wholePiecesThreshold: number) {
    const world = new MemoryWorld(
      testSettings({ geometry, requestQueueTime: 3, pipelineDepth: 4, wholePiecesThreshold }),
      true,
    );
    const fast = world.addPeer("F", { seed: true });
    const slow = world.addPeer("S", { seed: true });
    const leecher = world.addPeer("L");
    world.connect(leecher, fast);
    world.connect(leecher, slow);
    const first = new Map<number, string>();
    const shared = new Set<number>();
    const bpp = geometry.blocksPerPiece;
    let seen = 0;
    /** Pieces first asked for from now on; shared = asked of both remotes. */
    const scan = (record: boolean) => {
      for (const line of world.transcript.slice(seen)) {
        const m = /^L→(F|S) request (\d+)$/.exec(line);
        if (!m) continue;
        const piece = Math.floor(Number(m[2]) / bpp);
        const owner = first.get(piece);
        if (owner === undefined) first.set(piece, record ? m[1] : "before");
        else if (owner !== m[1] && owner !== "before") shared.add(piece);
      }
      seen = world.transcript.length;
    };
    // Warm-up: the fast connection's 5-second average reaches its rate
    // (pieces begun before it is fast are shared, as in libtorrent).
    for (let t = 0; t < 6; t++) second(world, 2, fast);
    scan(false);
    for (let t = 0; t < 30; t++) {
      second(world, 2, fast);
      if (t % 2 === 1) world.serveUploads(1, slow);
      scan(true);
    }
    const fastConn = leecher.conns.find((c) => c.remote === fast.id)!;
    return { shared, fastConn, leecher, geometry };
  }

  it("a fast connection reserves whole pieces, and no piece is shared with a slow one", () => {
    const { shared, fastConn } = run(20);
    expect(fastConn.downloadRate * 20).toBeGreaterThanOrEqual(256 * KiB);
    // Reserved blocks wait in `unsent`, every block of their piece with this remote.
    const pieces = new Set(
      [...fastConn.myRequests, ...fastConn.unsent].map((b) => geometry.pieceOf(b)),
    );
    for (const p of pieces) {
      const mine = [...fastConn.myRequests, ...fastConn.unsent].filter(
        (b) => geometry.pieceOf(b) === p,
      );
      expect(mine.length, `piece ${p}`).toBeGreaterThan(0);
    }
    expect(fastConn.unsent.length).toBeGreaterThan(0);
    expect([...shared]).toEqual([]);
  });

  it("without the threshold (mainline) the slow connection helps finish the fast one's pieces", () => {
    const { shared, fastConn } = run(0);
    expect(fastConn.unsent.length).toBe(0);
    expect(shared.size).toBeGreaterThan(0);
  });
});

describe("round-robin seed choking with the one-minute hold (choker.cpp unchoke_compare_rr)", () => {
  const QUOTA = 256 * KiB;
  const HOLD = 60 * SECOND;
  const roundRobin = SEED_CHOKERS["round-robin"].choose;
  const cand = (handle: number, c: Partial<ChokeCandidate>): ChokeCandidate => ({
    handle,
    interested: true,
    downloadRate: 0,
    uploadRate: 0,
    snubbed: false,
    lastUnchokedUs: -1,
    isNew: false,
    ...c,
  });
  /** A: unchoked at 0, being served, far past its quota; B never unchoked; C choked since 5 s. */
  const fixture = [
    cand(0, {
      unchoked: true,
      lastUnchokedUs: 0,
      sentSinceUnchokeBytes: 40 * QUOTA,
      uploadedLastRoundBytes: 4e6,
    }),
    cand(1, {}),
    cand(2, { lastUnchokedUs: 5 * SECOND }),
  ];
  const pick = (nowUs: number, minUnchokeUs: number) =>
    roundRobin(fixture, { slots: 1, rng: new Rng("rr"), quotaBytes: QUOTA, minUnchokeUs, nowUs });

  it("keeps a peer past its quota until it has held the slot for a minute, then the longest-waiting goes next", () => {
    expect(pick(30 * SECOND, HOLD)).toEqual([0]);
    expect(pick(60 * SECOND, HOLD)).toEqual([0]);
    expect(pick(61 * SECOND, HOLD)).toEqual([1]);
  });

  it("without the hold, the slot rotates as soon as the quota is sent", () => {
    expect(pick(10 * SECOND, 0)).toEqual([1]);
  });

  it("never gives a served peer's slot to a choked one before the hold is over (random candidates)", () => {
    const rng = new Rng("rr-property");
    for (let trial = 0; trial < 500; trial++) {
      const nowUs = 200 * SECOND;
      const cands = Array.from({ length: 2 + rng.int(8) }, (_, h) => {
        const unchoked = rng.next() < 0.5;
        return cand(h, {
          interested: rng.next() < 0.9,
          unchoked,
          lastUnchokedUs: rng.next() < 0.2 ? -1 : rng.int(200) * SECOND,
          sentSinceUnchokeBytes: rng.int(4) * QUOTA,
          uploadedLastRoundBytes: unchoked && rng.next() < 0.7 ? 1 + rng.int(1e6) : 0,
        });
      });
      const slots = 1 + rng.int(3);
      const chosen = new Set(
        roundRobin(cands, { slots, rng, quotaBytes: QUOTA, minUnchokeUs: HOLD, nowUs }),
      );
      const held = cands.filter(
        (c) =>
          c.interested &&
          c.unchoked &&
          (c.uploadedLastRoundBytes ?? 0) > 0 &&
          nowUs - c.lastUnchokedUs <= HOLD,
      );
      const choked = cands.filter((c) => chosen.has(c.handle) && !c.unchoked);
      // A choked peer is chosen only once every held, served peer has its slot.
      if (choked.length > 0) for (const h of held) expect(chosen.has(h.handle)).toBe(true);
    }
  });
});

describe("automatic optimistic slots and the longest-waiting choice (session_impl.cpp)", () => {
  it("auto = max(1, ⌊slots / 5⌋) of the slots in force, resolved at each round", () => {
    const base = makeConfig();
    const config = makeConfig({
      protocol: { ...base.protocol, unchoke_slots: 8, optimistic_slots: "auto" },
    });
    expect(wireSettings(config, provenanceVerifier).optimisticSlots).toBe("auto");
    expect([2, 4, 8, 9, 10, 15, 23].map(autoOptimisticSlots)).toEqual([1, 1, 1, 1, 2, 3, 4]);
  });

  it("fills every optimistic slot: 10 slots, 2 optimistic, 12 interested → 8 regular + 2", () => {
    const world = new MemoryWorld(
      testSettings({ unchokeSlots: 10, optimisticSlots: 2, optimisticChoice: "longest-waiting" }),
      true,
    );
    const seed = world.addPeer("S", { seed: true });
    for (let i = 0; i < 12; i++) world.connect(world.addPeer(`p${i}`), seed);
    seed.onTimer(Timer.Rechoke, 0);
    world.drain();
    expect(world.rechokes.at(-1)!.regular.length).toBe(8);
    expect(seed.optimistic.length).toBe(2);
    expect(seed.conns.filter((c) => !c.amChoking).length).toBe(10);
  });

  it("every waiting peer gets an optimistic turn before any gets a second", () => {
    // A leecher with one regular slot, held by the remote that sends it the
    // most; the other five take the optimistic slot in turn, every round.
    const world = new MemoryWorld(
      testSettings({
        leecherChoker: LEECHER_CHOKERS["tit-for-tat-rr"],
        unchokeSlots: 2,
        optimisticSlots: 1,
        optimisticEvery: 1,
        optimisticChoice: "longest-waiting",
      }),
    );
    world.clock.now = 100 * SECOND;
    const me = world.addPeer("me");
    const conns = Array.from({ length: 6 }, (_, i) => {
      const remote = world.addPeer(`r${i}`);
      const c = new Connection(2 * i, me.id, remote.id, 0, world.slab);
      c.phase = 1;
      c.peerInterested = true;
      me.addConnection(c);
      return c;
    });
    const picks: number[] = [];
    for (let r = 0; r < 15; r++) {
      conns[0].recvCur = 1e6; // r0 always gives the most: the regular slot
      world.clock.now += 15 * SECOND;
      me.onTimer(Timer.Rechoke, 0);
      expect(world.rechokes.at(-1)!.regular).toEqual([conns[0].remote]);
      picks.push(world.rechokes.at(-1)!.optimistic);
    }
    for (let r = 0; r + 5 <= picks.length; r += 5) {
      expect(new Set(picks.slice(r, r + 5)).size, `turns ${r}..${r + 4}`).toBe(5);
    }
  });

  it("longest-waiting picks the peer optimistically unchoked longest ago, ties at random", () => {
    const cand = (handle: number, lastOptimisticUs: number): ChokeCandidate => ({
      handle,
      interested: true,
      downloadRate: 0,
      uploadRate: 0,
      snubbed: false,
      lastUnchokedUs: -1,
      isNew: false,
      lastOptimisticUs,
    });
    const cands = [cand(0, 50), cand(1, -1), cand(2, 10), cand(3, -1), cand(4, -1)];
    const rng = new Rng("ties");
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++)
      seen.add(pickOptimistic(cands, new Set(), rng, "longest-waiting"));
    expect([...seen].sort()).toEqual([1, 3, 4]);
    expect(pickOptimistic(cands, new Set([1, 3, 4]), rng, "longest-waiting")).toBe(2);
  });
});

describe("rate-based slots: libtorrent's choke schedule (session_impl.cpp on_tick, choke-schedule.ts)", () => {
  const rateBased = () =>
    testSettings({
      uploadSlots: "rate-based",
      unchokeSlots: 4,
      optimisticSlots: "auto",
      optimisticChoice: "longest-waiting",
      leecherChoker: LEECHER_CHOKERS["tit-for-tat-rr"],
      rechokeUs: 15 * SECOND,
      optimisticUs: 30 * SECOND,
    });

  it("starts at one slot and unchokes nobody between rounds (no preemptive unchoke)", () => {
    const world = new MemoryWorld(rateBased(), true); // uploads held: nobody completes
    const seed = world.addPeer("S", { seed: true });
    seed.startTimers();
    for (let i = 0; i < 6; i++) world.connect(world.addPeer(`p${i}`), seed);
    world.drain();
    // Six interested peers, no round yet: all choked (fixed slots would unchoke four).
    expect(seed.conns.every((c) => c.peerInterested && c.amChoking)).toBe(true);
    // The first round (at the schedule's phase): nothing was sent, so one slot, the optimistic one.
    world.clock.now = seed.nextRechokeUs;
    seed.onTimer(Timer.Second, 0);
    world.drain();
    expect(seed.uploadSlots).toBe(1);
    expect(seed.conns.filter((c) => !c.amChoking).length).toBe(1);
    expect(seed.optimistic.length).toBe(1);
  });

  it("a slot freed by NOT_INTERESTED makes the round due at the next tick, which recounts the slots", () => {
    const world = new MemoryWorld(rateBased(), true); // uploads held: nobody completes
    const seed = world.addPeer("S", { seed: true });
    seed.startTimers();
    const peers = Array.from({ length: 6 }, (_, i) => world.addPeer(`p${i}`));
    for (const p of peers) world.connect(p, seed);
    world.drain();
    world.clock.now = seed.nextRechokeUs;
    seed.onTimer(Timer.Second, 0);
    world.drain();
    const round1 = seed.nextRechokeUs;
    // Three peers were each sent 100 KiB in the round now ending; the one we unchoked then leaves it.
    const served = seed.conns.slice(0, 3);
    for (const c of served) c.sentCur = 100 * 1024;
    const holder = seed.conns.find((c) => !c.amChoking)!;
    world.clock.now += 2 * SECOND;
    seed.onMessage(holder, Msg.NotInterested, 0);
    expect(holder.amChoking).toBe(true);
    expect(seed.rechokeDue).toBe(true);
    // Nothing is unchoked until the tick; at the tick the round runs early.
    expect(seed.conns.filter((c) => !c.amChoking).length).toBe(0);
    world.clock.now += 1 * SECOND;
    seed.onTimer(Timer.Second, 0);
    world.drain();
    expect(seed.rechokeDue).toBe(false);
    // The served peers still interested earn slots (100 KiB over 3 s ≫ the thresholds), plus one.
    const earned = served.filter((c) => c.peerInterested).length;
    expect(seed.uploadSlots).toBe(earned + 1);
    expect(seed.conns.filter((c) => !c.amChoking).length).toBe(earned + 1);
    // …and the next regular round is an interval after this one, not after the first.
    expect(seed.nextRechokeUs).toBe(world.clock.now + 15 * SECOND);
    expect(seed.nextRechokeUs).toBeGreaterThan(round1);
  });
});
