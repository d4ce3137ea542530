/**
 * Churn and misbehaviour: leechers that abort (θ of Qiu–Srikant), peers that
 * crash without announcing `stopped` (remembered by the tracker until
 * `expire`), and free riders, seen through the summary's per-group figures.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { simulate } from "../../sim/run/simulate.ts";
import type { ScenarioConfig } from "../../sim/scenario/types.ts";
import { group, makeConfig } from "../helpers/config.ts";
import { ANNOUNCE, runTraced, S } from "./trace.ts";

const MBIT = 1e6;

describe("aborting leechers (abort_rate)", () => {
  function churn(seed: number, abortRate: number): ScenarioConfig {
    const base = makeConfig();
    return makeConfig({
      seed,
      torrent: { ...base.torrent, size: 16 * 1024 * 1024 },
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 4 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({ name: "leechers", count: 30, abort_rate: abortRate, seed_time: 0 }),
      ],
    });
  }

  it("with θ > 0 some leechers abort before completing, and the run still ends with everyone done or gone", () => {
    for (const seed of [1, 2, 3]) {
      const config = churn(seed, 1 / 200);
      const r = runTraced(config);
      expect(r.swarm.endReason).toBe("all-done");
      const aborts = r.events.filter((e) => e.kind === "abort");
      expect(aborts.length).toBeGreaterThan(0);
      for (const e of aborts) {
        const p = r.swarm.peers[e.peer];
        expect(p.aborted).toBe(true);
        expect(p.completedUs).toBe(-1);
        // An abort is a clean departure: the peer says `stopped`.
        expect(
          r.events.some(
            (x) => x.kind === "announce" && x.peer === e.peer && x.other === ANNOUNCE.stopped,
          ),
        ).toBe(true);
      }
      for (const p of r.swarm.peers)
        if (!p.info.initialSeed) expect(p.aborted || p.completedUs >= 0).toBe(true);
      const summary = simulate(config).summary;
      expect(summary.peers.aborted).toBe(aborts.length);
      expect(summary.peers.completed + summary.peers.aborted).toBe(summary.peers.leechers);
    }
  });

  it("with θ = 0 nobody aborts", () => {
    const r = runTraced(churn(1, 0));
    expect(r.events.some((e) => e.kind === "abort")).toBe(false);
  });
});

describe("crashes (crash_fraction) and tracker expiry", () => {
  function crashes(crashFraction: number): ScenarioConfig {
    const base = makeConfig();
    return makeConfig({
      seed: 2,
      torrent: { ...base.torrent, size: 4 * 1024 * 1024 },
      tracker: { ...base.tracker, expire: 2700 },
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 10 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({ name: "leechers", count: 15, seed_time: 0, crash_fraction: crashFraction }),
      ],
    });
  }

  it("peers that crash never announce `stopped`; clean leavers always do", () => {
    const crashed = runTraced(crashes(1));
    const clean = runTraced(crashes(0));
    const stopped = (r: ReturnType<typeof runTraced>) =>
      r.events.filter((e) => e.kind === "announce" && e.other === ANNOUNCE.stopped).length;
    const departed = (r: ReturnType<typeof runTraced>) =>
      r.events.filter((e) => e.kind === "departure").length;
    // All but the last to complete leave (the run ends at the last completion).
    expect(departed(crashed)).toBeGreaterThanOrEqual(14);
    expect(stopped(crashed)).toBe(0);
    expect(stopped(clean)).toBe(departed(clean));
  });

  it("the tracker keeps handing out crashed peers until `expire` has passed since their last announce", () => {
    const r = runTraced(crashes(1));
    const gone = r.swarm.peers.filter((p) => p.departedUs >= 0).map((p) => p.id);
    expect(gone.length).toBeGreaterThanOrEqual(14);
    const probe = 1000;
    const rng = new Rng("probe");
    // Right after the run (well within 45 min), a newcomer is told about every crashed peer.
    const soon = r.swarm.tracker.announce(probe, "started", r.swarm.sim.now, rng);
    for (const id of gone) expect(soon).toContain(id);
    // Once `expire` has passed since their last announce, they are forgotten.
    const later = r.swarm.tracker.announce(probe, "periodic", r.swarm.sim.now + 2701 * S, rng);
    for (const id of gone) expect(later).not.toContain(id);
    // After a clean run the tracker lists only peers still present.
    const c = runTraced(crashes(0));
    const list = c.swarm.tracker.announce(probe, "started", c.swarm.sim.now, new Rng("probe"));
    expect(list.every((id) => c.swarm.peers[id].present)).toBe(true);
  });

  it("a newcomer that arrives after crashes dials the dead peers it was given, and its attempts fail", () => {
    const base = crashes(1);
    const config = makeConfig({
      ...base,
      groups: [
        ...base.groups,
        // Arrives once the first wave has completed and crashed.
        group({ name: "late", count: 1, seed_time: 0, arrival: { at: 120 } }),
      ],
    });
    const r = runTraced(config);
    expect(r.swarm.endReason).toBe("all-done");
    const late = r.swarm.peers.find((p) => p.info.groupName === "late")!;
    const crashedBefore = r.swarm.peers.filter(
      (p) => p.departedUs >= 0 && p.departedUs < late.arrivalUs,
    );
    expect(crashedBefore.length).toBeGreaterThan(0);
    // The late peer never exchanged a message with any of them (attempts were refused)…
    for (const p of crashedBefore)
      expect(
        r.wire.some(
          (w) => (w.from === late.id && w.to === p.id) || (w.to === late.id && w.from === p.id),
        ),
      ).toBe(false);
    // …but it had been told of them, dialled some, and forgot those after the failed attempt.
    const forgotten = crashedBefore.filter((p) => !late.wire.peers.knownSet.has(p.id));
    expect(forgotten.length).toBeGreaterThan(0);
    expect(late.completedUs).toBeGreaterThan(0);
  });
});

describe("free riders", () => {
  /** 40 leechers of one bandwidth class arriving over 5 minutes, 20% of them free riders. */
  function freeRiders(seed: number): ScenarioConfig {
    const base = makeConfig();
    const arrival = { pattern: "flash", over: 300, start: 0 } as const;
    return makeConfig({
      seed,
      torrent: { ...base.torrent, size: 16 * 1024 * 1024 },
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 2 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({
          name: "honest",
          count: 32,
          upload: 1 * MBIT,
          download: 8 * MBIT,
          seed_time: 0,
          arrival,
        }),
        group({
          name: "free",
          count: 8,
          upload: 1 * MBIT,
          download: 8 * MBIT,
          seed_time: 0,
          arrival,
          behaviour: "free-rider",
        }),
      ],
    });
  }

  it("upload nothing, and finish later than honest peers of the same class (over several seeds)", () => {
    const seeds = [1, 2, 3, 4, 5];
    let later = 0;
    let honestSum = 0;
    let freeSum = 0;
    for (const seed of seeds) {
      const { summary, peerRows } = simulate(freeRiders(seed));
      expect(summary.end_reason).toBe("all-done");
      const [, honest, free] = summary.groups;
      expect(free.behaviour).toBe("free-rider");
      expect(free.completed).toBe(8);
      expect(free.uploaded_bytes).toBe(0);
      expect(free.share_ratio).toBe(0);
      expect(honest.share_ratio).toBeGreaterThan(0.5);
      // peers.csv: behaviour column and zero uploads for every free rider.
      const rows = peerRows.filter((row) => row[2] === "free-rider");
      expect(rows).toHaveLength(8);
      for (const row of rows) expect(row[6]).toBe(0);
      const h = honest.download_time_s.mean as number;
      const f = free.download_time_s.mean as number;
      honestSum += h;
      freeSum += f;
      if (f > h) later++;
    }
    expect(later).toBeGreaterThanOrEqual(seeds.length - 1);
    expect(freeSum / honestSum).toBeGreaterThan(1.05);
  });
});
