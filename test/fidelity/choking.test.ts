/**
 * Choking, from the trace of what each peer decided and sent: the rechoke
 * timer (BEP 3's 10 s), the optimistic unchoke's 30 s rotation, mainline's
 * anti-snubbing, and the two seed chokers.
 */
import { describe, expect, it } from "vitest";
import type { ScenarioConfig } from "../../sim/scenario/types.ts";
import { group, makeConfig } from "../helpers/config.ts";
import { groupBy, type RechokeRecord, runTraced, S, type Traced } from "./trace.ts";

const MBIT = 1e6;

/** For each (receiver, sender) pair, the last message of the given kinds delivered before `t`. */
function lastDelivered(
  r: Traced,
  to: number,
  from: number,
  kinds: readonly string[],
  beforeUs: number,
): { msg: string; timeUs: number } | null {
  let last: { msg: string; timeUs: number } | null = null;
  for (const w of r.wire) {
    if (w.timeUs > beforeUs) break;
    if (w.kind === "deliver" && w.to === to && w.from === from && kinds.includes(w.msg))
      last = { msg: w.msg, timeUs: w.timeUs };
  }
  return last;
}

function departures(r: Traced): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of r.events)
    if (e.kind === "departure" || e.kind === "abort") out.set(e.peer, e.timeS * S);
  return out;
}

describe("rechoke timing", () => {
  const configs: ScenarioConfig[] = [1, 2, 3].map((seed) =>
    makeConfig({
      seed,
      torrent: { ...makeConfig().torrent, size: 16 * 1024 * 1024 },
      groups: [
        group({ name: "seed", start_as: "seed", upload: 5 * MBIT, seed_time: "never" }),
        group({ name: "leechers", count: 15, seed_time: "never" }),
      ],
    }),
  );
  const runs = configs.map((c) => runTraced(c));

  it("each peer rechokes exactly every rechoke_interval (10 s), from a first rechoke within one interval of arrival", () => {
    for (const r of runs) {
      const intervalUs = r.swarm.config.protocol.rechoke_interval * S;
      const byPeer = groupBy(r.rechokes, (x) => x.peer);
      expect(byPeer.size).toBe(r.swarm.peers.length);
      for (const [id, list] of byPeer) {
        const arrival = r.swarm.peers[id].arrivalUs;
        expect(list[0].timeUs - arrival).toBeGreaterThanOrEqual(0);
        expect(list[0].timeUs - arrival).toBeLessThan(intervalUs);
        for (let i = 1; i < list.length; i++)
          expect(list[i].timeUs - list[i - 1].timeUs).toBe(intervalUs);
        // Rechokes run until the end of the run (nobody leaves here).
        expect(r.swarm.sim.now - list[list.length - 1].timeUs).toBeLessThanOrEqual(intervalUs);
      }
    }
  });

  it("the regular slots hold at most unchoke_slots − 1 interested peers; the optimistic one is not among them", () => {
    for (const r of runs) {
      const slots = r.swarm.config.protocol.unchoke_slots;
      for (const x of r.rechokes) {
        expect(x.regular.length).toBeLessThanOrEqual(slots - 1);
        expect(new Set(x.regular).size).toBe(x.regular.length);
        if (x.optimistic >= 0) expect(x.regular).not.toContain(x.optimistic);
      }
    }
  });

  it("the optimistic unchoke rotates only every optimistic_interval (3 rechokes), unless its peer left, lost interest or earned a regular slot", () => {
    let rotations = 0;
    let forced = 0;
    for (const r of runs) {
      const every = r.swarm.settings.optimisticEvery;
      expect(every).toBe(3);
      const gone = departures(r);
      for (const [id, list] of groupBy(r.rechokes, (x) => x.peer)) {
        for (let k = 1; k < list.length; k++) {
          const prev = list[k - 1].optimistic;
          const cur = list[k];
          if (cur.optimistic === prev) continue;
          // Rounds are counted from the peer's first rechoke (round 0).
          if (k % every === 0) {
            rotations++;
            continue;
          }
          forced++;
          const leftBefore =
            prev >= 0 && (gone.get(prev) ?? Number.POSITIVE_INFINITY) <= cur.timeUs;
          const interest =
            prev >= 0
              ? lastDelivered(r, id, prev, ["interested", "not_interested"], cur.timeUs)
              : null;
          const lostInterest = interest === null || interest.msg === "not_interested";
          const promoted = cur.regular.includes(prev);
          expect(prev < 0 || leftBefore || lostInterest || promoted).toBe(true);
        }
      }
    }
    // The rule is exercised both ways.
    expect(rotations).toBeGreaterThan(10);
    expect(forced).toBeGreaterThan(0);
  });

  it("every unchoke decided at a rechoke is sent at that instant, and nobody else is unchoked then", () => {
    for (const r of runs) {
      const sends = groupBy(
        r.wire.filter((w) => w.kind === "send" && (w.msg === "choke" || w.msg === "unchoke")),
        (w) => `${w.from}@${w.timeUs}`,
      );
      for (const x of r.rechokes) {
        const unchoked = new Set([...x.regular, ...(x.optimistic >= 0 ? [x.optimistic] : [])]);
        for (const w of sends.get(`${x.peer}@${x.timeUs}`) ?? []) {
          if (w.msg === "unchoke") expect(unchoked.has(w.to)).toBe(true);
          else expect(unchoked.has(w.to)).toBe(false);
        }
      }
    }
  });
});

