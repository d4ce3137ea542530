/**
 * `protocol.profile`: one word sets every key of a client's profile, and an
 * explicit key always wins over it.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../sim/scenario/load.ts";
import { PROFILE_NAMES, PROFILES, type ProfileProtocol } from "../../sim/scenario/profiles.ts";
import { parseDuration } from "../../sim/scenario/units.ts";
import { MINIMAL, scenarioError } from "./helpers.ts";

const load = (sets: string[] = []) => parseScenario(MINIMAL, "s.yaml", { sets });
const KEYS = Object.keys(PROFILES.libtorrent.protocol) as (keyof ProfileProtocol)[];
const DURATIONS = new Set<string>([
  "rechoke_interval",
  "optimistic_interval",
  "seeding_min_unchoke",
  "request_queue_time",
  "whole_pieces_threshold",
  "rate_limit_tick",
]);

/** A profile value in the config's base units. */
function resolved(key: keyof ProfileProtocol, v: ProfileProtocol[keyof ProfileProtocol]) {
  return DURATIONS.has(key) ? parseDuration(v as string) : v;
}

/** A value different from `v`, valid for `key`, in the form `--set` takes. */
function another(key: keyof ProfileProtocol, v: unknown): string {
  if (typeof v === "boolean") return String(!v);
  if (key === "choker") return v === "round-robin" ? "unchoke-all" : "round-robin";
  if (key === "seed_choker") return v === "round-robin" ? "fastest-upload" : "round-robin";
  if (key === "optimistic_choice") return v === "random" ? "longest-waiting" : "random";
  if (key === "optimistic_slots") return "3";
  if (DURATIONS.has(key)) return `${parseDuration(v as string) + 7}s`;
  return String((v as number) + 3);
}

describe("protocol.profile", () => {
  it("defaults to libtorrent", () => {
    expect(load().protocol.profile).toBe("libtorrent");
  });

  for (const name of PROFILE_NAMES) {
    it(`${name} sets every key of its profile, and the start-up of every group`, () => {
      const c = load([`protocol.profile=${name}`]);
      const p = PROFILES[name];
      for (const key of KEYS) expect(c.protocol[key], key).toEqual(resolved(key, p.protocol[key]));
      for (const g of c.groups) expect(g.startup_delay).toBe(parseDuration(p.startup_delay));
    });

    it(`${name}: each key written on its own wins over the profile`, () => {
      for (const key of KEYS) {
        const value = another(key, PROFILES[name].protocol[key]);
        const c = load([`protocol.profile=${name}`, `protocol.${key}=${value}`]);
        expect(c.protocol[key], key).not.toEqual(resolved(key, PROFILES[name].protocol[key]));
        // Every other key still comes from the profile.
        for (const other of KEYS.filter((k) => k !== key)) {
          expect(c.protocol[other], `${other} with ${key} set`).toEqual(
            resolved(other, PROFILES[name].protocol[other]),
          );
        }
      }
    });
  }

  it("the two profiles differ where the clients do", () => {
    const lt = load(["protocol.profile=libtorrent"]).protocol;
    const ml = load(["protocol.profile=mainline"]).protocol;
    expect([lt.unchoke_slots, ml.unchoke_slots]).toEqual([8, 4]);
    expect([lt.rechoke_interval, ml.rechoke_interval]).toEqual([15, 10]);
    expect([lt.request_queue_time, ml.request_queue_time]).toEqual([3, 0]);
    expect([lt.pipeline_depth, ml.pipeline_depth]).toEqual([4, 5]);
    // BEP 6: off in both for now (docs/model.md, "The Fast Extension": opt-in until the
    // Qiu–Srikant collapse with it on is understood); mainline 3.x has no Fast Extension.
    expect([lt.allowed_fast_set_size, ml.allowed_fast_set_size]).toEqual([0, 0]);
  });

  it("allowed_fast_set_size and network.addresses: validated, naming the key", () => {
    expect(load().network.addresses).toBe("distinct");
    expect(load(["network.addresses=shared"]).network.addresses).toBe("shared");
    expect(scenarioError(`${MINIMAL}protocol:\n  allowed_fast_set_size: -1\n`).message).toBe(
      "s.yaml:14:26: protocol.allowed_fast_set_size: must be ≥ 0; got -1",
    );
    expect(scenarioError(`${MINIMAL}network:\n  addresses: lan\n`).message).toBe(
      "s.yaml:14:14: network.addresses: expected one of distinct | shared; got 'lan'",
    );
  });

  it("a group's own startup_delay wins over the profile's", () => {
    const text = MINIMAL.replace("    count: 10\n", "    count: 10\n    startup_delay: 2500ms\n");
    const c = parseScenario(text, "s.yaml");
    expect(c.groups[0].startup_delay).toBe(1);
    expect(c.groups[1].startup_delay).toBe(2.5);
  });

  it("the whole-file modes start at once, and refuse an explicit startup_delay", () => {
    expect(load(["distribution=napster"]).groups.map((g) => g.startup_delay)).toEqual([0, 0]);
    const e = scenarioError(MINIMAL, {
      sets: ["distribution=client-server", "groups.1.startup_delay=1s"],
    });
    expect(e.message).toContain("groups[1].startup_delay");
    expect(e.message).toContain("only with bittorrent");
  });

  it("rejects an unknown profile, naming the valid ones", () => {
    const e = scenarioError(MINIMAL, { sets: ["protocol.profile=utorrent"] });
    expect(e.message).toContain("protocol.profile");
    expect(e.message).toContain("libtorrent");
    expect(e.message).toContain("mainline");
  });

  it("optimistic_slots takes auto or a positive count", () => {
    expect(load(["protocol.optimistic_slots=2"]).protocol.optimistic_slots).toBe(2);
    expect(load(["protocol.optimistic_slots=auto"]).protocol.optimistic_slots).toBe("auto");
    expect(scenarioError(MINIMAL, { sets: ["protocol.optimistic_slots=0"] }).message).toContain(
      "protocol.optimistic_slots",
    );
  });
});
