/**
 * The scenario's strategy keys take their valid names from the protocol's
 * registries: every registered strategy is accepted, and a bad name is
 * answered with exactly the registry's names (and a did-you-mean).
 */
import { describe, expect, it } from "vitest";
import { LEECHER_CHOKERS, SEED_CHOKERS } from "../../sim/protocol/choker/index.ts";
import { PICKERS } from "../../sim/protocol/picker/index.ts";
import { registryNames } from "../../sim/protocol/registry.ts";
import { parseScenario } from "../../sim/scenario/load.ts";
import { MINIMAL, scenarioError } from "./helpers.ts";

const REGISTRIES = [
  { key: "protocol.picker", registry: PICKERS },
  { key: "protocol.choker", registry: LEECHER_CHOKERS },
  { key: "protocol.seed_choker", registry: SEED_CHOKERS },
] as const;

describe.each(REGISTRIES)("$key", ({ key, registry }) => {
  const field = key.split(".")[1] as "picker" | "choker" | "seed_choker";
  const names = Object.keys(registry);

  it("accepts every name in the registry", () => {
    for (const name of names) {
      const c = parseScenario(MINIMAL, "s.yaml", { sets: [`${key}=${name}`] });
      expect(c.protocol[field]).toBe(name);
    }
  });

  it("lists the registry's names, in its order, for a bad name", () => {
    const bad = `${names[0]}x`;
    expect(scenarioError(MINIMAL, { sets: [`${key}=${bad}`] }).message).toBe(
      `--set ${key}=${bad}: ${key}: expected one of ${names.join(" | ")}; got '${bad}' (did you mean ${names[0]}?)`,
    );
  });
});

describe("registryNames", () => {
  it("keeps declaration order and refuses an empty registry", () => {
    expect(registryNames({ b: 1, a: 2, c: 3 })).toEqual(["b", "a", "c"]);
    expect(() => registryNames({})).toThrow(/at least one entry/);
  });
});
