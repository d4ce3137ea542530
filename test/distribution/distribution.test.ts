/**
 * client-server and napster (sim/distribution/) against the textbook figure
 * (Kurose & Ross; Kumar & Ross 2006): one server at u_s, N peers at u and
 * d, all arriving at t = 0 and staying. Client-server's distribution time
 * grows linearly in N and never beats max(N·F/u_s, F/d_min); BitTorrent's
 * stays near flat above max(F/u_s, F/d_min, N·F/(u_s + N·u)); Napster —
 * whole files from one holder at a time — sits between.
 */
import { describe, expect, it } from "vitest";
import { waterFill } from "../../sim/distribution/fluid.ts";
import { ClientServerRun, NapsterRun } from "../../sim/distribution/index.ts";
import { simulate } from "../../sim/run/simulate.ts";
import type { Distribution, ScenarioConfig } from "../../sim/scenario/types.ts";
import { group, makeConfig } from "../helpers/config.ts";

const MIB = 1024 * 1024;
const F_BYTES = 4 * MIB;
const F = F_BYTES * 8;
const US = 10e6;
const U = 1e6;
const D = 20e6;

function textbook(distribution: Distribution, n: number, extra: Partial<ScenarioConfig> = {}) {
  return makeConfig({
    distribution,
    torrent: { size: F_BYTES, piece_size: 256 * 1024, block_size: 16384, file: null, name: "x" },
    groups: [
      group({
        name: "server",
        start_as: "seed",
        upload: US,
        download: 100e6,
        seed_time: "never",
        arrival: { at: 0 },
      }),
      group({
        name: "peers",
        count: n,
        upload: U,
        download: D,
        seed_time: "never",
        arrival: { at: 0 },
      }),
    ],
    ...extra,
  });
}

const csBound = (n: number) => Math.max((n * F) / US, F / D);
const p2pBound = (n: number) => Math.max(F / US, F / D, (n * F) / (US + n * U));

const NS = [10, 40, 160];
const times = new Map<string, number>();
function distTime(d: Distribution, n: number): number {
  const key = `${d}:${n}`;
  if (!times.has(key)) {
    const { summary } = simulate(textbook(d, n));
    expect(summary.end_reason).toBe("all-done");
    expect(summary.peers.completed).toBe(n);
    times.set(key, summary.last_completion_s!);
  }
  return times.get(key)!;
}

describe("the textbook figure: distribution time vs N", () => {
  it("client-server grows linearly with N and stays at or above max(N·F/u_s, F/d_min)", () => {
    for (const n of NS) {
      const t = distTime("client-server", n);
      expect(t).toBeGreaterThanOrEqual(csBound(n));
      expect(t).toBeLessThan(csBound(n) * 1.01); // one latency above the fluid bound
    }
    // ×16 peers ⇒ ×16 time.
    const ratio = distTime("client-server", 160) / distTime("client-server", 10);
    expect(ratio).toBeGreaterThan(15);
    expect(ratio).toBeLessThan(16.5);
  });

  it("BitTorrent stays near flat and at or above the P2P bound", () => {
    for (const n of NS) expect(distTime("bittorrent", n)).toBeGreaterThanOrEqual(p2pBound(n));
    // ×16 peers: the bound grows ×1.9, BitTorrent's time far less than client-server's ×16.
    expect(distTime("bittorrent", 160) / distTime("bittorrent", 10)).toBeLessThan(4);
    expect(distTime("bittorrent", 160)).toBeLessThan(3 * p2pBound(160));
  });

  it("Napster sits between client-server and BitTorrent once N is large", () => {
    const n = 160;
    const napster = distTime("napster", n);
    expect(napster).toBeGreaterThanOrEqual(p2pBound(n));
    expect(napster).toBeGreaterThan(distTime("bittorrent", n));
    expect(napster).toBeLessThan(distTime("client-server", n));
  });
});

