/**
 * Each invariant of sim/check on hand-made inputs: the figures that must
 * pass, and the ones just past the bound that must be caught, with the
 * violation's time, peers and figures.
 */
import { describe, expect, it } from "vitest";
import { ByteLedger, type SwarmByteFigures } from "../../sim/check/bytes.ts";
import { CompletionBound } from "../../sim/check/completion.ts";
import { CheckedLinks } from "../../sim/check/links.ts";
import { InvariantViolation } from "../../sim/check/violation.ts";
import { AccessLinks } from "../../sim/net/links.ts";
import type { PeerInfo, SwarmEventKind } from "../../sim/observe/events.ts";
import { makeConfig } from "../helpers/config.ts";

/** Latency fixed at 50 ms so the expected arrival times are plain numbers. */
const config = makeConfig({
  network: { model: "block", addresses: "distinct", latency: { min: 0.05, max: 0.05 } },
});

function catchViolation(f: () => void): InvariantViolation {
  try {
    f();
  } catch (e) {
    if (e instanceof InvariantViolation) return e;
    throw e;
  }
  throw new Error("no violation");
}

describe("link capacity (CheckedLinks)", () => {
  it("allows a link filled exactly, refuses the byte per second beyond it", () => {
    let now = 7_000_000;
    const links = new CheckedLinks(new AccessLinks(3), 3, () => now);
    links.setCapacity(0, 1000, 10_000);
    links.setCapacity(1, 1000, 10_000);
    links.setCapacity(2, 1000, 10_000);
    links.reserve(0, 1, 600);
    links.reserve(0, 2, 400); // uplink 0 full
    links.release(0, 1, 600);
    links.reserve(0, 1, 600);
    now = 8_000_000;
    const v = catchViolation(() => links.reserve(0, 2, 1));
    expect(v.timeUs).toBe(8_000_000);
    expect(v.peers).toEqual([0, 2]);
    expect(v.message).toContain("peer 0's uplink carries 1,001 B/s");
    expect(v.message).toContain("in 3 transmission(s)");
    expect(catchViolation(() => links.reserve(1, 2, Number.NaN)).message).toContain("rate NaN");
    expect(catchViolation(() => links.release(2, 0, 5)).message).toContain("no open transmission");
  });
});

describe("transport (ByteLedger)", () => {
  function ledger(figures: Partial<SwarmByteFigures> = {}) {
    let now = 0;
    const links = new CheckedLinks(new AccessLinks(2), 2, () => now);
    links.setCapacity(0, 16_000, 1e9); // 16 KB/s up: a 16,000-byte block takes 1 s
    links.setCapacity(1, 1e9, 1e9);
    const f = { uploadedBytes: 0, downloadedBytes: 0, lostInTransitBytes: 0, inFlightBytes: 0 };
    const l = new ByteLedger(
      config,
      links,
      () => now,
      () => ({ ...f, ...figures }),
    );
    return {
      l,
      f,
      at: (us: number) => {
        now = us;
      },
    };
  }

  it("a block arrives no sooner than start + size/rate + latency", () => {
    const { l, f, at } = ledger();
    f.uploadedBytes = 16_000;
    l.onTransmission(0, 1, 0, 1_000_000, 16_000);
    at(1_050_000); // 1 s + 50 ms: just in time
    l.onBlockDelivered(0, 1, 16_000, 0);
    f.uploadedBytes = 32_000;
    l.onTransmission(0, 1, 2_000_000, 3_000_000, 16_000);
    at(3_040_000);
    const v = catchViolation(() => l.onBlockDelivered(0, 1, 16_000, 2_000_000));
    expect(v.invariant).toBe("block arrival");
    expect(v.message).toContain("not before 3.050000s");
  });

  it("a transmission takes at least size / slower link", () => {
    const { l, f } = ledger();
    f.uploadedBytes = 16_000;
    const v = catchViolation(() => l.onTransmission(0, 1, 0, 900_000, 16_000));
    expect(v.invariant).toBe("transmission time");
    expect(v.message).toContain("in 900000 µs");
    expect(v.message).toContain("at least 1000000 µs");
  });

  it("the swarm's upload counter must match the transmissions seen", () => {
    const { l, f } = ledger();
    f.uploadedBytes = 15_999;
    expect(catchViolation(() => l.onTransmission(0, 1, 0, 1_000_000, 16_000)).invariant).toBe(
      "byte conservation",
    );
  });

  it("sent = received + lost + in flight", () => {
    const { l, f } = ledger();
    f.uploadedBytes = 16_000;
    l.onTransmission(0, 1, 0, 1_000_000, 16_000);
    f.inFlightBytes = 16_000;
    l.checkBalance();
    f.inFlightBytes = 0;
    f.downloadedBytes = 10_000; // 6,000 bytes unaccounted for
    const v = catchViolation(() => l.checkBalance());
    expect(v.message).toContain(
      "sent 16000 bytes (transmissions seen: 16000) ≠ received 10000 + lost 0 + in flight 0 = 10000",
    );
  });
});

