import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { cleanStalePartials, partialName, type StalePartial } from "./stale-partials.ts";

/**
 * Writes a run's files into a temporary sibling folder and renames it into
 * place only when everything is written, so a crash or Ctrl-C never leaves a
 * results folder that looks complete. The rename replaces an older result.
 * Partial folders of dead processes in the same parent are removed first
 * (`removedStale` lists them, for the command to report).
 */
export class StagedDir {
  readonly finalPath: string;
  readonly path: string;
  readonly removedStale: readonly StalePartial[];
  private done = false;

  constructor(finalPath: string) {
    this.finalPath = resolve(finalPath);
    const parent = dirname(this.finalPath);
    this.path = join(parent, partialName(basename(this.finalPath)));
    mkdirSync(parent, { recursive: true });
    this.removedStale = cleanStalePartials(parent);
    rmSync(this.path, { recursive: true, force: true });
    mkdirSync(this.path);
    // Whatever ends the process (an error, a second Ctrl-C), the partial folder goes.
    process.once("exit", this.abandon);
  }

  file(name: string): string {
    return join(this.path, name);
  }

  commit(): void {
    if (existsSync(this.finalPath)) rmSync(this.finalPath, { recursive: true, force: true });
    renameSync(this.path, this.finalPath);
    this.done = true;
    process.removeListener("exit", this.abandon);
  }

  /** Removes the partial folder (on failure, interrupt or exit without commit). */
  readonly abandon = (): void => {
    if (!this.done) rmSync(this.path, { recursive: true, force: true });
    process.removeListener("exit", this.abandon);
  };
}
