/**
 * Property: whatever bytes a scenario or sweep file holds, the CLI answers
 * exit 0, or exit 2 with `file:line:col: key.path: problem` (the key path
 * absent only for problems of the file as a whole, such as broken YAML) —
 * never a stack trace, never exit 1, and on exit 2 nothing written. Inputs
 * are valid documents mutated by fuzz-inputs.ts; the CLI is called in
 * process (`main`), so 500+ cases fit in a few seconds. Valid scenarios are
 * then built and run for a few thousand events (a run's first steps are
 * where sizes turn into allocations); the seeds of every failure this test
 * has found are kept in fuzz-regressions.ts and replayed on every run.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { loadScenarioFile } from "../../sim/cli/load-scenario.ts";
import { main } from "../../sim/cli/main.ts";
import { loadSweep } from "../../sim/cli/sweep-load.ts";
import { SimulationInterrupted } from "../../sim/run/interrupt.ts";
import { simulate } from "../../sim/run/simulate.ts";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { tempDir } from "../helpers/cli.ts";
import { scenarioFiles, sweepFiles } from "./fuzz-inputs.ts";
import { REGRESSIONS } from "./fuzz-regressions.ts";

const SCENARIO_CASES = 360;
const SWEEP_CASES = 150;

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** `sim ARGS` in this process, its output captured. */
async function cli(args: string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((c) => {
    stdout += String(c);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((c) => {
    stderr += String(c);
    return true;
  });
  try {
    return { status: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Exit 0, or exit 2 with one located message; never a stack trace. */
function expectWellFormed(r: Outcome, file: string): void {
  expect(r.stderr, "stack trace").not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect([0, 2], r.stderr).toContain(r.status);
  if (r.status === 2) {
    // One line: file:line:col, then the key path (absent for the file as a whole) and the problem.
    expect(r.stderr).toMatch(new RegExp(`^${escapeRe(file)}:\\d+:\\d+: \\S[^\\n]*\\n$`));
    expect(r.stderr.slice(0, -1), "control characters").not.toMatch(/\p{Cc}/u);
  }
}

let caseNo = 0;
const root = tempDir("swarmsim-fuzz-");
function caseDir(): string {
  const d = join(root, `c${caseNo++}`);
  mkdirSync(d);
  return d;
}

/** A valid scenario's first steps: build the run and execute a few thousand events. */
function boundedRun(file: string): void {
  const config = loadScenarioFile(file, { guard: {} });
  // Hashing is linear in the file size; a 1 TB torrent is valid, just slow (not this test's subject).
  if (config.torrent.size > 64 * 1024 ** 2) return;
  let polls = 0;
  try {
    simulate(config, { interrupt: () => ++polls > 1 });
  } catch (e) {
    if (!(e instanceof SimulationInterrupted)) throw e;
  }
}

/**
 * Whether the commands that run would refuse the file: the same loader they
 * use, in process. Anything but a ScenarioError is a bug (the CLI would exit 1).
 */
function refused(load: () => unknown): boolean {
  try {
    load();
    return false;
  } catch (e) {
    if (e instanceof ScenarioError) return true;
    throw e;
  }
}

async function checkScenario(bytes: Uint8Array): Promise<void> {
  const dir = caseDir();
  const file = join(dir, "s.yaml");
  writeFileSync(file, bytes);
  if (refused(() => loadScenarioFile(file, { guard: {} }))) {
    const r = await cli(["run", file, "--out", join(dir, "out", "run"), "--quiet"]);
    expectWellFormed(r, file);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, "out")), "an output folder on exit 2").toBe(false);
  } else {
    const v = await cli(["validate", file]);
    expectWellFormed(v, file);
    expect(v.status).toBe(0);
    boundedRun(file);
  }
  expect(readdirSync(dir)).toEqual(["s.yaml"]);
}

async function checkSweep(bytes: Uint8Array): Promise<void> {
  const dir = caseDir();
  const file = join(dir, "sweep.yaml");
  writeFileSync(file, bytes);
  const out = join(dir, "out");
  // Every grid point is checked (the memory guard included) before anything runs.
  if (refused(() => loadSweep(file, { concurrent: 1 }))) {
    const r = await cli(["sweep", file, "--out", out, "--jobs", "1", "--quiet"]);
    expectWellFormed(r, file);
    expect(r.status).toBe(2);
  } else {
    // --emit plans the sweep and prints a command line; it writes nothing.
    const e = await cli(["sweep", file, "--emit", "parallel", "--out", out]);
    expectWellFormed(e, file);
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/^parallel /);
  }
  expect(readdirSync(dir), "an output folder on exit 2").toEqual(["sweep.yaml"]);
}

describe("fuzzed input", () => {
  it(`${SCENARIO_CASES} mutated scenarios: exit 0 or a located exit 2, nothing written on 2`, async () => {
    await fc.assert(fc.asyncProperty(scenarioFiles, checkScenario), {
      numRuns: SCENARIO_CASES,
    });
  }, 30_000);

  it(`${SWEEP_CASES} mutated sweep files: exit 0 or a located exit 2, nothing written on 2`, async () => {
    await fc.assert(fc.asyncProperty(sweepFiles, checkSweep), { numRuns: SWEEP_CASES });
  }, 30_000);

  it.each(REGRESSIONS)("regression: $name", async ({ kind, text, status }) => {
    const t0 = performance.now();
    await (kind === "scenario" ? checkScenario : checkSweep)(Buffer.from(text, "latin1"));
    const dir = join(root, `c${caseNo - 1}`);
    const r =
      kind === "scenario"
        ? await cli(["validate", join(dir, "s.yaml")])
        : await cli(["sweep", join(dir, "sweep.yaml"), "--emit", "parallel", "--jobs", "1"]);
    expect(r.status, r.stderr).toBe(status);
    // Refused at once: alias bombs and absurd sizes never reach an allocation.
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
