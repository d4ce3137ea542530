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

  it("gives --leave leechers seed_time 0 and a --super-seed seed libtorrent's rule", () => {
    const plain = twinScenario(spec, []).config;
    expect(plain.groups.map((g) => g.super_seed)).toEqual([false, false, false]);
    const { config } = twinScenario({ ...spec, leave: true, superSeed: true }, []);
    expect(config.groups[0].super_seed).toBe("libtorrent");
    expect(config.groups.slice(1).map((g) => g.seed_time)).toEqual([0, 0]);
    expect(config.groups[0].seed_time).not.toBe(0);
    const run = runTwin(config);
    expect(run.traces.filter((t) => t.completionS !== null)).toHaveLength(2);
    expect(run.strandedS).not.toBeNull();
    expect(run.strandedS as number).toBeGreaterThanOrEqual(0);
  });

  it("counts stranded time from the seed's arrival when a leecher arrived first", () => {
    // 16 pieces at 2 MiB/s: the crowd holds every piece ~2 s after the seed
    // arrives. Counted from before the seed (no piece at seeds alone there),
    // those 2 s of pieces not yet sent would count as stranded.
    const late: TwinSpec = {
      ...spec,
      sizeBytes: 4 * MiB,
      leave: true,
      peers: [
        { ...spec.peers[0], arrivalS: 0.5 },
        { ...spec.peers[1], arrivalS: 0 },
        { ...spec.peers[1], name: "leecher-02", arrivalS: 0 },
        { ...spec.peers[1], name: "leecher-03", arrivalS: 0.2 },
      ],
    };
    const run = runTwin(twinScenario(late, []).config);
    expect(run.traces.filter((t) => t.completionS !== null)).toHaveLength(3);
    expect(run.strandedS as number).toBeLessThan(1);
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
