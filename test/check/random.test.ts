/**
 * `--check` over random small scenarios: every picker, choker and seed
 * choker, endgame on and off, faults on and off (corrupt peers, link
 * corruption, aborts, crashes, tracker outages, free riders), tracker and
 * DHT discovery, and the whole-file distributions. Every invariant must
 * hold, and checking must not change the results.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { simulate } from "../../sim/run/simulate.ts";
import type { GroupConfig, ScenarioConfig } from "../../sim/scenario/types.ts";
import { group, makeConfig } from "../helpers/config.ts";

const PICKERS = ["rarest-first", "random", "sequential"] as const;
const CHOKERS = ["tit-for-tat", "round-robin", "unchoke-all"] as const;
const SEED_CHOKERS = ["fastest-upload", "round-robin"] as const;
const MBIT = 1e6;
const CLASSES = [
  { upload: 1 * MBIT, download: 8 * MBIT },
  { upload: 5 * MBIT, download: 50 * MBIT },
  { upload: 20 * MBIT, download: 80 * MBIT },
  { upload: 4 * MBIT, download: 2 * MBIT }, // download-limited
];

/** Scenario `i`: the strategies cycle through every combination; sizes and faults are drawn. */
function randomScenario(i: number, faults: boolean): ScenarioConfig {
  const rng = new Rng(`check:${i}:${faults}`);
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)];
  const groups: GroupConfig[] = [
    group({
      name: "seed",
      count: 1 + rng.int(2),
      start_as: "seed",
      upload: pick([2, 10, 50]) * MBIT,
      download: 100 * MBIT,
      seed_time: "never",
      arrival: { at: 0 },
    }),
  ];
  for (let g = 0; g < 1 + rng.int(3); g++) {
    groups.push(
      group({
        name: `g${g}`,
        count: 2 + rng.int(10),
        ...pick(CLASSES),
        arrival: rng.next() < 0.5 ? { at: 0 } : { pattern: "flash", over: 20, start: 0 },
        seed_time: rng.next() < 0.5 ? "never" : 0,
        behaviour: faults && g === 1 ? "free-rider" : "honest",
        abort_rate: faults && rng.next() < 0.5 ? 0.01 : 0,
        crash_fraction: faults ? 0.3 : 0,
      }),
    );
  }
  const pieceKiB = pick([32, 64, 256]);
  const base = makeConfig();
  return makeConfig({
    seed: 1000 + i,
    discovery: i % 5 === 4 ? "dht" : "tracker",
    stop: { max_time: 1800 },
    torrent: {
      ...base.torrent,
      size: (8 + rng.int(24)) * pieceKiB * 1024 - rng.int(1000),
      piece_size: pieceKiB * 1024,
    },
    groups,
    protocol: {
      ...base.protocol,
      picker: PICKERS[i % 3],
      choker: CHOKERS[Math.floor(i / 3) % 3],
      seed_choker: SEED_CHOKERS[Math.floor(i / 9) % 2],
      endgame: i % 2 === 0,
    },
    faults: faults
      ? {
          ...base.faults,
          corrupt: { group: "g0", fraction: 0.3, probability: 0.5, pieces: null },
          link_corruption: 0.002,
          smart_ban: i % 2 === 0,
          tracker_outage: [{ from: 10, to: 60 }],
        }
      : base.faults,
  });
}

describe("sim run --check on random scenarios", () => {
  // 18 cover every picker × choker × seed choker; twice, faults off and on.
  for (const faults of [false, true]) {
    it(`every strategy, faults ${faults ? "on" : "off"}: all invariants hold, results unchanged`, () => {
      let hashFailures = 0;
      for (let i = 0; i < 18; i++) {
        const config = randomScenario(i, faults);
        const checked = simulate(config, { check: true });
        expect(checked.check!.transmissions, `scenario ${i}`).toBeGreaterThan(0);
        expect(checked.check!.completions).toBe(checked.summary.peers.completed);
        if (faults) hashFailures += checked.summary.hash_failures ?? 0;
        if (i % 6 === 0) expect(checked.summary).toEqual(simulate(config).summary);
      }
      // The faults did happen (corrupt blocks failed verification), and the checks still held.
      if (faults) expect(hashFailures).toBeGreaterThan(0);
    });
  }

  it("client-server and Napster runs: links, byte balance and completions hold", () => {
    for (const distribution of ["client-server", "napster"] as const) {
      for (let i = 0; i < 4; i++) {
        const config = { ...randomScenario(i, false), distribution, discovery: "tracker" as const };
        const checked = simulate(config, { check: true });
        expect(checked.check!.linkReservations).toBeGreaterThan(0);
        expect(checked.check!.completions).toBe(checked.summary.peers.completed);
        expect(checked.summary).toEqual(simulate(config).summary);
      }
    }
  });
});
