/**
 * The two libtorrent-style sizing rules behind `protocol.request_queue_time`
 * and `protocol.upload_slots: rate-based`, as pure functions.
 */
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../sim/engine/rng.ts";
import { seedingSeconds } from "../../sim/population/seed-time.ts";
import {
  RATE_CHOKER_STEP as STEP,
  RATE_CHOKER_INITIAL_THRESHOLD as T0,
  uploadSlots,
} from "../../sim/protocol/choker/upload-slots.ts";
import { MAX_REQUEST_QUEUE, requestQueueDepth } from "../../sim/protocol/requests/queue-depth.ts";

const KIB = 1024;

describe("request queue depth", () => {
  const fixed = { pipeline_depth: 5, request_queue_time: 0 };
  const adaptive = { pipeline_depth: 5, request_queue_time: 3 };

  it("is pipeline_depth when request_queue_time is 0, whatever the rate", () => {
    expect(requestQueueDepth(fixed, 16 * KIB, 0)).toBe(5);
    expect(requestQueueDepth(fixed, 16 * KIB, 100e6)).toBe(5);
  });

  it("covers request_queue_time of the measured rate, between pipeline_depth and the cap", () => {
    // 1 MiB/s for 3 s in 16 KiB requests: 192.
    expect(requestQueueDepth(adaptive, 16 * KIB, 1024 * KIB)).toBe(192);
    expect(requestQueueDepth(adaptive, 64 * KIB, 1024 * KIB)).toBe(48);
    expect(requestQueueDepth(adaptive, 16 * KIB, 0)).toBe(5);
    expect(requestQueueDepth(adaptive, 16 * KIB, 10 * KIB)).toBe(5);
    expect(requestQueueDepth(adaptive, 16 * KIB, 1e9)).toBe(MAX_REQUEST_QUEUE);
  });
});

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

  it("rate-based never drops below unchoke_slots, and grows by at most one a round", () => {
    expect(uploadSlots("rate-based", 4, [])).toBe(4);
    expect(uploadSlots("rate-based", 4, [100, 50])).toBe(4);
    const fast = new Array(10).fill(1e6); // ten unchoked peers, each at 1 MB/s
    expect(uploadSlots("rate-based", 4, [...fast, 0, 0, 0])).toBe(11);
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
