/**
 * Golden outputs: the SHA-256 of every model output (all but run.json and replay.html) of a few
 * small scenarios, pinned by seed. An optimisation must leave them
 * byte-identical; a deliberate change to the model updates them with
 * `UPDATE_GOLDEN=1 npx vitest run test/golden` and explains why in its commit.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAll, sim, tempDir } from "../helpers/cli.ts";

const SCENARIOS: Record<string, string[]> = {
  small: ["scenarios/small.yaml"],
  "small-mainline": ["scenarios/small.yaml", "--set", "protocol.profile=mainline"],
  // mainline without message overhead is the model before protocol.profile (issue 14): its
  // peers.csv equals what `--set protocol.seed_choker=fastest-upload` gave then.
  "small-mainline-no-overhead": [
    "scenarios/small.yaml",
    "--set",
    "protocol.profile=mainline",
    "--set",
    "protocol.message_overhead=false",
  ],
  "small-random-picker": ["scenarios/small.yaml", "--set", "protocol.picker=random", "--seed", "7"],
  "corrupt-peers-40": ["scenarios/corrupt-peers.yaml", "--set", "groups.1.count=40"],
  "free-riders": ["scenarios/free-riders.yaml"],
};

/**
 * Every scenario under both network models: the block model's digests are the
 * ones pinned before the lean model existed (they must never move), the lean
 * model's (the default since issue 17) are pinned as `lean:NAME`.
 */
const CASES: Record<string, string[]> = {};
for (const [name, args] of Object.entries(SCENARIOS)) {
  CASES[name] = [...args, "--set", "network.model=block"];
  CASES[`lean:${name}`] = [...args, "--set", "network.model=lean"];
}

const FILE = join(import.meta.dirname, "expected.json");
const update = process.env.UPDATE_GOLDEN === "1";

function digests(args: string[]): Record<string, string> {
  const out = join(tempDir(), "golden");
  const r = sim(["run", ...args, "--out", out, "--quiet"]);
  expect(r.stderr).toBe("");
  const files = readAll(out);
  const result: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    // replay.html also embeds the viewer's code; its determinism is checked in test/cli/run.test.ts.
    if (name !== "run.json" && name !== "replay.html")
      result[name] = createHash("sha256").update(bytes).digest("hex");
  }
  return result;
}

describe("golden outputs", () => {
  const expected: Record<string, Record<string, string>> = existsSync(FILE)
    ? JSON.parse(readFileSync(FILE, "utf8"))
    : {};
  const actual: Record<string, Record<string, string>> = {};
  for (const [name, args] of Object.entries(CASES)) {
    it(`${name} is unchanged`, () => {
      actual[name] = digests(args);
      if (update) {
        writeFileSync(FILE, `${JSON.stringify({ ...expected, ...actual }, null, 2)}\n`);
        return;
      }
      expect(actual[name]).toEqual(expected[name]);
    });
  }
});
