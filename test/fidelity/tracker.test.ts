/**
 * The tracker conversation, from the announce events: peer-set upkeep
 * (early re-announce below min_peers, never before min_interval) and tracker
 * outages (failures inside the window, back-off, trading goes on).
 */
import { describe, expect, it } from "vitest";
import type { ScenarioConfig } from "../../sim/scenario/types.ts";
import { group, makeConfig } from "../helpers/config.ts";
import { ANNOUNCE, groupBy, runTraced, S } from "./trace.ts";

const MBIT = 1e6;

describe("peer-set upkeep (min_peers)", () => {
  /** 10 leechers on a slow seed: every peer has fewer than 20 connections for the whole run. */
  function upkeep(seed: number, minPeers: number): ScenarioConfig {
    const base = makeConfig();
    return makeConfig({
      seed,
      torrent: { ...base.torrent, size: 8 * 1024 * 1024 },
      protocol: { ...base.protocol, min_peers: minPeers },
      tracker: { ...base.tracker, interval: 1800, min_interval: 30 },
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 1 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({ name: "leechers", count: 10, upload: 0.5 * MBIT, seed_time: "never" }),
      ],
    });
  }

  function announcesByPeer(r: ReturnType<typeof runTraced>) {
    return groupBy(
      r.events.filter((e) => e.kind === "announce"),
      (e) => e.peer,
    );
  }

  it("below min_peers, peers re-announce early, but never sooner than min_interval after their previous announce", () => {
    let early = 0;
    for (const seed of [1, 2, 3]) {
      const r = runTraced(upkeep(seed, 20));
      expect(r.swarm.endReason).toBe("all-done");
      for (const [, list] of announcesByPeer(r)) {
        for (let i = 1; i < list.length; i++) {
          if (list[i].other !== ANNOUNCE.periodic) continue;
          // Both announces travelled the same peer–tracker path: the gap at the tracker is the gap at the peer.
          const gapS = list[i].timeS - list[i - 1].timeS;
          expect(gapS).toBeGreaterThanOrEqual(30 - 1e-6);
          if (gapS < 1800) early++;
        }
      }
    }
    expect(early).toBeGreaterThan(10);
  });

  it("with enough peers (min_peers 0) nobody announces before the regular interval", () => {
    for (const seed of [1, 2, 3]) {
      const r = runTraced(upkeep(seed, 0));
      expect(r.swarm.sim.now).toBeLessThan(1800 * S);
      for (const [, list] of announcesByPeer(r))
        expect(list.filter((e) => e.other === ANNOUNCE.periodic)).toEqual([]);
    }
  });
});

describe("tracker outage", () => {
  const FROM = 40;
  const TO = 160;

  /** Leechers arrive over the first 30 s, the tracker is down from 40 s to 160 s. */
  function outage(seed: number): ScenarioConfig {
    const base = makeConfig();
    return makeConfig({
      seed,
      torrent: { ...base.torrent, size: 16 * 1024 * 1024 },
      tracker: { ...base.tracker, min_interval: 20 },
      faults: { ...base.faults, tracker_outage: [{ from: FROM, to: TO }] },
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 2 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({
          name: "leechers",
          count: 12,
          upload: 1 * MBIT,
          seed_time: 0,
          arrival: { pattern: "flash", over: 30, start: 0 },
        }),
      ],
    });
  }

  it("no announce succeeds inside the window, some fail there, peers back off, keep trading, and the run completes", () => {
    for (const seed of [1, 2, 3]) {
      const r = runTraced(outage(seed));
      expect(r.swarm.endReason).toBe("all-done");
      const ok = r.events.filter((e) => e.kind === "announce");
      const failed = r.events.filter((e) => e.kind === "announce_failed");
      for (const e of ok) expect(e.timeS < FROM || e.timeS >= TO).toBe(true);
      expect(failed.length).toBeGreaterThan(0);
      for (const e of failed) {
        expect(e.timeS).toBeGreaterThanOrEqual(FROM);
        expect(e.timeS).toBeLessThan(TO);
      }
      // Back-off: a peer's consecutive failed retries are at least 15 s apart and the gaps grow.
      for (const [, list] of groupBy(
        failed.filter((e) => e.other === ANNOUNCE.periodic),
        (e) => e.peer,
      )) {
        for (let i = 1; i < list.length; i++) {
          const gap = list[i].timeS - list[i - 1].timeS;
          expect(gap).toBeGreaterThanOrEqual(15);
          if (i >= 2) expect(gap).toBeGreaterThan(list[i - 1].timeS - list[i - 2].timeS);
        }
      }
      // Trading goes on inside the window with the peers already known.
      const inside = r.txs.filter((t) => t.endUs >= FROM * S && t.endUs < TO * S);
      expect(inside.reduce((s, t) => s + t.bytes, 0)).toBeGreaterThan(0);
      // The run outlasts the outage and completes after it.
      expect(r.swarm.sim.now).toBeGreaterThan(TO * S);
      expect(r.swarm.totals.trackerAnnouncesFailed).toBe(failed.length);
    }
  });
});

describe("known-peer list capacity (max_peerlist)", () => {
  /** 60 leechers that all stay: tracker replies and PEX would teach each peer about all 60. */
  function crowd(maxPeerlist: number): ScenarioConfig {
    const base = makeConfig();
    return makeConfig({
      seed: 3,
      torrent: { ...base.torrent, size: 4 * 1024 * 1024 },
      protocol: { ...base.protocol, max_peerlist: maxPeerlist, max_connections: 12 },
      groups: [
        group({ name: "seed", start_as: "seed", upload: 4 * MBIT, seed_time: "never" }),
        group({ name: "leechers", count: 60, upload: 1 * MBIT, seed_time: "never" }),
      ],
    });
  }

  it("no peer ever knows more than max_peerlist addresses, and the swarm still completes", () => {
    let largest = 0;
    const cap = 15;
    const r = runTraced(crowd(cap), {
      onWire: (_e, swarm) => {
        for (const p of swarm.peers) largest = Math.max(largest, p.wire.peers.size);
      },
    });
    expect(r.swarm.endReason).toBe("all-done");
    expect(largest).toBe(cap);
    // Uncapped, the same swarm teaches peers about (nearly) everyone: the cap is what bound it.
    let uncapped = 0;
    const free = runTraced(crowd(3000));
    for (const p of free.swarm.peers) uncapped = Math.max(uncapped, p.wire.peers.size);
    expect(uncapped).toBeGreaterThan(cap * 2);
  });
});
