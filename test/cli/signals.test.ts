/**
 * Ctrl-C and SIGTERM: the real `sim` in a child process, signalled mid-run.
 * It must exit within a second with 130 / 143, say what it interrupted and at
 * what simulated time, and leave no output or partial folder; a sweep keeps
 * its finished runs and a resumed sweep does only the rest.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.ts";

interface Running {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves with (status, ms from `since` to exit). */
  exited: Promise<{ status: number | null; signal: NodeJS.Signals | null; atMs: number }>;
}

function start(args: readonly string[]): Running {
  const child = spawn(process.execPath, [join(ROOT, "bin/sim.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: "true" },
  });
  let err = "";
  child.stderr?.on("data", (d) => {
    err += d;
  });
  child.stdout?.resume();
  const exited = new Promise<{
    status: number | null;
    signal: NodeJS.Signals | null;
    atMs: number;
  }>((resolve) =>
    child.on("exit", (status, signal) => resolve({ status, signal, atMs: performance.now() })),
  );
  return { child, stderr: () => err, exited };
}

async function waitFor(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sends `signal` and returns the status and how long the process took to exit. */
async function stop(r: Running, signal: NodeJS.Signals) {
  const sentMs = performance.now();
  r.child.kill(signal);
  const e = await r.exited;
  return { status: e.status, signal: e.signal, ms: e.atMs - sentMs, stderr: r.stderr() };
}

/** Entries of `dir` (hidden ones included), or [] if it does not exist. */
const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe("sim run stops on a signal", () => {
  for (const [signal, status] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`${signal}: exits ${status} within 1 s, says when, leaves nothing`, async () => {
      const parent = tempDir();
      const out = join(parent, "fc");
      const r = start(["run", "scenarios/flash-crowd.yaml", "--out", out]);
      // The first progress line: the simulation loop is running.
      await waitFor("progress", () => /sim t=/.test(r.stderr()));
      const s = await stop(r, signal);
      expect(s.status, s.stderr).toBe(status);
      expect(s.ms).toBeLessThan(1000);
      expect(s.stderr).toMatch(
        new RegExp(
          `sim run: interrupted by ${signal} at simulated t=\\d+(\\.\\d+)?s of at most 6\\.00h, after [\\d,]+ events \\(scenarios/flash-crowd\\.yaml, seed 1\\)`,
        ),
      );
      expect(entries(parent)).toEqual([]);
    }, 90_000);
  }
});

describe("sim compare stops on a signal", () => {
  it("SIGINT: the workers stop, exit 130 within 1 s, nothing written", async () => {
    const parent = tempDir();
    const out = join(parent, "cmp");
    const r = start([
      "compare",
      "scenarios/flash-crowd.yaml",
      "--vary",
      "protocol.picker=rarest-first,random",
      "--seeds",
      "1",
      "--jobs",
      "2",
      "--out",
      out,
    ]);
    await waitFor("the plan", () => /on 2 thread\(s\)/.test(r.stderr()));
    // Both runs under way (worker start-up takes a few hundred ms). On a heavily
    // loaded machine a worker may not have begun its run, or may not answer
    // within the stop's grace: the message then names fewer runs, or counts
    // the silent ones (compare-command.ts stoppedMessage).
    await new Promise((res) => setTimeout(res, 3000));
    const s = await stop(r, "SIGINT");
    expect(s.status, s.stderr).toBe(130);
    expect(s.ms).toBeLessThan(1000);
    const run = String.raw`protocol\.picker=\S+ seed 1 at simulated t=[\d.]+s|\d run\(s\) that did not answer in time`;
    expect(s.stderr).toMatch(
      new RegExp(
        String.raw`sim compare: interrupted by SIGINT with 0 of 2 runs done(; stopped (${run})(, (${run}))?)?; nothing written`,
      ),
    );
    expect(entries(parent)).toEqual([]);
  }, 90_000);
});

describe("sim sweep stops on a signal", () => {
  it("keeps finished runs; the resumed sweep runs only the rest; both stop within 1 s", async () => {
    const base = tempDir();
    const file = join(base, "sweep.yaml");
    // One quick run (4 DSL peers) and one long one (3,000).
    writeFileSync(
      file,
      `name: sig\nbase: ${join(ROOT, "scenarios/small.yaml")}\nvary:\n  groups.1.count: [4, 3000]\nseeds: 1\n`,
    );
    const out = join(base, "out");
    const runs = join(out, "runs");
    const complete = () => entries(runs).filter((n) => /^[0-9a-f]{16}$/.test(n));

    const first = start(["sweep", file, "--out", out, "--jobs", "2"]);
    await waitFor("the quick run", () => complete().length === 1);
    const s1 = await stop(first, "SIGINT");
    expect(s1.status, s1.stderr).toBe(130);
    expect(s1.ms).toBeLessThan(1000);
    expect(s1.stderr).toMatch(
      /sim sweep: interrupted by SIGINT: 1 of 2 runs complete, kept in .*runs; stopped run [0-9a-f]{16} \(seed 1\) at simulated t=[\d.]+s .*run the same command again to do the other 1/,
    );
    const kept = complete();
    expect(entries(runs)).toEqual(kept); // no partial folder
    expect(existsSync(join(out, "sweep.csv"))).toBe(false);

    const again = start(["sweep", file, "--out", out, "--jobs", "2"]);
    await waitFor("the plan", () => /running \d+ on/.test(again.stderr()));
    expect(again.stderr()).toMatch(/2 runs; 1 already complete; running 1 on 1 thread\(s\)/);
    await new Promise((res) => setTimeout(res, 1000));
    const s2 = await stop(again, "SIGTERM");
    expect(s2.status, s2.stderr).toBe(143);
    expect(s2.ms).toBeLessThan(1000);
    expect(entries(runs)).toEqual(kept);
  }, 120_000);
});

describe("a second signal", () => {
  it("exits at once, while the first is still being handled", async () => {
    // A child that takes signals as the CLI does, but whose "work" never polls the flag.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "test/cli/fixtures/stubborn.ts")],
      { cwd: ROOT },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const exited = new Promise<{ status: number | null; atMs: number }>((resolve) =>
      child.on("exit", (status) => resolve({ status, atMs: performance.now() })),
    );
    await waitFor("ready", () => out.includes("ready"));
    child.kill("SIGTERM");
    await waitFor("the first signal", () => err.includes("stopping"));
    await new Promise((res) => setTimeout(res, 300));
    expect(child.exitCode).toBeNull(); // the first signal only asked to stop
    const sentMs = performance.now();
    child.kill("SIGINT");
    const e = await exited;
    expect(e.status, err).toBe(130);
    expect(e.atMs - sentMs).toBeLessThan(500);
    expect(err).toContain("a second signal (SIGINT): exiting at once");
  }, 30_000);
});
