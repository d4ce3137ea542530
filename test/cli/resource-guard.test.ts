/**
 * The memory guard: a run whose estimated peak memory cannot fit is refused
 * before anything is written (exit 2, located at the biggest group's count,
 * with the estimate); --force runs it anyway.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../sim/cli/load-scenario.ts";
import { type MemoryLimits, memoryCheck } from "../../sim/cli/resource-guard.ts";
import { estimateMemory } from "../../sim/run/memory-estimate.ts";
import type { ScenarioConfig } from "../../sim/scenario/types.ts";
import { ROOT, sim, tempDir } from "../helpers/cli.ts";
import { group, makeConfig } from "../helpers/config.ts";

const GiB = 1024 ** 3;

function scenarioWith(dir: string, count: number): string {
  const file = join(dir, "big.yaml");
  writeFileSync(
    file,
    readFileSync(join(ROOT, "scenarios/small.yaml"), "utf8").replace(
      "count: 12",
      `count: ${count}`,
    ),
  );
  return file;
}

describe("sim run refuses what cannot fit", () => {
  it("ten million peers: exit 2 at once, with the estimate and the key, nothing written", () => {
    const dir = tempDir();
    const file = scenarioWith(dir, 10_000_000);
    const t0 = performance.now();
    const r = sim(["run", file, "--out", join(dir, "out", "big")]);
    expect(r.status).toBe(2);
    expect(performance.now() - t0).toBeLessThan(20_000); // the CLI's start-up, not a simulation
    expect(r.stderr).toMatch(
      new RegExp(
        `^${file}:27:12: groups\\[1\\]\\.count: this run needs about [\\d.,]+ (GiB|TiB) of memory \\(10,000,019 peers, 80 connections each, 16 pieces\\), more than the [\\d.]+ GiB of .*; use --force to run it anyway\\n$`,
      ),
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("SIM_MEMORY_LIMIT lowers the bar; --force runs anyway", () => {
    const dir = tempDir();
    const out = join(dir, "small");
    const env = { SIM_MEMORY_LIMIT: "50MiB" };
    const refused = sim(["run", "scenarios/small.yaml", "--out", out, "--quiet"], ROOT, env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("more than the 50 MiB of SIM_MEMORY_LIMIT=50MiB");
    expect(existsSync(out)).toBe(false);
    const forced = sim(
      ["run", "scenarios/small.yaml", "--out", out, "--quiet", "--force"],
      ROOT,
      env,
    );
    expect(forced.status, forced.stderr).toBe(0);
    expect(existsSync(join(out, "summary.json"))).toBe(true);
    const bad = sim(["validate", "scenarios/small.yaml"], ROOT, { SIM_MEMORY_LIMIT: "lots" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("SIM_MEMORY_LIMIT=lots: expected a size");
  });
});

describe("the estimate", () => {
  const base = (over: Partial<ScenarioConfig> = {}) => makeConfig(over);
  const withLeechers = (n: number, over: Partial<ScenarioConfig> = {}) =>
    makeConfig({
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 10e6,
          download: 100e6,
          seed_time: "never",
        }),
        group({ name: "l", count: n }),
      ],
      ...over,
    });

  it("grows with peers, pieces and connections", () => {
    const e = (c: ScenarioConfig) => estimateMemory(c).bytes;
    expect(e(withLeechers(2000))).toBeGreaterThan(e(withLeechers(1000)));
    const bigger = { ...base().torrent, size: 64 * 1024 ** 2 };
    expect(e(withLeechers(1000, { torrent: bigger }))).toBeGreaterThan(e(withLeechers(1000)));
    const fewConns = { ...base().protocol, max_connections: 20 };
    expect(e(withLeechers(1000, { protocol: fewConns }))).toBeLessThan(e(withLeechers(1000)));
    // A whole-file distribution keeps no pieces or connections per peer.
    expect(e(withLeechers(1000, { distribution: "client-server" }))).toBeLessThan(
      e(withLeechers(1000)),
    );
  });

  it("counts the peers present at once: Poisson arrivals of peers that leave are fewer than the count", () => {
    const poisson = (seed_time: ScenarioConfig["groups"][number]["seed_time"]) =>
      makeConfig({
        groups: [
          group({
            name: "seed",
            start_as: "seed",
            upload: 10e6,
            download: 100e6,
            seed_time: "never",
          }),
          group({
            name: "l",
            count: 20_000,
            arrival: { pattern: "poisson", rate: 1, until: 20_000, start: 0 },
            seed_time,
          }),
        ],
      });
    // A 4 MiB file at 1 Mbit/s up: ~34 s of download, +60 s of seeding: ~94 present (Little's law).
    expect(estimateMemory(poisson(60)).presentPeers).toBe(
      1 + Math.ceil((4 * 1024 ** 2 * 8) / 1e6 + 60),
    );
    expect(estimateMemory(poisson("never")).presentPeers).toBe(20_001);
    expect(estimateMemory(poisson(60)).bytes).toBeLessThan(estimateMemory(poisson("never")).bytes);
  });

  it("matches the calibration points within a quarter (docs/robustness.md)", () => {
    // Peak RSS measured on Node 20 for bench/scenarios/flash-1k.yaml scaled (16 MiB file, 64 pieces).
    const flash = (n: number, maxConnections = 80) =>
      loadScenarioFile(join(ROOT, "bench/scenarios/flash-1k.yaml"), {
        sets: [
          "torrent.size=16MiB",
          `groups.1.count=${Math.round(n * 0.4)}`,
          `groups.2.count=${Math.round(n * 0.3)}`,
          `groups.3.count=${Math.round(n * 0.2)}`,
          `groups.4.count=${n - Math.round(n * 0.4) - Math.round(n * 0.3) - Math.round(n * 0.2)}`,
          `protocol.max_connections=${maxConnections}`,
        ],
      });
    const MiB = 1024 ** 2;
    for (const [config, measuredMiB] of [
      [flash(1000), 234],
      [flash(2000), 340],
      [flash(4000), 547],
      [flash(1000, 20), 170],
    ] as const) {
      const ratio = estimateMemory(config).bytes / MiB / measuredMiB;
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.25);
    }
  });
});

describe("memoryCheck", () => {
  const config = loadScenarioFile(join(ROOT, "scenarios/small.yaml"));
  const bytes = estimateMemory(config).bytes;
  const limits = (totalBytes: number, heapBytes = 4 * GiB): MemoryLimits => ({
    totalBytes,
    heapBytes,
    source: "a test",
  });

  it("refuses when the runs at once exceed the memory, and says to lower --jobs", () => {
    const roomForTwo = limits(bytes * 2.5);
    expect(memoryCheck({ limits: roomForTwo, concurrent: 2 })(config)).toEqual([]);
    const [p] = memoryCheck({ limits: roomForTwo, concurrent: 3 })(config);
    expect(p.path).toEqual(["groups", estimateMemory(config).largestGroup, "count"]);
    expect(p.problem).toMatch(/3 runs at once need about .* \(lower --jobs\)/);
    expect(memoryCheck({ limits: roomForTwo, concurrent: 3, force: true })(config)).toEqual([]);
  });

  it("refuses a heap beyond Node's limit and says how to raise it", () => {
    const [p] = memoryCheck({ limits: limits(64 * GiB, 1024) })(config);
    expect(p.problem).toMatch(
      /beyond Node's JavaScript heap limit .*NODE_OPTIONS=--max-old-space-size=\d+/,
    );
  });
});
