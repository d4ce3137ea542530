import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Writes a run's files into a temporary sibling folder and renames it into
 * place only when everything is written, so a crash or Ctrl-C never leaves a
 * results folder that looks complete. The rename replaces an older result.
 */
export class StagedDir {
  readonly finalPath: string;
  readonly path: string;
  private done = false;

  constructor(finalPath: string) {
    this.finalPath = resolve(finalPath);
    this.path = join(
      dirname(this.finalPath),
      `.${basename(this.finalPath)}.partial-${process.pid}`,
    );
    mkdirSync(dirname(this.finalPath), { recursive: true });
    rmSync(this.path, { recursive: true, force: true });
    mkdirSync(this.path);
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

  /**
   * Until the returned function is called, Ctrl-C or SIGTERM removes the
   * partial folder and exits with 130.
   */
  guardSignals(): () => void {
    const onSignal = () => {
      this.abandon();
      process.exit(130);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    return () => {
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
    };
  }

  /** Removes the partial folder (on failure, interrupt or exit without commit). */
  readonly abandon = (): void => {
    if (!this.done) rmSync(this.path, { recursive: true, force: true });
  };
}
