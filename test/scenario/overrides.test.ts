import { describe, expect, it } from "vitest";
import { parseScenario } from "../../sim/scenario/load.ts";
import { MINIMAL, scenarioError } from "./helpers.ts";

const withSets = (...sets: string[]) => parseScenario(MINIMAL, "s.yaml", { sets });

describe("--set", () => {
  it("replaces a value, converting units like the file does", () => {
    expect(withSets("protocol.picker=random").protocol.picker).toBe("random");
    expect(withSets("stop.max_time=2h").stop.max_time).toBe(7200);
  });

  it("creates missing intermediate mappings", () => {
    const c = withSets("faults.corrupt.group=crowd", "faults.corrupt.fraction=0.1");
    expect(c.faults.corrupt).toEqual({
      group: "crowd",
      fraction: 0.1,
      probability: 1,
      pieces: null,
    });
  });

  it("indexes into lists, also with brackets", () => {
    expect(withSets("groups.1.count=500").groups[1].count).toBe(500);
    expect(withSets("groups[1].upload=2Mbit/s").groups[1].upload).toBe(2e6);
  });

  it("reads flow values", () => {
    const c = withSets("groups.1.arrival={pattern: flash, over: 30s}");
    expect(c.groups[1].arrival).toEqual({ pattern: "flash", over: 30, start: 0 });
  });

  it("applies in order, so a later override wins", () => {
    expect(withSets("protocol.picker=random", "protocol.picker=sequential").protocol.picker).toBe(
      "sequential",
    );
  });

  it("reports a bad value against the override, not the file", () => {
    const e = scenarioError(MINIMAL, { sets: ["protocol.picker=foo"] });
    expect(e.message).toBe(
      "--set protocol.picker=foo: protocol.picker: expected one of rarest-first | random | sequential; got 'foo'",
    );
    expect(e).toMatchObject({ file: "--set protocol.picker=foo", line: undefined, col: undefined });
    expect(scenarioError(MINIMAL, { sets: ["groups.1.count=-1"] }).message).toBe(
      "--set groups.1.count=-1: groups[1].count: must be ≥ 0; got -1",
    );
  });

  it("reports keys missing under mappings the override created", () => {
    expect(scenarioError(MINIMAL, { sets: ["faults.corrupt.fraction=0.1"] }).message).toBe(
      "--set faults.corrupt.fraction=0.1: faults.corrupt.group: required key is missing",
    );
  });

  it("reports unknown keys it introduced", () => {
    expect(scenarioError(MINIMAL, { sets: ["protocol.pickr=random"] }).message).toBe(
      "--set protocol.pickr=random: protocol.pickr: unknown key (did you mean picker?)",
    );
  });

  it("rejects paths through missing list items or scalars", () => {
    expect(scenarioError(MINIMAL, { sets: ["groups.5.count=1"] }).message).toBe(
      "--set groups.5.count=1: groups[5]: no such item (groups has 2)",
    );
    expect(scenarioError(MINIMAL, { sets: ["seed.x=1"] }).message).toMatch(
      /^--set seed\.x=1: seed\.x: cannot set a key inside seed/,
    );
  });

  it("rejects malformed expressions and values", () => {
    expect(scenarioError(MINIMAL, { sets: ["protocol.picker"] }).message).toMatch(
      /^--set protocol\.picker: expected PATH=VALUE/,
    );
    expect(scenarioError(MINIMAL, { sets: ["groups.1.arrival={pattern: flash"] }).message).toMatch(
      /^--set groups\.1\.arrival=\{pattern: flash: groups\.1\.arrival: cannot read/,
    );
  });

  it("leaves errors elsewhere in the file located in the file", () => {
    const e = scenarioError(`${MINIMAL}protocol:\n  choker: nice\n`, {
      sets: ["protocol.picker=random"],
    });
    expect(e.message).toMatch(/^s\.yaml:14:11: protocol\.choker: /);
  });
});

describe("seed override", () => {
  it("replaces the scenario's seed", () => {
    expect(parseScenario(MINIMAL, "s.yaml", { seed: 42 }).seed).toBe(42);
  });

  it("is validated and reported as --seed", () => {
    expect(scenarioError(MINIMAL, { seed: 1.5 }).message).toBe(
      "--seed 1.5: seed: expected a whole number; got 1.5",
    );
  });

  it("supplies a missing seed", () => {
    const text = MINIMAL.replace("seed: 7\n", "");
    expect(parseScenario(text, "s.yaml", { seed: 3 }).seed).toBe(3);
  });
});
