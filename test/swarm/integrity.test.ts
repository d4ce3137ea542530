/**
 * Corrupted blocks, verification and banning, on small swarms (provenance
 * hashing; the full-SHA-1 mode is checked against it in test/integrity).
 */
import { describe, expect, it } from "vitest";
import type { ScenarioConfig } from "../../sim/scenario/types.ts";
import { Swarm } from "../../sim/swarm/swarm.ts";
import { group, makeConfig } from "../helpers/config.ts";

function corruptSwarm(
  seed: number,
  faults: Partial<ScenarioConfig["faults"]> = {},
): ScenarioConfig {
  return makeConfig({
    seed,
    groups: [
      group({
        name: "seed",
        count: 1,
        start_as: "seed",
        upload: 10e6,
        download: 100e6,
        seed_time: "never",
        arrival: { at: 0 },
      }),
      group({
        name: "crowd",
        count: 24,
        upload: 2e6,
        download: 16e6,
        arrival: { pattern: "flash", over: 10, start: 0 },
      }),
    ],
    faults: {
      ...makeConfig().faults,
      corrupt: { group: "crowd", fraction: 0.25, probability: 1, pieces: null },
      ...faults,
    },
  });
}

function run(config: ScenarioConfig) {
  const bans: [number, number][] = [];
  const swarm = new Swarm(config, {
    observers: [{ onEvent: (e) => e.kind === "ban" && bans.push([e.peer, e.other]) }],
  });
  swarm.run();
  return { swarm, bans };
}

describe("corrupt peers", () => {
  it("honest leechers all complete, failures are counted, culprits banned, honest peers never", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { swarm, bans } = run(corruptSwarm(seed));
      const corrupt = new Set(
        swarm.peers.filter((p) => p.info.behaviour === "corrupt").map((p) => p.id),
      );
      expect(corrupt.size).toBe(6);
      for (const p of swarm.peers) {
        if (p.info.behaviour === "honest" && !p.info.initialSeed)
          expect(p.completedUs).toBeGreaterThan(0);
        // No accepted piece ever contained a damaged block.
        expect(p.wire.acceptedDamaged.size).toBe(0);
      }
      expect(swarm.totals.hashFailures).toBeGreaterThan(0);
      expect(swarm.totals.wastedCorruptBytes).toBeGreaterThan(0);
      expect(swarm.totals.redownloadedPieces).toBe(swarm.totals.hashFailures);
      // Only corrupt peers are ever banned...
      for (const [, banned] of bans) expect(corrupt.has(banned)).toBe(true);
      // ...and every corrupt peer that got a bad piece verified by someone was banned by that peer.
      for (const c of corrupt) {
        if (swarm.hashFailures[c] > 0) expect(swarm.bannedFlag[c]).toBe(1);
      }
    }
  });

  it("a banned peer is disconnected and never reconnected by the peer that banned it", () => {
    const { swarm, bans } = run(corruptSwarm(3));
    expect(bans.length).toBeGreaterThan(0);
    for (const [by, banned] of bans)
      expect(swarm.peers[by].wire.connectedTo.has(banned)).toBe(false);
  });

  it("without smart ban, honest peers that shared pieces with polluters get banned too", () => {
    let honestBanned = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { swarm, bans } = run(corruptSwarm(seed, { smart_ban: false, ban_after: 2 }));
      honestBanned += bans.filter(([, b]) => swarm.peers[b].info.behaviour === "honest").length;
    }
    expect(honestBanned).toBeGreaterThan(0);
  });

  it("with faults.corrupt.fraction 0 the counters are zero and the run equals one without faults", () => {
    const a = run(
      corruptSwarm(2, { corrupt: { group: "crowd", fraction: 0, probability: 1, pieces: null } }),
    );
    const b = run(corruptSwarm(2, { corrupt: null }));
    expect(a.swarm.totals).toEqual(b.swarm.totals);
    expect(a.swarm.totals.hashFailures).toBe(0);
    expect(a.bans).toEqual([]);
    expect(Array.from(a.swarm.uploadedBytes)).toEqual(Array.from(b.swarm.uploadedBytes));
  });

  it("a corrupt peer limited to some pieces only damages those pieces", () => {
    const config = corruptSwarm(4, {
      corrupt: { group: "crowd", fraction: 0.25, probability: 1, pieces: [0, 1] },
    });
    const failed = new Set<number>();
    const swarm = new Swarm(config, {
      observers: [{ onEvent: (e) => e.kind === "hash_failure" && failed.add(e.other) }],
    });
    swarm.run();
    expect(failed.size).toBeGreaterThan(0);
    for (const piece of failed) expect([0, 1]).toContain(piece);
  });
});
