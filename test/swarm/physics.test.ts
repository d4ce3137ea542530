/**
 * Physical properties every run must satisfy, checked on random small swarms
 * from what actually happened (the transmission trace), not from what the
 * model intends.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { parseScenario } from "../../sim/scenario/load.ts";
import type { GroupConfig, ScenarioConfig } from "../../sim/scenario/types.ts";
import { Swarm } from "../../sim/swarm/swarm.ts";
import { group, makeConfig } from "../helpers/config.ts";

interface Tx {
  from: number;
  to: number;
  startUs: number;
  endUs: number;
  /** Bytes on the links (payload + overhead); -1 as from/to: an overhead burst on one side. */
  bytes: number;
  payload: number;
}

type ProfileName = "mainline" | "libtorrent";
/** The protocol section each profile resolves to (sim/scenario/profiles.ts), for code-built configs. */
const PROTOCOL: Record<ProfileName, ScenarioConfig["protocol"]> = {
  // The code-built default: mainline with no overhead at all (the model before profiles).
  mainline: makeConfig().protocol,
  libtorrent: parseScenario(
    "name: p\nseed: 1\ntorrent: { size: 1MiB }\ngroups: [{ name: s, start_as: seed, upload: 1Mbit/s, download: 1Mbit/s }]\n",
    "p.yaml",
  ).protocol,
};
const PROFILES: ProfileName[] = ["mainline", "libtorrent"];

const MBIT = 1e6;
const CLASSES = [
  { upload: 1 * MBIT, download: 8 * MBIT },
  { upload: 5 * MBIT, download: 50 * MBIT },
  { upload: 20 * MBIT, download: 80 * MBIT },
  { upload: 100 * MBIT, download: 100 * MBIT },
  { upload: 4 * MBIT, download: 2 * MBIT }, // download-limited: exercises the downlink side
];

/** A random small swarm: 1–2 seeds, 5–40 leechers from random classes, random file geometry. */
function randomScenario(
  seed: number,
  arrivalAtZero: boolean,
  profile: ProfileName = "mainline",
): ScenarioConfig {
  const rng = new Rng(`physics:${seed}`);
  const groups: GroupConfig[] = [
    group({
      name: "seed",
      count: 1 + rng.int(2),
      start_as: "seed",
      upload: [2, 10, 50][rng.int(3)] * MBIT,
      download: 100 * MBIT,
      seed_time: "never",
      arrival: { at: 0 },
    }),
  ];
  const nGroups = 1 + rng.int(3);
  for (let g = 0; g < nGroups; g++) {
    const cls = CLASSES[rng.int(CLASSES.length)];
    groups.push(
      group({
        name: `g${g}`,
        count: 2 + rng.int(14),
        ...cls,
        arrival: arrivalAtZero ? { at: 0 } : { pattern: "flash", over: 30, start: 0 },
        seed_time: rng.next() < 0.5 ? "never" : 0,
      }),
    );
  }
  const pieceKiB = [32, 64, 256][rng.int(3)];
  const pieces = 8 + rng.int(40);
  return makeConfig({
    seed,
    torrent: {
      size: pieces * pieceKiB * 1024 - rng.int(1000),
      piece_size: pieceKiB * 1024,
      block_size: 16 * 1024,
      file: null,
      name: "x",
    },
    groups,
    protocol: {
      ...PROTOCOL[profile],
      picker: (["rarest-first", "random", "sequential"] as const)[rng.int(3)],
    },
  });
}

function runTraced(config: ScenarioConfig) {
  const txs: Tx[] = [];
  const swarm = new Swarm(config, {
    onTransmission: (from, to, startUs, endUs, payload, bytes) =>
      txs.push({ from, to, startUs, endUs, bytes, payload }),
    onOverhead: (peer, side, startUs, endUs, bytes) =>
      txs.push({
        from: side === 0 ? peer : -1,
        to: side === 1 ? peer : -1,
        startUs,
        endUs,
        bytes,
        payload: 0,
      }),
  });
  swarm.run();
  return { swarm, txs };
}

/** Largest total rate (bytes/s) through any link at any instant, as a ratio of its capacity. */
function worstLinkLoad(txs: Tx[], capacity: (peer: number, side: "up" | "down") => number): number {
  let worst = 0;
  for (const side of ["up", "down"] as const) {
    const byPeer = new Map<number, { t: number; rate: number }[]>();
    for (const tx of txs) {
      const peer = side === "up" ? tx.from : tx.to;
      if (peer < 0) continue; // an overhead burst on the other side
      const rate = tx.bytes / ((tx.endUs - tx.startUs) / 1e6);
      const list = byPeer.get(peer) ?? [];
      list.push({ t: tx.startUs, rate }, { t: tx.endUs, rate: -rate });
      byPeer.set(peer, list);
    }
    for (const [peer, points] of byPeer) {
      // Ends before starts at the same instant: a link handed over is not double-booked.
      points.sort((a, b) => a.t - b.t || a.rate - b.rate);
      let load = 0;
      for (const p of points) {
        load += p.rate;
        worst = Math.max(worst, load / capacity(peer, side));
      }
    }
  }
  return worst;
}

