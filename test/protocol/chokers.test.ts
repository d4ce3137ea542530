import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { fastestUpload } from "../../sim/protocol/choker/fastest-upload.ts";
import {
  type ChokeCandidate,
  type ChokeContext,
  LEECHER_CHOKERS,
  pickOptimistic,
  SEED_CHOKERS,
} from "../../sim/protocol/choker/index.ts";
import { quotaRotation } from "../../sim/protocol/choker/quota-rotation.ts";
import { roundRobin } from "../../sim/protocol/choker/round-robin.ts";
import { titForTat } from "../../sim/protocol/choker/tit-for-tat.ts";
import { titForTatRoundRobin } from "../../sim/protocol/choker/tit-for-tat-rr.ts";
import { unchokeAll } from "../../sim/protocol/choker/unchoke-all.ts";
import { candidate, candidates } from "../helpers/fixtures.ts";

const ctx = (slots: number, seed = "choker"): ChokeContext => ({ slots, rng: new Rng(seed) });
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe("fixture helper", () => {
  it("parses a candidate table with defaults", () => {
    const cs = candidates(`
      handle int down up snub last new
      7      *   100  5  .    -1   *
      8      .   0    0  *    300  .
    `);
    expect(cs).toEqual([
      candidate(7, { downloadRate: 100, uploadRate: 5, isNew: true }),
      candidate(8, { interested: false, snubbed: true, lastUnchokedUs: 300 }),
    ]);
    expect(() => candidates("handle bogus\n1 2")).toThrow();
  });
});

describe("tit-for-tat", () => {
  // Uninterested 1 and snubbed 4 have the best rates but must not get a slot.
  const peers = candidates(`
    handle int down  up   snub
    0      *   100   900  .
    1      .   5000  0    .
    2      *   300   0    .
    3      *   50    0    .
    4      *   9000  0    *
    5      *   200   0    .
    6      *   0     0    .
  `);

  it("unchokes the `slots` interested, unsnubbed peers with the highest download rate, best first", () => {
    expect(titForTat(peers, ctx(3))).toEqual([2, 5, 0]);
    expect(titForTat(peers, ctx(1))).toEqual([2]);
  });

  it("never unchokes uninterested or snubbed peers, even with slots to spare", () => {
    const got = titForTat(peers, ctx(10));
    expect(sorted(got)).toEqual([0, 2, 3, 5, 6]);
    expect(got).not.toContain(1);
    expect(got).not.toContain(4);
  });

  it("returns nothing for zero slots or no eligible candidates", () => {
    expect(titForTat(peers, ctx(0))).toEqual([]);
    expect(titForTat([], ctx(4))).toEqual([]);
    expect(
      titForTat(
        candidates(`
          handle int snub down
          0      .   .    10
          1      *   *    10
        `),
        ctx(4),
      ),
    ).toEqual([]);
  });

  it("keeps the given order among equal rates (deterministic)", () => {
    const ties = [3, 1, 4, 0, 2].map((h) => candidate(h, { downloadRate: 10 }));
    expect(titForTat(ties, ctx(3))).toEqual([3, 1, 4]);
  });

  it("does not mutate the candidate list", () => {
    const copy = structuredClone(peers);
    titForTat(peers, ctx(3));
    expect(peers).toEqual(copy);
  });

  it("property: matches a reference ranking on random candidate sets", () => {
    const gen = new Rng("tft-property");
    for (let t = 0; t < 500; t++) {
      const n = gen.int(25);
      const cs: ChokeCandidate[] = Array.from({ length: n }, (_, i) =>
        candidate(i * 3 + 1, {
          interested: gen.chance(0.7),
          snubbed: gen.chance(0.2),
          downloadRate: gen.int(20) * 1000, // coarse → ties
          uploadRate: gen.int(1e6),
        }),
      );
      const slots = gen.int(8);
      const ref = cs
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => c.interested && !c.snubbed)
        .sort((x, y) => y.c.downloadRate - x.c.downloadRate || x.i - y.i)
        .slice(0, slots)
        .map(({ c }) => c.handle);
      expect(titForTat(cs, ctx(slots))).toEqual(ref);
    }
  });
});

describe("fastest-upload", () => {
  const peers = candidates(`
    handle int down  up   snub
    0      *   9000  10   .
    1      *   0     500  .
    2      .   0     9999 .
    3      *   0     300  *
    4      *   0     700  .
  `);

  it("ranks interested peers by upload rate, ignoring download rate", () => {
    expect(fastestUpload(peers, ctx(2))).toEqual([4, 1]);
    expect(fastestUpload(peers, ctx(4))).toEqual([4, 1, 3, 0]);
  });

  it("never unchokes uninterested peers", () => {
    expect(fastestUpload(peers, ctx(10))).not.toContain(2);
  });
});