describe("outputs of whole-file distributions", () => {
  for (const d of ["client-server", "napster"] as const) {
    it(`${d}: names the mode and leaves piece-level metrics empty, not zero`, () => {
      const rows: Record<string, number | null>[] = [];
      const r = simulate(textbook(d, 12), { onTimeseriesRow: (row) => rows.push(row) });
      const s = r.summary;
      expect(s.distribution).toBe(d);
      expect(s.hash_failures).toBeNull();
      expect(s.redownloaded_pieces).toBeNull();
      expect(s.peers.banned).toBeNull();
      expect(s.bytes.wasted_corrupt).toBeNull();
      expect(s.bytes.wasted_duplicate).toBeNull();
      expect(s.bytes.wasted_restart).toBe(d === "napster" ? 0 : null);
      expect(s.swarm?.min_piece_copies).toBeNull();
      expect(s.swarm?.mean_piece_copies).toBeNull();
      expect(s.tracker).toBeNull();
      expect(s.dht).toBeNull();
      expect(s.napster === null).toBe(d !== "napster");
      // Bytes are conserved and whole: every client received the file once.
      expect(s.bytes.uploaded).toBe(12 * F_BYTES);
      expect(s.bytes.downloaded).toBe(12 * F_BYTES);
      for (const row of r.peerRows) {
        expect(row[8]).toBe(""); // hash_failures
        expect(row[9]).toBe(""); // banned
      }
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        expect(row.min_piece_copies).toBeNull();
        expect(row.hash_failures).toBeNull();
        expect(row.entropy).toBeNull();
        expect(row.upload_utilization === null || row.upload_utilization <= 1 + 1e-9).toBe(true);
      }
      // Deterministic.
      expect(simulate(textbook(d, 12)).summary).toEqual(s);
    });
  }

  it("bittorrent leaves the new fields empty and keeps its piece metrics", () => {
    const s = simulate(textbook("bittorrent", 8)).summary;
    expect(s.bytes.wasted_restart).toBeNull();
    expect(s.hash_failures).toBe(0);
    expect(s.napster).toBeNull();
    expect(s.tracker?.announces).toBeGreaterThan(0);
  });
});

describe("client-server mechanics", () => {
  it("max_concurrent: one client at a time gets the server's whole uplink", () => {
    const cfg = textbook("client-server", 5, { client_server: { max_concurrent: 1 } });
    const run = new ClientServerRun(cfg);
    run.run();
    const done = [...run.completedUs].filter((t) => t >= 0).sort((a, b) => a - b);
    expect(done).toHaveLength(5);
    // Each takes F/u_s on its own, one after the other (plus request latencies).
    expect(done[0] / 1e6).toBeGreaterThanOrEqual(F / US);
    expect(done[0] / 1e6).toBeLessThan(F / US + 0.5);
    for (let i = 1; i < 5; i++) {
      // Latencies differ per client (≤ 100 ms one way), so gaps differ by up to 2 × 100 ms.
      expect((done[i] - done[i - 1]) / 1e6).toBeGreaterThanOrEqual(F / US - 0.2);
      expect((done[i] - done[i - 1]) / 1e6).toBeLessThan(F / US + 0.5);
    }
  });

  it("water-filling never hands out more than the uplink, nor more than a receiver takes", () => {
    const caps = [1, 5, 100, 100, 0.5];
    const rates = waterFill(50, caps);
    expect(rates.reduce((a, b) => a + b, 0)).toBeCloseTo(50, 9);
    for (const [i, r] of rates.entries()) expect(r).toBeLessThanOrEqual(caps[i]);
    expect(rates[2]).toBeCloseTo((50 - 6.5) / 2, 9);
    expect(waterFill(10, [100, 100]).every((r) => r === 5)).toBe(true);
  });
});

describe("napster mechanics", () => {
  it("a source that leaves mid-download costs the partial file (bytes.wasted_restart)", () => {
    // Completed peers serve for about half a download time, then leave.
    const cfg = textbook("napster", 40);
    const churn = makeConfig({
      ...cfg,
      groups: [cfg.groups[0], { ...cfg.groups[1], seed_time: { exponential: 20, share: 1 } }],
    });
    const run = new NapsterRun(churn);
    expect(run.run()).toBe("all-done");
    expect(run.totals.restarts).toBeGreaterThan(0);
    expect(run.totals.wastedRestartBytes).toBeGreaterThan(0);
    // Everything downloaded is either a whole file or thrown away.
    expect(run.totals.downloadedBytes).toBe(40 * F_BYTES + run.totals.wastedRestartBytes);
    const s = simulate(churn).summary;
    expect(s.bytes.wasted_restart).toBe(run.totals.wastedRestartBytes);
    expect(s.napster?.restarts).toBe(run.totals.restarts);
  });

  it("free riders download but never serve", () => {
    const cfg = textbook("napster", 20);
    const withFree = makeConfig({
      ...cfg,
      groups: [
        ...cfg.groups,
        group({
          name: "free",
          count: 5,
          behaviour: "free-rider",
          seed_time: "never",
          arrival: { at: 0 },
        }),
      ],
    });
    const r = simulate(withFree);
    expect(r.summary.peers.completed).toBe(25);
    const free = r.summary.groups.find((g) => g.group === "free")!;
    expect(free.uploaded_bytes).toBe(0);
    expect(free.downloaded_bytes).toBe(5 * F_BYTES);
  });
});
