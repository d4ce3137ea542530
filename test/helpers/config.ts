import type { GroupConfig, ScenarioConfig } from "../../sim/scenario/types.ts";

/** A fully resolved scenario built in code, for tests that need exact control. */
export function makeConfig(overrides: Partial<ScenarioConfig> = {}): ScenarioConfig {
  const base: ScenarioConfig = {
    name: "test",
    seed: 1,
    description: "",
    distribution: "bittorrent",
    discovery: "tracker",
    stop: { max_time: 6 * 3600 },
    torrent: {
      size: 4 * 1024 * 1024,
      piece_size: 256 * 1024,
      block_size: 16 * 1024,
      file: null,
      name: "test.bin",
    },
    groups: [
      group({
        name: "seed",
        count: 1,
        start_as: "seed",
        upload: 10e6,
        download: 100e6,
        seed_time: "never",
      }),
      group({ name: "leechers", count: 20 }),
    ],
    protocol: {
      profile: "mainline",
      picker: "rarest-first",
      random_first_pieces: 4,
      strict_priority: true,
      endgame: true,
      choker: "tit-for-tat",
      seed_choker: "round-robin",
      unchoke_slots: 4,
      upload_slots: "fixed",
      rechoke_interval: 10,
      optimistic_interval: 30,
      snub_timeout: 60,
      max_connections: 80,
      min_peers: 20,
      max_peerlist: 3000,
      inactivity_timeout: 600,
      pex: true,
      seeding_piece_quota: 20,
      seeding_min_unchoke: 0,
      optimistic_slots: 1,
      optimistic_choice: "random",
      pipeline_depth: 5,
      request_queue_time: 0,
      max_out_request_queue: 500,
      whole_pieces_threshold: 0,
      message_overhead: false,
      ip_overhead: false,
      rate_limit_tick: 0,
    },
    tracker: { interval: 1800, min_interval: 300, numwant: 50, expire: 2700 },
    network: { model: "block", latency: { min: 0.01, max: 0.1 } },
    faults: {
      corrupt: null,
      link_corruption: 0,
      ban_after: 3,
      smart_ban: true,
      tracker_outage: [],
    },
    integrity: { hashing: "model" },
    metrics: { sample_interval: 10 },
    client_server: { max_concurrent: null },
    napster: { upload_slots: 4, retry: 10 },
    dht: { k: 8, alpha: 3, bootstrap: 3, timeout: 2, interval: 900, min_interval: 60 },
  };
  return { ...base, ...overrides };
}

export function group(g: Partial<GroupConfig> & { name: string }): GroupConfig {
  return {
    count: 1,
    start_as: "leecher",
    upload: 1e6,
    download: 8e6,
    class: null,
    arrival: { pattern: "flash", over: 10, start: 0 },
    seed_time: 0,
    super_seed: false,
    behaviour: "honest",
    abort_rate: 0,
    crash_fraction: 0,
    startup_delay: 0,
    ...g,
  };
}
