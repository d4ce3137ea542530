/**
 * BEP 6 in whole swarms (scenarios/small.yaml), under both network models:
 * the libtorrent profile's peers exchange HAVE_ALL / HAVE_NONE, ALLOWED_FAST
 * and REJECT_REQUEST and every leecher still completes (with `--check`'s
 * invariants: test/check); the mainline profile (allowed_fast_set_size 0)
 * sends none of them; on one shared address (loopback) every peer is allowed
 * the same pieces.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { WireTrace } from "../../sim/observe/events.ts";
import { parseScenario } from "../../sim/scenario/load.ts";
import { runTraced } from "../fidelity/trace.ts";

const FAST = ["have_all", "have_none", "allowed_fast", "reject_request"] as const;

function run(given: string[]) {
  const file = "scenarios/small.yaml";
  // The extension is opt-in for now (docs/model.md, "The Fast Extension"): the libtorrent
  // cases turn it on at libtorrent's own size, 5; the mainline case leaves its profile's 0.
  const mainline = given.includes("protocol.profile=mainline");
  const sets = mainline ? given : [...given, "protocol.allowed_fast_set_size=5"];
  const config = parseScenario(readFileSync(file, "utf8"), file, { sets });
  const t = runTraced(config);
  const sent = t.wire.filter((e) => e.kind === "send");
  const count = (msg: string) => sent.filter((e) => e.msg === msg).length;
  const completed = t.events.filter((e) => e.kind === "completion").length;
  return {
    sent,
    count,
    completed,
    leechers: config.groups.slice(1).reduce((n, g) => n + g.count, 0),
  };
}

describe("the Fast Extension in a swarm", () => {
  for (const model of ["block", "lean"] as const) {
    it(`${model}: libtorrent sends all four BEP 6 messages, and every leecher completes`, () => {
      const r = run([`network.model=${model}`]);
      for (const msg of FAST) expect(r.count(msg), msg).toBeGreaterThan(0);
      // The origin seeds: HAVE_ALL; a leecher's first connections carry HAVE_NONE.
      expect(r.completed).toBe(r.leechers);
    }, 120_000);

    it(`${model}: mainline (allowed_fast_set_size 0) sends none of them`, () => {
      const r = run([`network.model=${model}`, "protocol.profile=mainline"]);
      for (const msg of FAST) expect(r.count(msg), msg).toBe(0);
      expect(r.count("bitfield")).toBeGreaterThan(0);
      expect(r.completed).toBe(r.leechers);
    }, 120_000);
  }

  it("on one shared address every remote is allowed the same five pieces", () => {
    const r = run(["network.addresses=shared"]);
    const byConnection = new Map<string, number[]>();
    for (const e of r.sent.filter((x: WireTrace) => x.msg === "allowed_fast")) {
      const key = `${e.from}>${e.to}`;
      byConnection.set(key, [...(byConnection.get(key) ?? []), e.arg]);
    }
    const pieces = new Set([...byConnection.values()].flat());
    // Fewer than five where the remote already held some (send_allowed_set leaves them out).
    expect(pieces.size).toBe(5);
    expect(Math.max(...[...byConnection.values()].map((p) => p.length))).toBe(5);
  }, 120_000);
});