describe("rechoke with idle connections closing", () => {
  it("the peers given slots are the interested ones, even when the same rechoke closes idle connections", () => {
    // Several seeds that never leave: seed–seed connections are idle (nobody
    // interested) and close at a rechoke after inactivity_timeout.
    for (const seed of [1, 2, 3]) {
      const base = makeConfig();
      const r = runTraced(
        makeConfig({
          seed,
          torrent: { ...base.torrent, size: 16 * 1024 * 1024 },
          protocol: { ...base.protocol, inactivity_timeout: 15 },
          groups: [
            group({
              name: "seed",
              count: 4,
              start_as: "seed",
              upload: 2 * MBIT,
              seed_time: "never",
              arrival: { at: 0 },
            }),
            group({ name: "leechers", count: 12, seed_time: "never" }),
          ],
        }),
      );
      expect(r.swarm.endReason).toBe("all-done");
      for (const x of r.rechokes) {
        for (const remote of [...x.regular, x.optimistic]) {
          if (remote < 0) continue;
          const last = lastDelivered(r, x.peer, remote, ["interested", "not_interested"], x.timeUs);
          expect(last?.msg, `peer ${x.peer} at ${x.timeUs / S}s gave a slot to ${remote}`).toBe(
            "interested",
          );
        }
      }
    }
  });
});

