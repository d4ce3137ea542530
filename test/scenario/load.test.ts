import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../sim/cli/load-scenario.ts";
import { expectedDecayArrivals } from "../../sim/population/decay-arrivals.ts";
import { prepareTorrent } from "../../sim/run/torrent-setup.ts";
import { BANDWIDTH_CLASSES } from "../../sim/scenario/bandwidth-classes.ts";
import { parseScenario } from "../../sim/scenario/load.ts";
import { MINIMAL, scenarioError } from "./helpers.ts";

describe("shipped scenarios", () => {
  it("small.yaml loads", () => {
    const c = loadScenarioFile("scenarios/small.yaml");
    expect(c.name).toBe("small");
    expect(c.torrent.size).toBe(4 * 1024 * 1024);
    expect(c.groups.reduce((n, g) => n + g.count, 0)).toBe(31);
  });

  it("flash-crowd.yaml loads as the contract describes", () => {
    const c = loadScenarioFile("scenarios/flash-crowd.yaml");
    expect(c.name).toBe("flash-crowd");
    expect(c.seed).toBe(1);
    expect(c.torrent).toMatchObject({ size: 128 * 1024 * 1024, piece_size: 256 * 1024 });
    const origin = c.groups.find((g) => g.start_as === "seed")!;
    expect(origin).toMatchObject({ count: 1, upload: 10e6, seed_time: "never" });
    const leechers = c.groups.filter((g) => g.start_as === "leecher");
    expect(leechers.reduce((n, g) => n + g.count, 0)).toBe(1000);
    // About 1,000 arrivals in all: each class's count caps its expected arrivals.
    for (const g of leechers) {
      expect(g.arrival).toMatchObject({ pattern: "decay", half_life: 300, until: 1800, start: 0 });
      if (!("pattern" in g.arrival) || g.arrival.pattern !== "decay") throw new Error("decay");
      expect(expectedDecayArrivals(g.arrival) / g.count).toBeGreaterThan(0.98);
      expect(expectedDecayArrivals(g.arrival) / g.count).toBeLessThan(1.03);
      expect(g.seed_time).toEqual({ exponential: 45, share: 0.4 });
    }
    // libtorrent's defaults (the default profile): no protocol key of its own but the picker's.
    expect(c.protocol).toMatchObject({
      profile: "libtorrent",
      upload_slots: "fixed",
      unchoke_slots: 8,
      request_queue_time: 3,
    });
    expect(c.stop.max_time).toBe(6 * 3600);
  });

  it("selfish-departure.yaml is the old flash crowd: one minute, leave on completion", () => {
    const c = loadScenarioFile("scenarios/selfish-departure.yaml");
    expect(c.name).toBe("selfish-departure");
    const leechers = c.groups.filter((g) => g.start_as === "leecher");
    expect(leechers.reduce((n, g) => n + g.count, 0)).toBe(1000);
    for (const g of leechers) {
      expect(g.arrival).toEqual({ pattern: "flash", over: 60, start: 0 });
      expect(g.seed_time).toBe(0);
    }
    expect(c.groups[0]).toMatchObject({ start_as: "seed", upload: 10e6 });
  });

  it("a missing file is a ScenarioError naming it", () => {
    expect(() => loadScenarioFile("scenarios/nope.yaml")).toThrow(
      "scenarios/nope.yaml: cannot read the scenario: no such file",
    );
  });
});

