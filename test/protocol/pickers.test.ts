import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import {
  hasPiece,
  PICKERS,
  type PiecePicker,
  withRandomFirst,
} from "../../sim/protocol/picker/index.ts";
import { pickRandom } from "../../sim/protocol/picker/random.ts";
import { pickRarestFirst } from "../../sim/protocol/picker/rarest-first.ts";
import { pickSequential } from "../../sim/protocol/picker/sequential.ts";
import { indicesOf, type PickerFixture, pickerView } from "../helpers/fixtures.ts";

/** How often each piece is picked over `trials` seeds (index → count). */
function histogram(
  picker: PiecePicker,
  f: Omit<PickerFixture, "seed">,
  trials: number,
): Map<number, number> {
  const h = new Map<number, number>();
  for (let s = 0; s < trials; s++) {
    const p = picker(pickerView({ ...f, seed: s }));
    h.set(p, (h.get(p) ?? 0) + 1);
  }
  return h;
}

/** Asserts the picks are exactly `expected` (each one at least once) and roughly uniform (±tol). */
function expectUniformOver(
  h: Map<number, number>,
  expected: readonly number[],
  trials: number,
  tol: number,
) {
  expect([...h.keys()].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  const fair = trials / expected.length;
  for (const p of expected) expect(Math.abs((h.get(p) ?? 0) / fair - 1)).toBeLessThan(tol);
}

describe("fixture helper", () => {
  it("parses availability digits and have-sets", () => {
    const v = pickerView({
      availability: "2203",
      remote: "* .*",
      startable: "1.0*",
      held: 2,
      seed: 3,
    });
    expect(v.pieceCount).toBe(4);
    expect([...v.availability]).toEqual([2, 2, 0, 3]);
    expect([0, 1, 2, 3].map((p) => hasPiece(v.remoteHas, p))).toEqual([1, 0, 0, 1]);
    expect([...v.startable]).toEqual([1, 0, 0, 1]);
    expect(v.piecesHeld).toBe(2);
    expect(indicesOf("* .*")).toEqual([0, 3]);
    expect(() => pickerView({ availability: "12", remote: "*" })).toThrow();
    expect(() => pickerView({ availability: "1x" })).toThrow();
  });
});

describe("rarest-first", () => {
  it("picks the minimum-availability piece", () => {
    expect(pickRarestFirst(pickerView({ availability: "5553555" }))).toBe(3);
    expect(pickRarestFirst(pickerView({ availability: "1999999" }))).toBe(0);
    expect(pickRarestFirst(pickerView({ availability: "9999990" }))).toBe(6);
  });

  it("ignores pieces the remote lacks and pieces that are not startable, even if rarer", () => {
    const f = { availability: "1123456", remote: " ******", startable: "* *****" };
    for (let s = 0; s < 50; s++) expect(pickRarestFirst(pickerView({ ...f, seed: s }))).toBe(2);
  });

  it("finds the rarest piece across 32-piece words: first, 31st, 32nd and last of 100", () => {
    for (const rare of [0, 31, 32, 63, 64, 99]) {
      const availability = Array.from({ length: 100 }, (_, p) => (p === rare ? "1" : "5")).join("");
      expect(pickRarestFirst(pickerView({ availability }))).toBe(rare);
      // Remote lacks everything but the rare piece and piece 50: still found, in any word.
      const remote = Array.from({ length: 100 }, (_, p) =>
        p === rare || p === 50 ? "*" : " ",
      ).join("");
      expect(pickSequential(pickerView({ availability, remote }))).toBe(Math.min(rare, 50));
      expect([rare, 50]).toContain(pickRandom(pickerView({ availability, remote })));
    }
  });

  it("returns -1 when the remote has nothing we can start", () => {
    expect(
      pickRarestFirst(pickerView({ availability: "1234", remote: "*  *", startable: " ** " })),
    ).toBe(-1);
    expect(pickRarestFirst(pickerView({ availability: "1234", remote: "    " }))).toBe(-1);
    expect(pickRarestFirst(pickerView({ availability: "1234", startable: "...." }))).toBe(-1);
    expect(pickRarestFirst(pickerView({ availability: "" }))).toBe(-1);
  });

  it("breaks ties at random: over many seeds every tied piece is picked about equally, never another", () => {
    // Rarest startable-and-remote pieces: 1, 3, 6 (availability 1). Piece 5 is
    // also 1 but not startable; piece 0 is 0 but the remote lacks it.
    const f = { availability: "0131411", remote: " ******", startable: "***** *" };
    const trials = 6000;
    expectUniformOver(histogram(pickRarestFirst, f, trials), [1, 3, 6], trials, 0.1);
  });

  it("breaks a tie between the first and last piece fairly", () => {
    const trials = 4000;
    expectUniformOver(
      histogram(pickRarestFirst, { availability: "28888882" }, trials),
      [0, 7],
      trials,
      0.1,
    );
  });

  it("is deterministic for the same random stream", () => {
    const f = { availability: "11111111111111111111" };
    const a = Array.from({ length: 20 }, (_, s) => pickRarestFirst(pickerView({ ...f, seed: s })));
    const b = Array.from({ length: 20 }, (_, s) => pickRarestFirst(pickerView({ ...f, seed: s })));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it("property: on random views the pick is an eligible piece of minimum availability, or -1 iff none", () => {
    const gen = new Rng("rarest-property");
    for (let t = 0; t < 2000; t++) {
      const n = gen.int(30);
      const chars = (p: number) =>
        Array.from({ length: n }, () => (gen.chance(p) ? "*" : ".")).join("");
      const f = {
        availability: Array.from({ length: n }, () => String(gen.int(10))).join(""),
        remote: chars(0.6),
        startable: chars(0.6),
        seed: t,
      };
      const view = pickerView(f);
      const eligible = indicesOf(f.remote).filter((p) => view.startable[p] === 1);
      const got = pickRarestFirst(view);
      if (eligible.length === 0) {
        expect(got).toBe(-1);
        continue;
      }
      const min = Math.min(...eligible.map((p) => view.availability[p]));
      expect(eligible).toContain(got);
      expect(view.availability[got]).toBe(min);
    }
  });
});

describe("random", () => {
  it("picks only eligible pieces and covers all of them about uniformly", () => {
    // Eligible: remote has and startable → 0, 2, 5, 6.
    const f = { availability: "1111111", remote: "*.*****", startable: "* * .**" };
    const eligible = indicesOf(f.remote).filter((p) => indicesOf(f.startable).includes(p));
    expect(eligible).toEqual([0, 2, 5, 6]);
    const trials = 8000;
    expectUniformOver(histogram(pickRandom, f, trials), eligible, trials, 0.1);
  });

  it("ignores availability", () => {
    const trials = 4000;
    expectUniformOver(
      histogram(pickRandom, { availability: "0999" }, trials),
      [0, 1, 2, 3],
      trials,
      0.12,
    );
  });

  it("returns -1 when nothing is eligible and the only eligible piece when there is one", () => {
    expect(pickRandom(pickerView({ availability: "123", remote: "*..", startable: ".**" }))).toBe(
      -1,
    );
    for (let s = 0; s < 20; s++) {
      expect(
        pickRandom(pickerView({ availability: "123", remote: ".**", startable: "*.*", seed: s })),
      ).toBe(2);
    }
  });
});

describe("sequential", () => {
  it("picks the lowest eligible index regardless of availability and seed", () => {
    const f = { availability: "9990111", remote: ".******", startable: "*..****" };
    for (let s = 0; s < 20; s++) expect(pickSequential(pickerView({ ...f, seed: s }))).toBe(3);
    expect(pickSequential(pickerView({ availability: "555" }))).toBe(0);
  });

  it("returns -1 when nothing is eligible", () => {
    expect(
      pickSequential(pickerView({ availability: "111", remote: "..*", startable: "**." })),
    ).toBe(-1);
  });
});

describe("withRandomFirst", () => {
  const rarestThenRandom = withRandomFirst(pickRarestFirst, 4);
  // Piece 0 is the unique rarest; rarest-first always picks it.
  const f = { availability: "19999999" };

  it("picks at random (not always the rarest) while fewer than 4 pieces are held", () => {
    for (const held of [0, 1, 2, 3]) {
      const trials = 4000;
      const h = histogram(rarestThenRandom, { ...f, held }, trials);
      expectUniformOver(h, [0, 1, 2, 3, 4, 5, 6, 7], trials, 0.15);
    }
  });

  it("random-first still only picks eligible pieces", () => {
    const g = { availability: "19999999", remote: "*.******", startable: "****..**", held: 0 };
    const trials = 4000;
    expectUniformOver(histogram(rarestThenRandom, g, trials), [0, 2, 3, 6, 7], trials, 0.15);
  });

  it("switches to rarest-first from 4 pieces held on", () => {
    for (const held of [4, 5, 100]) {
      for (let s = 0; s < 200; s++)
        expect(rarestThenRandom(pickerView({ ...f, held, seed: s }))).toBe(0);
    }
  });

  it("is the picker itself when the cutoff is 0 or the picker is already random", () => {
    expect(withRandomFirst(pickRarestFirst, 0)).toBe(pickRarestFirst);
    expect(withRandomFirst(pickSequential, -1)).toBe(pickSequential);
    expect(withRandomFirst(pickRandom, 4)).toBe(pickRandom);
  });

  it("wraps sequential the same way", () => {
    const seqFirst = withRandomFirst(pickSequential, 2);
    const h = histogram(seqFirst, { availability: "1111", held: 1 }, 2000);
    expect(h.size).toBe(4);
    for (let s = 0; s < 50; s++)
      expect(seqFirst(pickerView({ availability: "1111", held: 2, seed: s }))).toBe(0);
  });
});

describe("PICKERS registry", () => {
  it("names exactly the three pickers the scenario schema knows", () => {
    expect(Object.keys(PICKERS).sort()).toEqual(["random", "rarest-first", "sequential"]);
    expect(PICKERS["rarest-first"]).toBe(pickRarestFirst);
    expect(PICKERS.random).toBe(pickRandom);
    expect(PICKERS.sequential).toBe(pickSequential);
  });

  it("each registered picker behaves as its name says", () => {
    const v = () => pickerView({ availability: "3321", remote: "***.", startable: "****" });
    expect(PICKERS.sequential(v())).toBe(0);
    expect(PICKERS["rarest-first"](v())).toBe(2);
    expect([0, 1, 2]).toContain(PICKERS.random(v()));
  });
});