describe("round-robin", () => {
  const peers = candidates(`
    handle int last     down
    0      *   5000000  999
    1      *   -1       0
    2      *   1000     0
    3      .   -1       0
    4      *   3000000  0
    5      *   0        0
  `);

  it("prefers the longest-waiting peers: never unchoked (-1) first, then smallest lastUnchokedUs", () => {
    expect(roundRobin(peers, ctx(3))).toEqual([1, 5, 2]);
    expect(roundRobin(peers, ctx(10))).toEqual([1, 5, 2, 4, 0]);
  });

  it("rotates: after unchoking the chosen peers, the next round picks the others", () => {
    let cs = peers.slice();
    let now = 10_000_000;
    const seen = new Set<number>();
    for (let round = 0; round < 3; round++) {
      const got = roundRobin(cs, ctx(2));
      expect(got).toHaveLength(2);
      for (const h of got) {
        expect(seen.has(h) && round < 2).toBe(false);
        seen.add(h);
      }
      cs = cs.map((c) => (got.includes(c.handle) ? { ...c, lastUnchokedUs: now } : c));
      now += 1_000_000;
    }
    // Five interested peers, two slots: two full rounds visit four distinct peers, the third the fifth.
    expect(sorted([...seen])).toEqual([0, 1, 2, 4, 5]);
  });

  it("never unchokes uninterested peers", () => {
    expect(roundRobin(peers, ctx(10))).not.toContain(3);
  });
});

describe("tit-for-tat-rr (libtorrent's unchoke_sort)", () => {
  const peer = (handle: number, c: Partial<ChokeCandidate>) => candidate(handle, c);

  it("ranks on the bytes received in the last round, not the 20 s rolling rate; snubbed peers are not excluded", () => {
    const cs = [
      peer(0, { downloadedLastRoundBytes: 10, downloadRate: 900 }),
      peer(1, { downloadedLastRoundBytes: 500, downloadRate: 1 }),
      peer(2, { downloadedLastRoundBytes: 300, snubbed: true }),
      peer(3, { downloadedLastRoundBytes: 900, interested: false }),
    ];
    expect(titForTatRoundRobin(cs, ctx(2))).toEqual([1, 2]);
  });

  it("breaks ties (peers that sent nothing) in round-robin order: the longest-waiting first", () => {
    const cs = [
      peer(0, { downloadedLastRoundBytes: 0, lastUnchokedUs: 50 }),
      peer(1, { downloadedLastRoundBytes: 0, lastUnchokedUs: -1 }),
      peer(2, { downloadedLastRoundBytes: 0, lastUnchokedUs: 10 }),
      peer(3, { downloadedLastRoundBytes: 7 }),
    ];
    expect(titForTatRoundRobin(cs, ctx(3))).toEqual([3, 1, 2]);
  });

  it("shuffles exact ties, so peers do not all favour their earliest connections", () => {
    const cs = [0, 1, 2, 3, 4, 5].map((h) => peer(h, {}));
    const firsts = new Set<number>();
    for (let i = 0; i < 50; i++) firsts.add(titForTatRoundRobin(cs, ctx(1, `s${i}`))[0]);
    expect(firsts.size).toBeGreaterThan(3);
  });
});

describe("quota-rotation", () => {
  const QUOTA = 256 * 1024;
  const peers = [
    candidate(0, { unchoked: true, lastUnchokedUs: 9e6, sentSinceUnchokeBytes: QUOTA - 1 }),
    candidate(1, { unchoked: true, lastUnchokedUs: 1e6, sentSinceUnchokeBytes: QUOTA }),
    candidate(2, { lastUnchokedUs: -1 }),
    candidate(3, { lastUnchokedUs: 5e6 }),
  ];

  it("keeps a peer whose turn is not over, then gives the slots to the longest-waiting", () => {
    const c = { slots: 2, rng: new Rng("q"), quotaBytes: QUOTA };
    expect(quotaRotation(peers, c)).toEqual([0, 2]);
    expect(quotaRotation(peers, { ...c, slots: 4 })).toEqual([0, 2, 1, 3]);
  });
});

describe("unchoke-all", () => {
  it("returns every interested peer, whatever the slots, snubbing or rates", () => {
    const peers = candidates(`
      handle int snub
      0      *   .
      1      .   .
      2      *   *
      3      *   .
      4      .   *
    `);
    expect(unchokeAll(peers, ctx(1))).toEqual([0, 2, 3]);
    expect(unchokeAll([], ctx(1))).toEqual([]);
  });
});