describe("minimum distribution time (CompletionBound)", () => {
  const F = 1_000_000; // bytes
  const cfg = makeConfig({ torrent: { ...makeConfig().torrent, size: F } });
  const peer = (
    id: number,
    uploadBps: number,
    downloadBps: number,
    initialSeed: boolean,
  ): PeerInfo => ({
    id,
    group: 0,
    groupName: "g",
    behaviour: "honest",
    uploadBps,
    downloadBps,
    initialSeed,
    arrivalS: 0,
  });
  const ev = (timeS: number, kind: SwarmEventKind, p: number) => ({
    timeS,
    kind,
    peer: p,
    other: -1,
  });

  /** A seed of 8 Mbit/s (F in 1 s) and two leechers of 4 Mbit/s up, 16 Mbit/s down. */
  function swarm() {
    const b = new CompletionBound(cfg);
    b.attach([peer(0, 8e6, 1e9, true), peer(1, 4e6, 16e6, false), peer(2, 4e6, 16e6, false)]);
    for (const p of [0, 1, 2]) b.onEvent(ev(0, "arrival", p));
    return b;
  }

  it("F/u_s: nobody completes before the seeds could have sent the file once", () => {
    const v = catchViolation(() => swarm().onEvent(ev(0.99, "completion", 1)));
    expect(v.invariant).toBe("minimum distribution time");
    expect(v.peers).toEqual([1]);
    expect(v.message).toContain("(F/u_s)");
    swarm().onEvent(ev(1, "completion", 1));
  });

  it("F/d: nobody completes faster than its own downlink", () => {
    const b = new CompletionBound(cfg);
    b.attach([peer(0, 1e9, 1e9, true), peer(1, 1e6, 4e6, false)]);
    b.onEvent(ev(0, "arrival", 0));
    b.onEvent(ev(0, "arrival", 1));
    expect(catchViolation(() => b.onEvent(ev(1.9, "completion", 1))).message).toContain("(F/d)");
  });

  it("N·F/(u_s + Σu_i): the k-th completion needs k·F uploaded by the peers present", () => {
    // A 16 Mbit/s seed (F in 0.5 s) and two 4 Mbit/s leechers: 3 MB/s in all, so 2F takes 0.667 s.
    const fast = () => {
      const b = new CompletionBound(cfg);
      b.attach([peer(0, 16e6, 1e9, true), peer(1, 4e6, 16e6, false), peer(2, 4e6, 16e6, false)]);
      for (const p of [0, 1, 2]) b.onEvent(ev(0, "arrival", p));
      b.onEvent(ev(0.5, "completion", 1));
      return b;
    };
    fast().onEvent(ev(0.67, "completion", 2));
    const v = catchViolation(() => fast().onEvent(ev(0.6, "completion", 2)));
    expect(v.message).toContain("as completion number 2, which needs 2000000 bytes");
    expect(v.message).toContain("(N·F/(u_s + Σu_i))");
    // Peers that left no longer count: with leecher 2 gone at 0.5 s the same second completion is too early.
    const gone = fast();
    gone.onEvent(ev(0.5, "departure", 2));
    expect(() => gone.onEvent(ev(0.67, "completion", 1))).toThrow(InvariantViolation);
  });
});