describe("link capacities", () => {
  it.each(PROFILES)("no uplink or downlink ever carries more than its capacity (%s)", (profile) => {
    for (let seed = 1; seed <= 12; seed++) {
      const { swarm, txs } = runTraced(randomScenario(seed, false, profile));
      expect(txs.length).toBeGreaterThan(0);
      const cap = (peer: number, side: "up" | "down") =>
        (side === "up" ? swarm.peerInfos[peer].uploadBps : swarm.peerInfos[peer].downloadBps) / 8;
      // Durations are rounded up to whole microseconds, so measured rates can only be lower.
      expect(worstLinkLoad(txs, cap)).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it("a busy uplink is used: a lone seed serving many leechers runs near capacity", () => {
    const config = makeConfig({
      groups: [
        group({
          name: "seed",
          count: 1,
          start_as: "seed",
          upload: 2 * MBIT,
          download: 100 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({
          name: "l",
          count: 10,
          upload: 0.001 * MBIT,
          download: 50 * MBIT,
          arrival: { at: 0 },
          seed_time: "never",
        }),
      ],
    });
    const { swarm, txs } = runTraced(config);
    const seedTx = txs.filter((t) => t.from === 0);
    const busyUs = seedTx.reduce((s, t) => s + (t.endUs - t.startUs), 0);
    const spanUs =
      Math.max(...seedTx.map((t) => t.endUs)) - Math.min(...seedTx.map((t) => t.startUs));
    const bytes = seedTx.reduce((s, t) => s + t.bytes, 0);
    // Work conservation: the seed's average rate over its active span is ≥ 90% of its uplink.
    expect(bytes / (spanUs / 1e6)).toBeGreaterThan((0.9 * (2 * MBIT)) / 8);
    expect(busyUs).toBeGreaterThan(0);
    expect(swarm.endReason).toBe("all-done");
  });
});

describe("conservation and bounds", () => {
  it("every byte uploaded is received, lost with a closed connection, or still in flight", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { swarm } = runTraced(randomScenario(seed, false));
      const t = swarm.totals;
      expect(t.uploadedBytes).toBe(
        t.downloadedBytes + t.lostInTransitBytes + swarm.transferPool.inFlightBytes(),
      );
      const perPeerUp = Array.from(swarm.uploadedBytes).reduce((a, b) => a + b, 0);
      const perPeerDown = Array.from(swarm.downloadedBytes).reduce((a, b) => a + b, 0);
      expect(perPeerUp).toBe(t.uploadedBytes);
      expect(perPeerDown).toBe(t.downloadedBytes);
    }
  });

  it("no leecher completes faster than its download link allows", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const config = randomScenario(seed, false);
      const { swarm } = runTraced(config);
      for (const p of swarm.peers) {
        if (p.info.initialSeed || p.completedUs < 0) continue;
        const minUs = (config.torrent.size / (p.info.downloadBps / 8)) * 1e6;
        expect(p.completedUs - p.arrivalUs).toBeGreaterThanOrEqual(minUs);
      }
    }
  });

  it.each(PROFILES)(
    "the last completion is never earlier than the minimum distribution time (Kumar & Ross 2006; %s)",
    (profile) => {
      for (let seed = 1; seed <= 16; seed++) {
        const config = randomScenario(seed, true, profile);
        const { swarm } = runTraced(config);
        expect(swarm.endReason).toBe("all-done");
        const F = config.torrent.size * 8;
        const seeds = swarm.peers.filter((p) => p.info.initialSeed);
        const leechers = swarm.peers.filter((p) => !p.info.initialSeed);
        const uSeed = seeds.reduce((s, p) => s + p.info.uploadBps, 0);
        const uSum = leechers.reduce((s, p) => s + p.info.uploadBps, 0);
        const dMin = Math.min(...leechers.map((p) => p.info.downloadBps));
        const tMin = Math.max(F / uSeed, F / dMin, (leechers.length * F) / (uSeed + uSum));
        const last = Math.max(...leechers.map((p) => p.completedUs)) / 1e6;
        expect(last).toBeGreaterThanOrEqual(tMin);
      }
    },
  );
});

describe("protocol overhead on the links", () => {
  it("bytes on each link = payload + overhead: every block's header and packet headers, plus bursts", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const { swarm, txs } = runTraced(randomScenario(seed, false, "libtorrent"));
      const o = swarm.overhead;
      const n = swarm.peerInfos.length;
      const up = new Float64Array(n);
      const down = new Float64Array(n);
      const payload = new Float64Array(n);
      let bursts = 0;
      for (const tx of txs) {
        if (tx.from >= 0) up[tx.from] += tx.bytes;
        if (tx.to >= 0) down[tx.to] += tx.bytes;
        if (tx.from >= 0) payload[tx.from] += tx.payload;
        if (tx.payload === 0) bursts += tx.bytes;
        // A block carries BEP 3's 13-byte header and 40 bytes a packet of ≤ 1,460.
        if (tx.payload > 0) {
          expect(tx.bytes).toBe(
            tx.payload + 13 + Math.max(1, Math.ceil((tx.payload + 13) / 1460)) * 40,
          );
        }
      }
      for (let p = 0; p < n; p++) {
        expect(up[p]).toBeCloseTo(o.wireUp[p], 3);
        expect(down[p]).toBeCloseTo(o.wireDown[p], 3);
        expect(payload[p]).toBe(swarm.uploadedBytes[p]);
      }
      // Control messages and acknowledgements went out as bursts; the
      // acknowledgements alone are 40 bytes per packet received.
      expect(bursts).toBeGreaterThan(swarm.totals.downloadedBytes * (40 / 1500) * 0.9);
      expect(o.wireUpTotal).toBeGreaterThan(swarm.totals.uploadedBytes * 1.05);
    }
  });

  it("without overhead, the links carry the payload and nothing else", () => {
    const { swarm, txs } = runTraced(randomScenario(3, false, "mainline"));
    expect(txs.every((t) => t.from >= 0 && t.to >= 0 && t.bytes === t.payload)).toBe(true);
    expect(swarm.overhead.wireUpTotal).toBe(swarm.totals.uploadedBytes);
  });
});
