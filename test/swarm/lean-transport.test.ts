/**
 * The lean model's transport (sim/swarm/lean-*.ts, held-requests.ts) on
 * swarms small enough to reason about: where it must give what the block
 * model gives, and the cases that once stalled it.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../sim/cli/load-scenario.ts";
import { simulate } from "../../sim/run/simulate.ts";
import { parseScenario } from "../../sim/scenario/load.ts";

function run(yaml: string, model: "block" | "lean") {
  const config = parseScenario(yaml.replace("MODEL", model), "t.yaml");
  return simulate(config, { check: true });
}

function groupMean(r: ReturnType<typeof run>, name: string): number | null | undefined {
  return r.summary.groups.find((g) => g.group === name)?.download_time_s?.mean;
}

describe("lean transport", () => {
  it("a slow uplink serves a fast receiver beside slow ones (its share is not floored)", () => {
    // Free riders fetch from the seed alone: its 1 Mbit/s is shared four ways,
    // a quarter of it far below 1 % of the fast receiver's 100 Mbit/s. Shares
    // once floored at 1 % of the receiver's capacity left that run at rate 0
    // for good (the fast peer never completed).
    const yaml = `name: t
seed: 1
torrent: { size: 1MiB, piece_size: 256KiB }
network: { model: MODEL, latency: { min: 50ms, max: 50ms } }
groups:
  - { name: s, start_as: seed, upload: 1Mbit/s, download: 100Mbit/s, seed_time: never }
  - { name: fast, count: 1, upload: 1Mbit/s, download: 100Mbit/s, seed_time: never, behaviour: free-rider }
  - { name: slow, count: 3, upload: 1Mbit/s, download: 8Mbit/s, seed_time: never, behaviour: free-rider }
`;
    const block = run(yaml, "block");
    const lean = run(yaml, "lean");
    expect(lean.summary.peers.completed).toBe(4);
    const b = groupMean(block, "fast")!;
    const l = groupMean(lean, "fast")!;
    expect(Math.abs(l / b - 1)).toBeLessThan(0.01);
  });

  it("a piece completes when its last block lands, as under the block model", () => {
    // One connection: the download ends when the last block lands, a latency
    // after its transmission, not when the run carrying it ends.
    const yaml = `name: t
seed: 1
torrent: { size: 1MiB, piece_size: 256KiB }
network: { model: MODEL, latency: { min: 400ms, max: 400ms } }
protocol: { profile: mainline }
groups:
  - { name: s, start_as: seed, upload: 8Mbit/s, download: 100Mbit/s, seed_time: never }
  - { name: l, count: 1, upload: 1Mbit/s, download: 100Mbit/s, seed_time: never, arrival: { at: 0s } }
`;
    const b = groupMean(run(yaml, "block"), "l")!;
    const l = groupMean(run(yaml, "lean"), "l")!;
    expect(Math.abs(l - b)).toBeLessThan(0.05);
  });

  it("a request sent after a CANCEL that arrives in the same microsecond is not cancelled", () => {
    // corrupt-peers seed 7: in endgame a leecher cancels a block at a peer,
    // asks for it again, and both reach the peer at the same rate-limiter
    // tick. Taking the held request before reading the CANCEL (sent first)
    // let the CANCEL remove it, and the leecher waited for that block forever.
    const config = loadScenarioFile("scenarios/corrupt-peers.yaml", {
      sets: ["network.model=lean", "seed=7"],
    });
    const r = simulate(config, { check: true });
    expect(r.summary.peers.completed).toBe(r.summary.peers.leechers);
  }, 60_000);
});
