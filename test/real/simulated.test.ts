/**
 * The simulated twin of a real swarm (scripts/real/simulated.ts): every
 * client becomes a peer arriving at its real start with its real limits, and
 * overrides are validated as `sim run --set` validates them.
 */
import { describe, expect, it } from "vitest";
import { runTwin, type TwinSpec, twinScenario } from "../../scripts/real/simulated.ts";
import { ScenarioError } from "../../sim/scenario/errors.ts";

const MiB = 2 ** 20;
const spec: TwinSpec = {
  name: "twin-test",
  sizeBytes: MiB,
  pieceSizeBytes: 256 * 1024,
  peers: [
    { name: "seed", role: "seed", arrivalS: 0, upBytesPerS: 2 * MiB, downBytesPerS: 4 * MiB },
    {
      name: "leecher-01",
      role: "leecher",
      arrivalS: 0.137,
      upBytesPerS: MiB,
      downBytesPerS: 4 * MiB,
    },
    {
      name: "leecher-02",
      role: "leecher",
      arrivalS: 0.912345,
      upBytesPerS: MiB / 2,
      downBytesPerS: 4 * MiB,
    },
  ],
  pollS: 0.05,
  maxTimeS: 600,
};

describe("the simulated twin", () => {
  it("gives each client its real arrival and limits", () => {
    const { config } = twinScenario(spec, []);
    expect(config.groups.map((g) => [g.name, g.start_as, g.count])).toEqual([
      ["seed", "seed", 1],
      ["leecher-01", "leecher", 1],
      ["leecher-02", "leecher", 1],
    ]);
    expect(config.groups.map((g) => g.upload)).toEqual(spec.peers.map((p) => p.upBytesPerS * 8));
    const run = runTwin(config);
    expect(run.traces.map((t) => t.arrivalS)).toEqual([0, 0.137, 0.912345]);
    expect(run.traces.map((t) => t.upBytesPerS)).toEqual(spec.peers.map((p) => p.upBytesPerS));
  });

  it("completes every leecher, each after its own arrival, with counters sampled every poll", () => {
    const run = runTwin(twinScenario(spec, []).config);
    for (const t of run.traces.filter((x) => x.role === "leecher")) {
      expect(t.completionS).not.toBeNull();
      expect(t.completionS as number).toBeGreaterThan(t.arrivalS + MiB / (4 * MiB));
      const gaps = t.samples.slice(1).map((s, i) => s.t - t.samples[i].t);
      expect(Math.max(...gaps.slice(0, -1))).toBeCloseTo(0.05, 6);
    }
  });

  it("applies overrides, and refuses a bad one naming it", () => {
    const { config } = twinScenario(spec, ["protocol.unchoke_slots=8"]);
    expect(config.protocol.unchoke_slots).toBe(8);
    expect(() => twinScenario(spec, ["protocol.unchoke_slots=many"])).toThrow(ScenarioError);
    expect(() => twinScenario(spec, ["protocol.unchoke_slots=many"])).toThrow(
      /--set protocol.unchoke_slots=many/,
    );
  });
});
