/**
 * The house's layering, checked by dependency-cruiser with the rules in
 * .dependency-cruiser.cjs: no import cycle anywhere; the engine imports
 * nothing of ours; the protocol is sans-IO; nothing imports the CLI;
 * metrics and the other modes never reach into the swarm. The rules are
 * also run on a fixture tree that breaks each of them, so a rule that
 * silently stopped matching would fail here too.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = resolve(ROOT, "node_modules/.bin/depcruise");
const CONFIG = resolve(ROOT, ".dependency-cruiser.cjs");

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

function cruise(cwd: string, dirs: string[]): Violation[] {
  let out: string;
  try {
    out = execFileSync(BIN, [...dirs, "--config", CONFIG, "--output-type", "json"], {
      cwd,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    out = (e as { stdout: string }).stdout;
  }
  return JSON.parse(out).summary.violations as Violation[];
}

describe("layering", () => {
  it("the code base breaks no rule and has no import cycle", () => {
    const violations = cruise(ROOT, ["sim", "viz", "bin", "bench", "scripts"]);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it("the rules catch a cycle, an engine or protocol import, and metrics reaching into the swarm", () => {
    const fixture = resolve(ROOT, "test/lint/fixtures/layering");
    const names = new Set(cruise(fixture, ["sim"]).map((v) => v.rule.name));
    expect([...names].sort()).toEqual([
      "engine-imports-nothing-of-ours",
      "no-cycles",
      "observers-do-not-reach-into-the-swarm",
      "protocol-is-sans-io",
    ]);
  }, 60_000);
});