describe("pickOptimistic", () => {
  const peers = candidates(`
    handle int new
    10     *   *
    11     *   *
    12     *   .
    13     *   .
    14     .   *
    15     .   .
    16     *   *
    17     *   .
  `);

  it("only picks interested, non-excluded peers", () => {
    const rng = new Rng("opt-eligible");
    const exclude = new Set([16, 17]);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) seen.add(pickOptimistic(peers, exclude, rng));
    expect(sorted([...seen])).toEqual([10, 11, 12, 13]);
  });

  it("returns -1 when no peer is eligible", () => {
    const rng = new Rng("opt-none");
    expect(pickOptimistic([], new Set(), rng)).toBe(-1);
    expect(pickOptimistic(peers, new Set([10, 11, 12, 13, 16, 17]), rng)).toBe(-1);
    expect(
      pickOptimistic(
        peers.filter((c) => !c.interested),
        new Set(),
        rng,
      ),
    ).toBe(-1);
  });

  it("returns the only eligible peer", () => {
    const rng = new Rng("opt-one");
    for (let i = 0; i < 20; i++)
      expect(pickOptimistic(peers, new Set([10, 11, 12, 16, 17]), rng)).toBe(13);
  });

  it("picks new peers about 3× as often as old ones (30k draws, ±10%)", () => {
    const rng = new Rng("opt-weights");
    const exclude = new Set<number>();
    const counts = new Map<number, number>();
    const draws = 30_000;
    for (let i = 0; i < draws; i++) {
      const h = pickOptimistic(peers, exclude, rng);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    // Eligible: new 10, 11, 16 (weight 3 each), old 12, 13, 17 (weight 1 each) → total 12.
    expect(sorted([...counts.keys()])).toEqual([10, 11, 12, 13, 16, 17]);
    const newly = [10, 11, 16].map((h) => counts.get(h) ?? 0);
    const old = [12, 13, 17].map((h) => counts.get(h) ?? 0);
    const ratio = newly.reduce((a, b) => a + b) / old.reduce((a, b) => a + b);
    expect(Math.abs(ratio / 3 - 1)).toBeLessThan(0.1);
    for (const c of newly) expect(Math.abs(c / (draws * (3 / 12)) - 1)).toBeLessThan(0.1);
    for (const c of old) expect(Math.abs(c / (draws * (1 / 12)) - 1)).toBeLessThan(0.1);
  });

  it("is deterministic for the same random stream", () => {
    const a = new Rng("opt-det");
    const b = new Rng("opt-det");
    const none = new Set<number>();
    const xs = Array.from({ length: 50 }, () => pickOptimistic(peers, none, a));
    const ys = Array.from({ length: 50 }, () => pickOptimistic(peers, none, b));
    expect(xs).toEqual(ys);
  });
});

describe("registries", () => {
  it("LEECHER_CHOKERS names the leecher policies", () => {
    expect(Object.keys(LEECHER_CHOKERS).sort()).toEqual([
      "quota-rotation",
      "round-robin",
      "tit-for-tat",
      "tit-for-tat-rr",
      "unchoke-all",
    ]);
    expect(LEECHER_CHOKERS["tit-for-tat"].choose).toBe(titForTat);
    expect(LEECHER_CHOKERS["round-robin"].choose).toBe(roundRobin);
    expect(LEECHER_CHOKERS["unchoke-all"].choose).toBe(unchokeAll);
    // Only unchoke-all lifts the slot limit (and so has no optimistic slot).
    expect(
      Object.entries(LEECHER_CHOKERS)
        .filter(([, c]) => c.unlimited)
        .map(([n]) => n),
    ).toEqual(["unchoke-all"]);
  });

  it("SEED_CHOKERS names the seed policies", () => {
    expect(Object.keys(SEED_CHOKERS).sort()).toEqual([
      "fastest-upload",
      "quota-rotation",
      "round-robin",
    ]);
    expect(SEED_CHOKERS["quota-rotation"].choose).toBe(quotaRotation);
    expect(SEED_CHOKERS["fastest-upload"].choose).toBe(fastestUpload);
    expect(SEED_CHOKERS["round-robin"].choose).toBe(roundRobin);
  });

  it("every registered choker returns at most `slots` interested handles (unchoke-all: all interested)", () => {
    const gen = new Rng("registry-property");
    const all = { ...LEECHER_CHOKERS, ...SEED_CHOKERS };
    for (let t = 0; t < 200; t++) {
      const cs = Array.from({ length: gen.int(15) }, (_, i) =>
        candidate(i, {
          interested: gen.chance(0.6),
          snubbed: gen.chance(0.2),
          downloadRate: gen.int(100),
          uploadRate: gen.int(100),
          lastUnchokedUs: gen.chance(0.3) ? -1 : gen.int(1e7),
          isNew: gen.chance(0.3),
        }),
      );
      const interested = new Set(cs.filter((c) => c.interested).map((c) => c.handle));
      const slots = gen.int(6);
      for (const [name, choker] of Object.entries(all)) {
        const got = choker.choose(cs, ctx(slots));
        expect(new Set(got).size, name).toBe(got.length);
        for (const h of got) expect(interested.has(h), name).toBe(true);
        if (name === "unchoke-all") expect(got.length).toBe(interested.size);
        else expect(got.length, name).toBeLessThanOrEqual(slots);
      }
    }
  });
});
