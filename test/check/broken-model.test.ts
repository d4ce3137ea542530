/**
 * `--check` catches a broken model: link models injected into the run (the
 * swarm takes any LinkModel) that cheat in the ways a strategy author's bug
 * would — an uplink that ignores capacity, a downlink that ignores it, a
 * ledger that forgets reservations. Without --check each runs to the end and
 * reports plausible results; with it the run stops at the first overbooked
 * link, naming the time, the peers and the figures.
 */
import { describe, expect, it } from "vitest";
import { InvariantViolation } from "../../sim/check/index.ts";
import { AccessLinks, type LinkModel } from "../../sim/net/links.ts";
import { simulate } from "../../sim/run/simulate.ts";
import { group, makeConfig } from "../helpers/config.ts";

/** A lone seed's uplink shared by leechers with fast downlinks: the uplink is the bottleneck. */
const config = makeConfig({
  groups: [
    group({
      name: "seed",
      start_as: "seed",
      upload: 2e6,
      download: 100e6,
      seed_time: "never",
      arrival: { at: 0 },
    }),
    group({
      name: "l",
      count: 8,
      upload: 1e6,
      download: 50e6,
      arrival: { at: 0 },
      seed_time: "never",
    }),
  ],
});

/** An uplink that always has room: transfers start at the receiver's spare downlink. */
class UplinkIgnoresCapacity extends AccessLinks {
  override upSpare(): number {
    return Number.POSITIVE_INFINITY;
  }
}

/** A downlink that always has room. */
class DownlinkIgnoresCapacity extends AccessLinks {
  override downSpare(): number {
    return Number.POSITIVE_INFINITY;
  }
}

/** Forgets every reservation on the uplink, so its spare capacity never shrinks. */
class ForgetfulUplink extends AccessLinks {
  override reserve(sender: number, receiver: number, rate: number): void {
    super.reserve(sender, receiver, rate);
    this.upInUse[sender] = 0;
  }
}

function violation(links: (n: number) => LinkModel): InvariantViolation {
  try {
    simulate(config, { check: true, links });
  } catch (e) {
    if (e instanceof InvariantViolation) return e;
    throw e;
  }
  throw new Error("the broken model was not caught");
}

describe("--check catches a broken link model", () => {
  it("an uplink that ignores its capacity", () => {
    const links = (n: number) => new UplinkIgnoresCapacity(n);
    // Unchecked, the run completes, and faster than the seed's uplink allows.
    const unchecked = simulate(config, { links });
    expect(unchecked.summary.end_reason).toBe("all-done");
    const v = violation(links);
    expect(v.invariant).toBe("link capacity");
    expect(v.peers[0]).toBe(0); // the seed
    expect(v.message).toMatch(
      /^link capacity violated at t=\d+\.\d{6}s \(peers 0, \d+\): peer 0's uplink carries [\d,]+ B\/s \([\d.]+ Mbit\/s\) in \d+ transmission\(s\) \(the newest to peer \d+\), above its capacity of 250,000 B\/s \(2\.000 Mbit\/s\)$/,
    );
  });

  it("a downlink that ignores its capacity", () => {
    const slowDown = makeConfig({
      groups: [
        group({
          name: "seed",
          start_as: "seed",
          upload: 50e6,
          download: 100e6,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({
          name: "seed2",
          start_as: "seed",
          upload: 50e6,
          download: 100e6,
          seed_time: "never",
          arrival: { at: 0 },
        }),
        group({
          name: "l",
          count: 2,
          upload: 1e6,
          download: 2e6,
          arrival: { at: 0 },
          seed_time: "never",
        }),
      ],
      protocol: { ...makeConfig().protocol, choker: "unchoke-all" },
    });
    let caught: unknown = null;
    try {
      simulate(slowDown, { check: true, links: (n) => new DownlinkIgnoresCapacity(n) });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvariantViolation);
    expect((caught as InvariantViolation).message).toMatch(
      /downlink carries .* above its capacity of 250,000 B\/s/,
    );
  });

  it("a link ledger that forgets reservations", () => {
    expect(violation((n) => new ForgetfulUplink(n)).invariant).toBe("link capacity");
  });

  it("the real model passes the same scenario", () => {
    expect(simulate(config, { check: true }).check!.linkReservations).toBeGreaterThan(0);
  });
});
