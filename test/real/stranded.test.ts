/**
 * The real swarm's stranded-piece time (scripts/real/stranded.ts) from a
 * synthetic piece-holding log: who holds what when, who is present, and the
 * simulator's strandedSeconds over rows sampled like the twin's.
 */
import { describe, expect, it } from "vitest";
import {
  decodeHave,
  gridRows,
  type HoldingTrace,
  holdingRows,
  realStrandedSeconds,
} from "../../scripts/real/stranded.ts";

const seed: HoldingTrace = {
  role: "seed",
  readyS: 0,
  completeS: null,
  leftS: null,
  // A seed_mode torrent may report no bitfield: it holds every piece all the same.
  samples: [{ t: 0, have: "" }],
};

/** Four pieces; each leecher leaves the instant it completes (--leave). */
function selfish(): HoldingTrace[] {
  return [
    seed,
    {
      role: "leecher",
      readyS: 0,
      completeS: 2,
      leftS: 2,
      samples: [
        { t: 0, have: "0" },
        { t: 1, have: "c" }, // pieces 0, 1
        { t: 2, have: "f" },
      ],
    },
    {
      role: "leecher",
      readyS: 0,
      completeS: 4,
      leftS: 4,
      samples: [
        { t: 0, have: "0" },
        { t: 1, have: "3" }, // pieces 2, 3: with the first, the crowd holds every piece
        { t: 3, have: "b" }, // + piece 0, back from the seed after the first left with it
        { t: 4, have: "f" },
      ],
    },
  ];
}

describe("decodeHave", () => {
  it("reads piece 0 from the first digit's high bit, as BEP 3's bitfield", () => {
    expect([...decodeHave("a", 4)]).toEqual([1, 0, 1, 0]);
    expect([...decodeHave("80", 5)]).toEqual([1, 0, 0, 0, 0]);
    expect([...decodeHave("", 3)]).toEqual([0, 0, 0]);
  });
});

describe("holdingRows", () => {
  it("counts pieces held by present seeds and no present leecher, at each change", () => {
    const rows = holdingRows(selfish(), 4);
    expect(rows.map((r) => [r.time_s, r.leechers, r.completed, r.pieces_only_at_seeds])).toEqual([
      [0, 2, 0, 4],
      [1, 2, 0, 0],
      // The first leecher completes and leaves with pieces 0 and 1.
      [2, 1, 1, 2],
      [3, 1, 1, 1],
      // No leecher left: every piece is at the seed alone (as in the simulator's column).
      [4, 0, 2, 4],
    ]);
  });

  it("counts a leecher that completed and stayed as a seed", () => {
    const stay = selfish().map((c) => ({ ...c, leftS: null }));
    const rows = holdingRows(stay, 4);
    expect(rows.find((r) => r.time_s === 2)?.pieces_only_at_seeds).toBe(2);
    expect(rows.find((r) => r.time_s === 2)?.leechers).toBe(1);
  });

  it("ignores polls before arrival and after departure", () => {
    const late = selfish();
    late[1] = { ...late[1], samples: [...late[1].samples, { t: 2.5, have: "c" }] };
    expect(holdingRows(late, 4)).toEqual(holdingRows(selfish(), 4));
  });
});

describe("gridRows", () => {
  it("reads the step function every step, from the first change to the last", () => {
    const g = gridRows(holdingRows(selfish(), 4), 0.5);
    expect(g.map((r) => r.time_s)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expect(g.map((r) => r.pieces_only_at_seeds)).toEqual([4, 4, 0, 0, 2, 2, 1, 1, 4]);
  });
});

describe("realStrandedSeconds", () => {
  it("counts from the crowd's holding every piece to 90 % complete, while leechers are present", () => {
    // Stranded from t = 2 (the first leaves with pieces 0, 1) until the second completes at 4.
    expect(realStrandedSeconds(selfish(), 4, 0.5)).toBe(2);
    expect(realStrandedSeconds(selfish(), 4, 0.05)).toBeCloseTo(2, 6);
  });

  it("counts pieces held only by a leecher that completed and stayed, as the simulator does", () => {
    const stay = selfish().map((c) => ({ ...c, leftS: null }));
    expect(realStrandedSeconds(stay, 4, 0.5)).toBe(2);
  });

  it("is 0 when the crowd is done as soon as it holds every piece", () => {
    const never: HoldingTrace[] = [
      seed,
      { role: "leecher", readyS: 0, completeS: 1, leftS: 1, samples: [{ t: 1, have: "f" }] },
    ];
    expect(realStrandedSeconds(never, 4, 0.5)).toBe(0);
  });

  it("is null when the crowd never held every piece and nobody completed", () => {
    const stuck: HoldingTrace[] = [
      seed,
      { role: "leecher", readyS: 0, completeS: null, leftS: null, samples: [{ t: 1, have: "8" }] },
    ];
    expect(realStrandedSeconds(stuck, 4, 0.5)).toBeNull();
  });
});

describe("a seed that arrives after some leechers", () => {
  it("starts the rows, and so the stranded count, at the seed's arrival", () => {
    const late = selfish();
    late[0] = { ...seed, readyS: 0.5 };
    const rows = holdingRows(late, 4);
    expect(rows[0].time_s).toBe(0.5);
    expect(rows[0].pieces_only_at_seeds).toBe(4);
    expect(realStrandedSeconds(late, 4, 0.5)).toBe(2);
  });
});
