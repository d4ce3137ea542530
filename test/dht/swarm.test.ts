/**
 * Trackerless BitTorrent: the DHT wired into the swarm (sim/swarm/dht.ts).
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../sim/run/simulate.ts";
import type { Discovery } from "../../sim/scenario/types.ts";
import { Swarm } from "../../sim/swarm/swarm.ts";
import { group, makeConfig } from "../helpers/config.ts";

function crowd(discovery: Discovery, leave = true) {
  return makeConfig({
    discovery,
    groups: [
      group({
        name: "seed",
        start_as: "seed",
        upload: 10e6,
        download: 100e6,
        seed_time: "never",
        arrival: { at: 0 },
      }),
      group({
        name: "crowd",
        count: 60,
        upload: 1e6,
        download: 8e6,
        seed_time: leave ? 0 : "never",
        arrival: { pattern: "flash", over: 60, start: 0 },
      }),
    ],
  });
}

describe("discovery: dht", () => {
  it("a DHT-only swarm completes with no tracker announce at all", () => {
    const swarm = new Swarm(crowd("dht"));
    const announces: string[] = [];
    const s2 = new Swarm(crowd("dht"), {
      observers: [{ onEvent: (e) => e.kind.startsWith("announce") && announces.push(e.kind) }],
    });
    expect(swarm.run()).toBe("all-done");
    expect(swarm.totals.trackerAnnounces).toBe(0);
    expect(s2.run()).toBe("all-done");
    expect(announces).toEqual([]);
    expect(swarm.peers.filter((p) => !p.info.initialSeed).every((p) => p.completedUs >= 0)).toBe(
      true,
    );
  });

  it("reports lookups, hops, lookup time and time to first peer; the tracker section is empty", () => {
    const { summary } = simulate(crowd("dht"));
    expect(summary.tracker).toBeNull();
    const d = summary.dht!;
    expect(d.lookups).toBeGreaterThanOrEqual(61);
    expect(d.mean_hops).toBeGreaterThanOrEqual(1);
    expect(d.max_hops).toBeLessThanOrEqual(8);
    expect(d.mean_lookup_s).toBeGreaterThan(0);
    expect(d.time_to_first_peer_s).toBeGreaterThan(0);
    // Leechers leave on completion: queries to departed nodes time out.
    expect(d.timeouts).toBeGreaterThan(0);
    expect(simulate(crowd("dht")).summary).toEqual(summary);
  });

  it("both: the tracker and the DHT each report their time to first peer", () => {
    const { summary } = simulate(crowd("both", false));
    expect(summary.end_reason).toBe("all-done");
    expect(summary.tracker!.announces).toBeGreaterThan(0);
    expect(summary.tracker!.time_to_first_peer_s).toBeGreaterThan(0);
    expect(summary.dht!.time_to_first_peer_s).toBeGreaterThan(0);
    // With tracker discovery alone there is no DHT section.
    expect(simulate(crowd("tracker", false)).summary.dht).toBeNull();
  });
});
