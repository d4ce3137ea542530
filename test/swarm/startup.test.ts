/**
 * `groups[].startup_delay`: a client that has arrived says nothing and
 * accepts nothing until its start-up is over; its download time counts
 * from its arrival.
 */
import { describe, expect, it } from "vitest";
import type { SwarmEvent, WireTrace } from "../../sim/observe/events.ts";
import { Swarm } from "../../sim/swarm/swarm.ts";
import { group, makeConfig } from "../helpers/config.ts";

function run(delayS: number) {
  const config = makeConfig({
    groups: [
      group({ name: "seed", start_as: "seed", upload: 10e6, download: 100e6, seed_time: "never" }),
      group({
        name: "late",
        count: 8,
        startup_delay: delayS,
        seed_time: "never",
        arrival: { at: 0 },
      }),
    ],
  });
  const events: SwarmEvent[] = [];
  const wire: WireTrace[] = [];
  const received = new Map<number, number>();
  const swarm = new Swarm(config, {
    observers: [{ onEvent: (e) => events.push(e) }],
    onWire: (e) => wire.push(e),
    onTransmission: (_from, to, startUs) => {
      if (!received.has(to)) received.set(to, startUs);
    },
  });
  swarm.run();
  return { swarm, events, wire, received };
}

describe("startup_delay", () => {
  it("no announce, message or block before the start-up is over", () => {
    const { swarm, events, wire, received } = run(2.5);
    expect(swarm.endReason).toBe("all-done");
    for (const p of swarm.peers) {
      if (p.info.initialSeed) continue;
      const startUs = p.arrivalUs + 2.5e6;
      const announces = events.filter((e) => e.kind === "announce" && e.peer === p.id);
      expect(announces.length).toBeGreaterThan(0);
      for (const a of announces) expect(a.timeS * 1e6).toBeGreaterThanOrEqual(startUs);
      for (const m of wire.filter((w) => w.from === p.id || w.to === p.id)) {
        expect(m.timeUs).toBeGreaterThanOrEqual(startUs);
      }
      expect(received.get(p.id)!).toBeGreaterThanOrEqual(startUs);
    }
  });

  it("download times count from arrival, so they include the start-up", () => {
    const mean = (d: number) => {
      const { swarm } = run(d);
      const times = swarm.peers
        .filter((p) => !p.info.initialSeed)
        .map((p) => (p.completedUs - p.arrivalUs) / 1e6);
      return times.reduce((a, b) => a + b, 0) / times.length;
    };
    const [now, later] = [mean(0), mean(5)];
    // The same swarm, 5 s later (its timers' phases differ, so not to the microsecond).
    expect(Math.abs(later - 5 - now)).toBeLessThan(2);
  });
});
