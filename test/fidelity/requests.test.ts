/**
 * Requests, from the REQUEST and CANCEL messages each peer sent: the block
 * size bound, the pipeline depth, strict priority and endgame (BEP 3).
 */
import { describe, expect, it } from "vitest";
import type { WireTrace } from "../../sim/observe/events.ts";
import type { ProtocolConfig, ScenarioConfig } from "../../sim/scenario/types.ts";
import type { Swarm } from "../../sim/swarm/swarm.ts";
import { group, makeConfig } from "../helpers/config.ts";
import { runTraced } from "./trace.ts";

const MBIT = 1e6;

function config(seed: number, protocol: Partial<ProtocolConfig>, size = 4 * 1024 * 1024 - 5000) {
  const base = makeConfig();
  return makeConfig({
    seed,
    // Not a whole number of pieces or blocks: the last block is short.
    torrent: { ...base.torrent, size },
    protocol: { ...base.protocol, ...protocol },
  });
}

describe("request size and pipeline", () => {
  it("every REQUEST asks for one block of at most block_size bytes, and never more than pipeline_depth are outstanding to one remote", () => {
    for (const [seed, depth] of [
      [1, 5],
      [2, 2],
      [3, 8],
    ]) {
      let requests = 0;
      let full = 0;
      const probe = (w: WireTrace, swarm: Swarm) => {
        if (w.kind !== "send" || w.msg !== "request") return;
        requests++;
        const g = swarm.geometry;
        expect(w.arg).toBeGreaterThanOrEqual(0);
        expect(w.arg).toBeLessThan(g.totalBlocks);
        expect(g.blockLength(w.arg)).toBeLessThanOrEqual(swarm.config.torrent.block_size);
        // The requester's own record of what it asked this remote for, at the moment it asks.
        const outstanding = swarm.peers[w.from].wire.connectedTo.get(w.to)!.myRequests;
        expect(outstanding.length).toBeLessThanOrEqual(depth);
        expect(new Set(outstanding).size).toBe(outstanding.length);
        if (outstanding.length === depth) full++;
      };
      const r = runTraced(config(seed, { pipeline_depth: depth }), { onWire: probe });
      expect(r.swarm.endReason).toBe("all-done");
      expect(requests).toBeGreaterThan(r.swarm.geometry.totalBlocks);
      expect(full).toBeGreaterThan(0);
      // The short last block is requested with its own length.
      const g = r.swarm.geometry;
      expect(g.blockLength(g.totalBlocks - 1)).toBeLessThan(r.swarm.config.torrent.block_size);
    }
  });
});

/** One seed, one leecher, no choking in the way: the leecher's request order shows the policy alone. */
function pair(seed: number, protocol: Partial<ProtocolConfig>): ScenarioConfig {
  const base = makeConfig();
  return makeConfig({
    seed,
    torrent: { ...base.torrent, size: 4 * 1024 * 1024 },
    protocol: { ...base.protocol, ...protocol },
    groups: [
      group({
        name: "seed",
        start_as: "seed",
        upload: 10 * MBIT,
        seed_time: "never",
        arrival: { at: 0 },
      }),
      group({ name: "leecher", count: 1, arrival: { at: 0 } }),
    ],
  });
}

/** The pieces of a peer's requests, in order, as runs of the same piece. */
function pieceRuns(r: ReturnType<typeof runTraced>, peer: number): number[] {
  const g = r.swarm.geometry;
  const runs: number[] = [];
  for (const w of r.wire) {
    if (w.kind !== "send" || w.msg !== "request" || w.from !== peer) continue;
    const p = g.pieceOf(w.arg);
    if (runs[runs.length - 1] !== p) runs.push(p);
  }
  return runs;
}

describe("strict priority", () => {
  it("on: a piece once started is requested to the end before another is started", () => {
    for (const seed of [1, 2, 3]) {
      const r = runTraced(pair(seed, { strict_priority: true }));
      const leecher = r.swarm.peers.find((p) => !p.info.initialSeed)!.id;
      const runs = pieceRuns(r, leecher);
      // Each piece forms exactly one run of requests (16 blocks each).
      expect(runs).toHaveLength(r.swarm.geometry.pieceCount);
      expect(new Set(runs).size).toBe(runs.length);
    }
  });

  it("off: new pieces are started while earlier ones still have blocks to request", () => {
    const r = runTraced(pair(1, { strict_priority: false }));
    const leecher = r.swarm.peers.find((p) => !p.info.initialSeed)!.id;
    expect(pieceRuns(r, leecher).length).toBeGreaterThan(r.swarm.geometry.pieceCount);
  });

  it("in a swarm: a new piece is never started from a remote that has an unrequested block of a piece already started", () => {
    for (const seed of [1, 2, 3]) {
      let starts = 0;
      const started = new Map<number, Set<number>>();
      const probe = (w: WireTrace, swarm: Swarm) => {
        if (w.kind !== "send" || w.msg !== "request") return;
        const g = swarm.geometry;
        const piece = g.pieceOf(w.arg);
        const mine = started.get(w.from) ?? new Set<number>();
        started.set(w.from, mine);
        const peer = swarm.peers[w.from];
        const remote = peer.wire.connectedTo.get(w.to)!;
        if (mine.has(piece) && peer.wire.partial.has(piece)) return;
        mine.add(piece);
        starts++;
        for (const pp of peer.wire.partial.values()) {
          if (pp.piece === piece || !remote.remoteHas(pp.piece)) continue;
          // Any other started piece this remote has must be fully requested.
          expect(Array.from(pp.state).includes(0)).toBe(false);
        }
      };
      runTraced(config(seed, {}), { onWire: probe });
      expect(starts).toBeGreaterThan(100);
    }
  });
});

