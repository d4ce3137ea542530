import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { AccessLinks } from "../../sim/net/links.ts";

describe("AccessLinks", () => {
  it("starts with zero capacity and zero use; setCapacity sets the spares", () => {
    const links = new AccessLinks(3);
    expect(links.upSpare(0)).toBe(0);
    expect(links.downSpare(2)).toBe(0);
    links.setCapacity(1, 1000, 8000);
    expect(links.upSpare(1)).toBe(1000);
    expect(links.downSpare(1)).toBe(8000);
    expect(links.upSpare(0)).toBe(0);
  });

  it("reserve charges the sender's uplink and the receiver's downlink only", () => {
    const links = new AccessLinks(3);
    for (let p = 0; p < 3; p++) links.setCapacity(p, 1000, 5000);
    links.reserve(0, 1, 300);
    expect(links.upSpare(0)).toBe(700);
    expect(links.downSpare(1)).toBe(4700);
    expect(links.downSpare(0)).toBe(5000);
    expect(links.upSpare(1)).toBe(1000);
    expect(links.upSpare(2)).toBe(1000);
    expect(links.downSpare(2)).toBe(5000);
    links.reserve(0, 2, 700);
    expect(links.upSpare(0)).toBe(0);
    expect(links.downSpare(2)).toBe(4300);
    links.release(0, 1, 300);
    expect(links.upSpare(0)).toBe(300);
    expect(links.downSpare(1)).toBe(5000);
  });

  it("returns to exactly 0 in use after releasing awkward float rates in any order", () => {
    const links = new AccessLinks(2);
    links.setCapacity(0, 1, 1);
    links.setCapacity(1, 1, 1);
    const rates = [0.1, 0.2, 0.3, 1 / 3, 0.07];
    for (const r of rates) links.reserve(0, 1, r);
    for (const r of [0.3, 0.1, 0.07, 1 / 3, 0.2]) links.release(0, 1, r);
    expect(links.upInUse[0]).toBe(0);
    expect(links.downInUse[1]).toBe(0);
    expect(links.upSpare(0)).toBe(1);
    expect(links.downSpare(1)).toBe(1);
  });

  it("property: random reserve/release sequences keep in-use = sum of open rates, and idle links exactly 0", () => {
    const gen = new Rng("links-property");
    const n = 8;
    const links = new AccessLinks(n);
    for (let p = 0; p < n; p++) links.setCapacity(p, 1e6 * (p + 1), 2e6 * (p + 1));
    const open: { s: number; r: number; rate: number }[] = [];
    for (let step = 0; step < 20_000; step++) {
      if (open.length === 0 || gen.chance(0.55)) {
        const s = gen.int(n);
        const r = gen.int(n);
        const rate = Math.min(links.upSpare(s), links.downSpare(r)) * gen.next();
        links.reserve(s, r, rate);
        open.push({ s, r, rate });
      } else {
        const [tx] = open.splice(gen.int(open.length), 1);
        links.release(tx.s, tx.r, tx.rate);
      }
      if (step % 97 === 0) {
        for (let p = 0; p < n; p++) {
          const up = open.filter((t) => t.s === p).reduce((a, t) => a + t.rate, 0);
          const down = open.filter((t) => t.r === p).reduce((a, t) => a + t.rate, 0);
          if (!open.some((t) => t.s === p)) expect(links.upInUse[p]).toBe(0);
          if (!open.some((t) => t.r === p)) expect(links.downInUse[p]).toBe(0);
          expect(Math.abs(links.upInUse[p] - up)).toBeLessThan(1e-6);
          expect(Math.abs(links.downInUse[p] - down)).toBeLessThan(1e-6);
          // Rates were chosen within the spare capacity, so no link is oversubscribed.
          expect(links.upSpare(p)).toBeGreaterThan(-1e-6);
          expect(links.downSpare(p)).toBeGreaterThan(-1e-6);
        }
      }
    }
    while (open.length > 0) {
      const tx = open.pop()!;
      links.release(tx.s, tx.r, tx.rate);
    }
    for (let p = 0; p < n; p++) {
      expect(links.upInUse[p]).toBe(0);
      expect(links.downInUse[p]).toBe(0);
      expect(links.upSpare(p)).toBe(links.upCapacity[p]);
      expect(links.downSpare(p)).toBe(links.downCapacity[p]);
    }
  });
});