describe("defaults", () => {
  const c = parseScenario(MINIMAL, "s.yaml");

  it("fills top-level and protocol defaults", () => {
    expect(c).toMatchObject({
      description: "",
      distribution: "bittorrent",
      discovery: "tracker",
      stop: { max_time: 21600 },
      torrent: { piece_size: 262144, block_size: 16384, file: null, name: "t.bin" },
      protocol: {
        // The default profile, libtorrent 2.0.8 (sim/scenario/profiles.ts).
        profile: "libtorrent",
        picker: "rarest-first",
        random_first_pieces: 4,
        strict_priority: true,
        endgame: true,
        choker: "tit-for-tat-rr",
        seed_choker: "round-robin",
        unchoke_slots: 8,
        optimistic_slots: "auto",
        optimistic_choice: "longest-waiting",
        rechoke_interval: 15,
        optimistic_interval: 30,
        snub_timeout: 60,
        max_connections: 80,
        min_peers: 20,
        max_peerlist: 3000,
        seeding_piece_quota: 20,
        seeding_min_unchoke: 60,
        pipeline_depth: 4,
        request_queue_time: 3,
        max_out_request_queue: 500,
        whole_pieces_threshold: 20,
        message_overhead: true,
        ip_overhead: true,
        rate_limit_tick: 0.5,
      },
      tracker: { interval: 1800, min_interval: 300, numwant: 50, expire: 2700 },
      network: { latency: { min: 0.01, max: 0.1 } },
      faults: { corrupt: null, link_corruption: 0, ban_after: 3, tracker_outage: [] },
      integrity: { hashing: "auto" },
      metrics: { sample_interval: 10 },
    });
  });

  it("fills group defaults, with seed_time depending on start_as", () => {
    const [origin, crowd] = c.groups;
    expect(origin).toMatchObject({ count: 1, start_as: "seed", seed_time: "never" });
    expect(crowd).toEqual({
      name: "crowd",
      count: 10,
      start_as: "leecher",
      upload: 1e6,
      download: 8e6,
      class: null,
      arrival: { at: 0 },
      seed_time: 0,
      behaviour: "honest",
      abort_rate: 0,
      crash_fraction: 0,
      startup_delay: 1,
      super_seed: false,
    });
  });

  it("fills upload/download from the bandwidth class; explicit values win", () => {
    const c2 = parseScenario(
      `${MINIMAL}  - name: mixed\n    class: cable\n    upload: 2Mbit/s\n`,
      "s.yaml",
    );
    expect(c.groups[0]).toMatchObject({
      class: "datacenter",
      upload: BANDWIDTH_CLASSES.datacenter.upload,
      download: BANDWIDTH_CLASSES.datacenter.download,
    });
    expect(c2.groups[2]).toMatchObject({
      class: "cable",
      upload: 2e6,
      download: BANDWIDTH_CLASSES.cable.download,
    });
  });

  it("resolves every arrival and seed_time form", () => {
    const c3 = parseScenario(
      `${MINIMAL}    arrival: { pattern: poisson, rate: 0.5 }\n    seed_time: { exponential: 100s }\n` +
        "  - name: late\n    class: dsl\n    arrival: { pattern: flash, over: 1min, start: 10s }\n    seed_time: 5min\n",
      "s.yaml",
    );
    expect(c3.groups[1].arrival).toEqual({ pattern: "poisson", rate: 0.5, until: 21600, start: 0 });
    expect(c3.groups[1].seed_time).toEqual({ exponential: 100, share: 1 });
    expect(c3.groups[2].arrival).toEqual({ pattern: "flash", over: 60, start: 10 });
    expect(c3.groups[2].seed_time).toBe(300);
  });

  it("allows torrent.size to be omitted when torrent.file is given", () => {
    const text = MINIMAL.replace("  size: 1MiB", "  file: some.torrent");
    expect(parseScenario(text, "s.yaml").torrent).toMatchObject({ size: 0, file: "some.torrent" });
  });
});

describe("result", () => {
  it("is deeply frozen", () => {
    const c = parseScenario(MINIMAL, "s.yaml");
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.groups)).toBe(true);
    expect(Object.isFrozen(c.groups[1].arrival)).toBe(true);
    expect(Object.isFrozen(c.network.latency)).toBe(true);
    expect(() => {
      (c.protocol as { picker: string }).picker = "random";
    }).toThrow(TypeError);
  });

  it("is the same for the same text", () => {
    expect(parseScenario(MINIMAL, "a")).toEqual(parseScenario(MINIMAL, "b"));
  });
});

describe("required keys", () => {
  it.each(["name", "seed"])("%s is required", (key) => {
    const text = MINIMAL.split("\n")
      .filter((l) => !l.startsWith(`${key}:`))
      .join("\n");
    expect(scenarioError(text).message).toBe(`s.yaml:1:1: ${key}: required key is missing`);
  });

  it("points a missing group key at the group's mapping", () => {
    const e = scenarioError(`${MINIMAL}  - count: 3\n    class: dsl\n`);
    expect(e).toMatchObject({ line: 13, col: 5, path: "groups[2].name" });
  });
});

describe("loadScenarioFile", () => {
  it("resolves a relative torrent.file against the scenario's folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    const file = join(dir, "s.yaml");
    writeFileSync(file, MINIMAL.replace("  size: 1MiB", "  file: ubuntu.torrent"));
    // The file must exist and be a .torrent: checked (and located) at load.
    expect(() => loadScenarioFile(file)).toThrow(
      `${file}:4:9: torrent.file: cannot read ${join(dir, "ubuntu.torrent")}: no such file`,
    );
    writeFileSync(join(dir, "ubuntu.torrent"), "not bencode");
    expect(() => loadScenarioFile(file)).toThrow(
      /torrent\.file: cannot read .*not a valid \.torrent/,
    );
    const { metainfo } = prepareTorrent(parseScenario(MINIMAL, "m.yaml"));
    writeFileSync(join(dir, "ubuntu.torrent"), metainfo);
    expect(loadScenarioFile(file).torrent.file).toBe(join(dir, "ubuntu.torrent"));
  });

  it("labels errors with the path it was given", () => {
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, `${MINIMAL}protocol: { picker: foo }\n`);
    expect(() => loadScenarioFile(file)).toThrow(`${file}:13:21: protocol.picker: expected one of`);
  });
});