describe("endgame", () => {
  /** A small swarm with generous latency, so endgame duplicates are often still in flight when the first copy lands. */
  function endgameSwarm(seed: number, endgame: boolean): ScenarioConfig {
    const base = makeConfig();
    return makeConfig({
      seed,
      torrent: { ...base.torrent, size: 2 * 1024 * 1024 },
      network: { model: "block", addresses: "distinct", latency: { min: 0.05, max: 0.2 } },
      protocol: { ...base.protocol, endgame, unchoke_slots: 10 },
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 4 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({ name: "leechers", count: 5, seed_time: "never", arrival: { at: 0 } }),
      ],
    });
  }

  interface Duplicate {
    readonly peer: number;
    readonly everRequested: number;
  }

  /**
   * Replays each leecher's REQUEST/CANCEL sends and the CHOKEs it received.
   * A request stays outstanding until we CANCEL it or the remote chokes us
   * (BEP 3: a choke discards pending requests). A block arrives at most once
   * before it is complete, and a completed block is never asked for again, so
   * a request for a block still outstanding at another remote is an endgame
   * duplicate.
   */
  function replay(r: ReturnType<typeof runTraced>) {
    const outstanding = new Map<number, Map<number, Set<number>>>();
    const ever = new Map<number, Set<number>>();
    const duplicates: Duplicate[] = [];
    const cancels: { withdrawn: boolean; elsewhere: boolean }[] = [];
    for (const w of r.wire) {
      const requester = w.kind === "send" ? w.from : w.to;
      if (r.swarm.peers[requester].info.initialSeed) continue;
      const mine = outstanding.get(requester) ?? new Map<number, Set<number>>();
      outstanding.set(requester, mine);
      const asked = ever.get(requester) ?? new Set<number>();
      ever.set(requester, asked);
      if (w.kind === "deliver" && w.msg === "choke") {
        for (const remotes of mine.values()) remotes.delete(w.from);
      } else if (w.kind === "send" && w.msg === "request") {
        const remotes = mine.get(w.arg) ?? new Set<number>();
        mine.set(w.arg, remotes);
        if (remotes.size > 0) duplicates.push({ peer: requester, everRequested: asked.size });
        remotes.add(w.to);
        asked.add(w.arg);
      } else if (w.kind === "send" && w.msg === "cancel") {
        const remotes = mine.get(w.arg) ?? new Set<number>();
        cancels.push({ withdrawn: remotes.has(w.to), elsewhere: remotes.size > 1 });
        remotes.delete(w.to);
      }
    }
    return { duplicates, cancels };
  }

  it("on: a block is asked of a second peer only once every block of the file has been requested, and CANCELs follow", () => {
    let duplicates = 0;
    let cancels = 0;
    for (const seed of [1, 2, 3]) {
      const r = runTraced(endgameSwarm(seed, true));
      expect(r.swarm.endReason).toBe("all-done");
      const total = r.swarm.geometry.totalBlocks;
      const log = replay(r);
      for (const d of log.duplicates) expect(d.everRequested).toBe(total);
      // Each CANCEL withdraws a request still outstanding at that remote.
      for (const c of log.cancels) expect(c.withdrawn).toBe(true);
      duplicates += log.duplicates.length;
      cancels += log.cancels.length;
      expect(r.swarm.totals.wastedDuplicateBytes).toBeGreaterThan(0);
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(cancels).toBeGreaterThan(0);
  });

  it("off: no block is ever asked of a second peer while outstanding, and less is wasted", () => {
    let wastedOn = 0;
    let wastedOff = 0;
    for (const seed of [1, 2, 3]) {
      const off = runTraced(endgameSwarm(seed, false));
      expect(off.swarm.endReason).toBe("all-done");
      expect(replay(off).duplicates).toEqual([]);
      wastedOff += off.swarm.totals.wastedDuplicateBytes;
      wastedOn += runTraced(endgameSwarm(seed, true)).swarm.totals.wastedDuplicateBytes;
    }
    // Without endgame, duplicates come only from BEP 3's choke race (a block
    // served after the requester, choked, asked someone else for it).
    expect(wastedOff).toBeLessThan(wastedOn);
  });

  it("in a swarm with choking: a block is asked of a second peer only when the requester has no unrequested block left", () => {
    for (const seed of [1, 2, 3]) {
      let duplicates = 0;
      const probe = (w: WireTrace, swarm: Swarm) => {
        if (w.kind !== "send" || w.msg !== "request") return;
        const g = swarm.geometry;
        const peer = swarm.peers[w.from];
        const pp = peer.wire.partial.get(g.pieceOf(w.arg))!;
        if (pp.requests[g.blockOf(w.arg)] <= 1) return;
        duplicates++;
        expect(peer.wire.unrequestedBlocks).toBe(0);
      };
      const r = runTraced(config(seed, {}), { onWire: probe });
      expect(r.swarm.endReason).toBe("all-done");
      expect(duplicates).toBeGreaterThan(0);
    }
  });
});
