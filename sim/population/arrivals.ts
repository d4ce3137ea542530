import type { RngStreams } from "../engine/rng.ts";
import { secondsToUs } from "../engine/time.ts";
import type { GroupConfig, ScenarioConfig } from "../scenario/types.ts";
import { decayArrivalTimes } from "./decay-arrivals.ts";

export interface PlannedArrival {
  readonly group: GroupConfig;
  readonly groupIndex: number;
  readonly timeUs: number;
}

/**
 * Arrival times of every peer, from one named random stream per group (so
 * changing one group's count leaves the others' times alone). Sorted by time,
 * ties in group order, so peer ids follow arrival order.
 */
export function planArrivals(config: ScenarioConfig, streams: RngStreams): PlannedArrival[] {
  const plan: PlannedArrival[] = [];
  config.groups.forEach((group, groupIndex) => {
    const rng = streams.get(`arrivals:${group.name}`);
    const a = group.arrival;
    const add = (seconds: number) => plan.push({ group, groupIndex, timeUs: secondsToUs(seconds) });
    if ("at" in a) {
      for (let i = 0; i < group.count; i++) add(a.at);
    } else if (a.pattern === "flash") {
      const times: number[] = [];
      for (let i = 0; i < group.count; i++) times.push(a.start + rng.next() * a.over);
      times.sort((x, y) => x - y).forEach(add);
    } else if (a.pattern === "decay") {
      // Its own stream, so adding the pattern shifted no other pattern's draws.
      decayArrivalTimes(a, group.count, streams.get(`arrivals:${group.name}:decay`)).forEach(add);
    } else {
      // Poisson process: exponential gaps of mean 1/rate, until `until` or `count` arrivals.
      let t = a.start;
      for (let i = 0; i < group.count; i++) {
        t += rng.exponential(1 / a.rate);
        if (t >= a.until) break;
        add(t);
      }
    }
  });
  return plan.sort((x, y) => x.timeUs - y.timeUs);
}
