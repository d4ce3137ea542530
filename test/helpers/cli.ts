import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `sim` entry point (bin/sim.mjs) as a user would. */
export function sim(
  args: readonly string[],
  cwd = ROOT,
  env: Record<string, string> = {},
): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/sim.mjs"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...env },
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "swarmsim-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file of a folder (not recursive) by name → contents. */
export function readAll(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f));
  return out;
}
