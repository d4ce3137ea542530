import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAll, sim, tempDir } from "../helpers/cli.ts";

describe("sim run --check", () => {
  it("passes on a real scenario, says what it checked, and writes the same outputs", () => {
    const base = tempDir();
    const checked = sim(["run", "scenarios/churn.yaml", "--out", join(base, "a"), "--check"]);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(
      /--check: every invariant held \(\d+ link reservations, \d+ transmissions, \d+ deliveries, \d+ completions, \d+ byte balances checked\)/,
    );
    const plain = sim(["run", "scenarios/churn.yaml", "--out", join(base, "b"), "--quiet"]);
    expect(plain.status).toBe(0);
    const a = readAll(join(base, "a"));
    const b = readAll(join(base, "b"));
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const f of Object.keys(a)) if (f !== "run.json") expect(a[f].equals(b[f]), f).toBe(true);
  });

  it("--help documents --check and --force", () => {
    const r = sim(["run", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--check\s+assert the model's invariants/);
    expect(r.stdout).toMatch(/--force\s+run even if the estimated memory/);
    expect(sim(["--help"]).stdout).toContain("130/143 stopped by SIGINT/SIGTERM");
  });
});