describe("anti-snubbing", () => {
  /**
   * One leecher ("trickle") has a 4 kbit/s uplink: a 16 KiB block takes over
   * half a minute, so peers it unchokes wait more than snub_timeout between
   * blocks while it stays interested in them.
   */
  function snubScenario(seed: number, snubTimeoutS: number): ScenarioConfig {
    const base = makeConfig();
    return makeConfig({
      seed,
      torrent: { ...base.torrent, size: 32 * 1024 * 1024 },
      protocol: { ...base.protocol, snub_timeout: snubTimeoutS },
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 2 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        // Few enough that every interested peer fits in the 3 regular slots: only
        // anti-snubbing keeps the trickler out of them.
        group({
          name: "honest",
          count: 3,
          upload: 1 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({
          name: "trickle",
          count: 1,
          upload: 0.004 * MBIT,
          seed_time: "never",
          arrival: { at: 0 },
        }),
      ],
    });
  }

  /** Rechokes at which, by the trace, `peer` is snubbed by an interested `remote`: unchoked by it, and no block from it, for over `snubUs`. */
  function snubbedCases(r: Traced, snubUs: number) {
    const arrivals = r.txs.map((t) => ({
      ...t,
      atUs: t.endUs + r.swarm.latency.between(t.from, t.to),
    }));
    const cases: { x: RechokeRecord; remote: number }[] = [];
    for (const x of r.rechokes) {
      if (r.swarm.peers[x.peer].info.initialSeed) continue;
      for (let remote = 0; remote < r.swarm.peers.length; remote++) {
        if (remote === x.peer) continue;
        const choke = lastDelivered(r, x.peer, remote, ["choke", "unchoke"], x.timeUs);
        if (choke?.msg !== "unchoke") continue;
        const interest = lastDelivered(
          r,
          x.peer,
          remote,
          ["interested", "not_interested"],
          x.timeUs,
        );
        if (interest?.msg !== "interested") continue;
        let lastBlock = -1;
        for (const a of arrivals)
          if (a.from === remote && a.to === x.peer && a.atUs <= x.timeUs)
            lastBlock = Math.max(lastBlock, a.atUs);
        // One second of margin: the trace's arrival times are an upper bound on the swarm's.
        if (x.timeUs - Math.max(lastBlock, choke.timeUs) > snubUs + S) cases.push({ x, remote });
      }
    }
    return cases;
  }

  it("a peer that unchokes us but sends nothing for snub_timeout gets no regular slot (only the optimistic one)", () => {
    let cases = 0;
    let optimistic = 0;
    for (const seed of [1, 2, 3]) {
      const r = runTraced(snubScenario(seed, 60));
      expect(r.swarm.endReason).toBe("all-done");
      for (const { x, remote } of snubbedCases(r, 60 * S)) {
        cases++;
        expect(x.regular).not.toContain(remote);
        if (x.optimistic === remote) optimistic++;
      }
    }
    expect(cases).toBeGreaterThan(0);
    expect(optimistic).toBeGreaterThan(0);
  });

  it("without anti-snubbing (an endless snub_timeout) the same slow peer does get regular slots", () => {
    let slots = 0;
    for (const seed of [1, 2, 3]) {
      const r = runTraced(snubScenario(seed, 1e6));
      for (const { x, remote } of snubbedCases(r, 60 * S)) if (x.regular.includes(remote)) slots++;
    }
    expect(slots).toBeGreaterThan(0);
  });
});

describe("seed choking", () => {
  /** A seed and 12 leechers that upload almost nothing: 6 with 4 Mbit/s downlinks, 6 with 0.5 Mbit/s. */
  function seedScenario(
    seed: number,
    seedChoker: "fastest-upload" | "round-robin",
    quotaPieces = 1,
  ) {
    const base = makeConfig();
    const r = runTraced(
      makeConfig({
        seed,
        torrent: { ...base.torrent, size: 16 * 1024 * 1024 },
        protocol: { ...base.protocol, seed_choker: seedChoker, seeding_piece_quota: quotaPieces },
        groups: [
          group({
            name: "seed",
            start_as: "seed",
            upload: 8 * MBIT,
            seed_time: "never",
            arrival: { at: 0 },
          }),
          group({
            name: "fast",
            count: 6,
            upload: 0.05 * MBIT,
            download: 4 * MBIT,
            seed_time: "never",
            arrival: { at: 0 },
          }),
          group({
            name: "slow",
            count: 6,
            upload: 0.05 * MBIT,
            download: 0.5 * MBIT,
            seed_time: "never",
            arrival: { at: 0 },
          }),
        ],
      }),
    );
    expect(r.swarm.endReason).toBe("all-done");
    const seedId = r.swarm.peers.find((p) => p.info.initialSeed)!.id;
    const fast = r.swarm.peers.filter((p) => p.info.groupName === "fast");
    const fastIds = new Set(fast.map((p) => p.id));
    const firstFastDoneUs = Math.min(...fast.map((p) => p.completedUs));
    const rounds = r.rechokes.filter((x) => x.peer === seedId);
    let fastSlots = 0;
    let slots = 0;
    // From the third round (rates need two periods to be measured) until a fast peer completes.
    for (const x of rounds.slice(2)) {
      if (x.timeUs >= firstFastDoneUs) break;
      slots += x.regular.length;
      fastSlots += x.regular.filter((q) => fastIds.has(q)).length;
    }
    return {
      distinctIn8Rounds: new Set(rounds.slice(0, 8).flatMap((x) => x.regular)).size,
      fastSlots,
      slots,
      firstFastDoneUs,
    };
  }

  it("round-robin (libtorrent's seed default) rotates its regular slots through every interested peer", () => {
    for (const seed of [1, 2, 3]) {
      // 12 leechers, 3 regular slots, a one-piece quota (met within a round):
      // 8 rounds are enough to visit all of them.
      expect(seedScenario(seed, "round-robin").distinctIn8Rounds).toBe(12);
    }
  });

  it("round-robin keeps a peer unchoked until it has been sent its quota of pieces", () => {
    for (const seed of [1, 2, 3]) {
      // A 20-piece quota (5 MiB) takes longer than 8 rounds at these rates: fewer peers get a turn.
      expect(seedScenario(seed, "round-robin", 20).distinctIn8Rounds).toBeLessThan(12);
    }
  });

  it("fastest-upload (classic) keeps the peers it can upload to fastest, which then finish sooner", () => {
    const totals = { "fastest-upload": [0, 0], "round-robin": [0, 0] };
    for (const seed of [1, 2, 3]) {
      const fu = seedScenario(seed, "fastest-upload");
      const rr = seedScenario(seed, "round-robin");
      expect(fu.distinctIn8Rounds).toBeLessThan(12);
      expect(fu.firstFastDoneUs).toBeLessThan(rr.firstFastDoneUs);
      totals["fastest-upload"][0] += fu.fastSlots;
      totals["fastest-upload"][1] += fu.slots;
      totals["round-robin"][0] += rr.fastSlots;
      totals["round-robin"][1] += rr.slots;
    }
    const share = (k: keyof typeof totals) => totals[k][0] / totals[k][1];
    expect(share("fastest-upload")).toBeGreaterThan(0.8);
    expect(share("round-robin")).toBeLessThan(0.65);
  });
});
