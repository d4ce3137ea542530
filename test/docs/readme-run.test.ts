/**
 * README's first step shows what `npx sim run scenarios/small.yaml` prints.
 * Those lines are the simulator's output, so they are checked against a real
 * run here (the outputs folder line aside): a change to the model that moves
 * them must update README too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT, sim, tempDir } from "../helpers/cli.ts";

it("README's small-swarm output is what the run prints", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const quoted = readme.match(/```\n(small \(seed 1\):[^`]*?)\n {2}outputs in/);
  expect(quoted, "README quotes the small run's output").not.toBeNull();
  const r = sim(["run", "scenarios/small.yaml", "--out", join(tempDir(), "small")]);
  const printed = r.stdout.split("\n").filter((l) => !l.startsWith("sim t=") && l.trim() !== "");
  const lines = quoted![1].split("\n");
  expect(printed.slice(0, lines.length)).toEqual(lines);
});
