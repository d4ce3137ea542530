/**
 * `protocol.upload_slots: rate-based` and the seeding time, as pure
 * functions. (The rate-adaptive request queue, `protocol.request_queue_time`,
 * is tested on paired wires: libtorrent-mechanisms.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../sim/engine/rng.ts";
import { seedingSeconds } from "../../sim/population/seed-time.ts";
import {
  autoOptimisticSlots,
  RATE_CHOKER_STEP as STEP,
  RATE_CHOKER_INITIAL_THRESHOLD as T0,
  uploadSlots,
} from "../../sim/protocol/choker/upload-slots.ts";

describe("upload slots", () => {
  it("fixed: unchoke_slots whatever the rates", () => {
    expect(uploadSlots("fixed", 4, [1e6, 1e6, 1e6, 1e6, 1e6])).toBe(4);
  });

  it("rate-based: one slot per peer above the rising threshold, plus one", () => {
    // Sorted: 10 000, 6 000, 4 000, 2 000 B/s against thresholds 1 024, 3 072, 5 120, 7 168.
    expect(uploadSlots("rate-based", 1, [2000, 10_000, 4000, 6000])).toBe(3);
    // Exactly on a threshold earns the slot.
    expect(uploadSlots("rate-based", 1, [T0 + STEP, T0 + STEP])).toBe(3);
    expect(uploadSlots("rate-based", 1, [T0 + STEP, T0 + STEP - 1])).toBe(2);
    expect(uploadSlots("rate-based", 1, [T0 - 1])).toBe(1);
  });

  it("rate-based ignores unchoke_slots (libtorrent resets the count to 0), and grows by at most one a round", () => {
    expect(uploadSlots("rate-based", 4, [])).toBe(1);
    expect(uploadSlots("rate-based", 4, [100, 50])).toBe(1);
    const fast = new Array(10).fill(1e6); // ten unchoked peers, each at 1 MB/s
    expect(uploadSlots("rate-based", 4, [...fast, 0, 0, 0])).toBe(11);
    expect(uploadSlots("rate-based", 20, [...fast, 0, 0, 0])).toBe(11);
  });

  it("auto optimistic slots: max(1, slots / 5) of the current count", () => {
    expect([1, 4, 5, 9, 10, 23].map(autoOptimisticSlots)).toEqual([1, 1, 1, 1, 2, 4]);
  });
});

describe("seeding time", () => {
  const streams = new RngStreams(3);

  it("fixed and never need no draw", () => {
    const none = () => {
      throw new Error("no share stream needed");
    };
    expect(seedingSeconds(60, streams.get("a"), none)).toBe(60);
    expect(seedingSeconds("never", streams.get("a"), none)).toBeNull();
    // share 1 seeds always, without asking for the share stream.
    expect(seedingSeconds({ exponential: 60, share: 1 }, streams.get("a"), none)).toBeGreaterThan(
      0,
    );
  });

  it("a share of the peers seeds, for an exponential time of the given mean", () => {
    const n = 4000;
    let seeding = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const s = seedingSeconds({ exponential: 60, share: 0.4 }, streams.get(`l${i}`), () =>
        streams.get(`s${i}`),
      );
      if (s! > 0) {
        seeding++;
        total += s!;
      }
    }
    // Binomial(4000, 0.4): sd ≈ 31; mean of ~1600 exponentials: sd ≈ 60/40 = 1.5 s.
    expect(Math.abs(seeding - 0.4 * n)).toBeLessThan(4 * 31);
    expect(Math.abs(total / seeding - 60)).toBeLessThan(6);
  });
});
