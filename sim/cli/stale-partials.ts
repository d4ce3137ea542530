/**
 * Partial folders: every command writes into a hidden sibling
 * `.<name>.partial-<host>-<pid>` and renames it into place when complete
 * (`sim run`, `sim compare`: output-dir.ts; `sim sweep`: one per run in
 * runs/). A process killed hard (kill -9, out of memory, a node that went
 * down) leaves its partial folder behind; the next command that writes into
 * the same folder removes those whose process is gone, and says so. Folders
 * of live processes, and of other hosts sharing the folder over a network
 * file system, are left alone (a pid means nothing on another host).
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, "_");

/** `.<name>.partial-<host>-<pid>`; also the older `.<name>.partial-<pid>` (this host). */
const PARTIAL = /^\.(.+)\.partial-(?:(.+)-)?(\d+)$/;

/** This process's partial folder name for `name`. */
export function partialName(name: string): string {
  return `.${name}.partial-${HOST}-${process.pid}`;
}

/** Whether a process of this host is running (a pid we may not signal is running). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface StalePartial {
  readonly path: string;
  readonly pid: number;
}

/** Removes the partial folders in `dir` left by processes of this host that are gone; returns them. */
export function cleanStalePartials(dir: string): StalePartial[] {
  if (!existsSync(dir)) return [];
  const removed: StalePartial[] = [];
  for (const name of readdirSync(dir)) {
    const m = PARTIAL.exec(name);
    if (!m) continue;
    const host = m[2] ?? HOST;
    const pid = Number(m[3]);
    if (host !== HOST || pid === process.pid || alive(pid)) continue;
    const path = join(dir, name);
    rmSync(path, { recursive: true, force: true });
    removed.push({ path, pid });
  }
  return removed;
}

/** The line a command prints for each folder it removed. */
export function describeStale(s: StalePartial): string {
  return `sim: removed ${s.path}, left unfinished by process ${s.pid}, which is no longer running\n`;
}
