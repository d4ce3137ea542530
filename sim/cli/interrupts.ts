/**
 * Ctrl-C and SIGTERM (Slurm's `scancel`, `kill`, a container stopping).
 *
 * Simulations run on worker threads, so the main thread is always free to
 * take a signal. The first SIGINT or SIGTERM sets a flag in shared memory
 * that every simulation polls (sim/run/interrupt.ts); they stop within
 * milliseconds and report the simulated time they reached, the command
 * removes what it had half written and exits 130 (SIGINT) or 143 (SIGTERM),
 * the shell's 128 + signal number. A second signal exits at once (the
 * partial folders are still removed by the commands' exit handlers, and any
 * left behind by a kill -9 by the next command: stale-partials.ts).
 */

export type StopSignal = "SIGINT" | "SIGTERM";

export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/** How long a stopping simulation may take to report before its thread is terminated. */
export const STOP_GRACE_MS = 500;

/** A command stopped by a signal: main prints the message and exits 130 or 143. */
export class Interrupted extends Error {
  override readonly name = "Interrupted";

  constructor(
    readonly signal: StopSignal,
    message: string,
  ) {
    super(message);
  }

  get exitCode(): number {
    return SIGNAL_EXIT[this.signal];
  }
}

export class Interrupter {
  /** 0 while running, 1 once stopped: shared with every worker thread (`Atomics.load`). */
  readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private signalSeen: StopSignal | null = null;
  private readonly listeners = new Set<(s: StopSignal) => void>();

  /** The signal that stopped the command, or null. */
  get signal(): StopSignal | null {
    return this.signalSeen;
  }

  /** Calls `fn` on the first signal (at once if one came already); returns the unsubscribe. */
  onStop(fn: (s: StopSignal) => void): () => void {
    if (this.signalSeen) fn(this.signalSeen);
    else this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }

  /** Records a stop (what the signal handlers call; tests call it directly). */
  stop(signal: StopSignal): void {
    if (this.signalSeen) return;
    this.signalSeen = signal;
    Atomics.store(this.flag, 0, 1);
    for (const fn of this.listeners) fn(signal);
    this.listeners.clear();
  }

  /**
   * Takes SIGINT and SIGTERM for the process until the returned function is
   * called. The second signal exits at once with its status.
   */
  install(exit: (code: number) => void = (code) => process.exit(code)): () => void {
    const handlers = (["SIGINT", "SIGTERM"] as const).map((sig) => {
      const handler = () => {
        if (this.signalSeen) {
          process.stderr.write(`\nsim: a second signal (${sig}): exiting at once\n`);
          exit(SIGNAL_EXIT[sig]);
          return;
        }
        process.stderr.write(`\nsim: ${sig}: stopping (send another to exit at once)\n`);
        this.stop(sig);
      };
      process.on(sig, handler);
      return [sig, handler] as const;
    });
    return () => {
      for (const [sig, handler] of handlers) process.removeListener(sig, handler);
    };
  }
}

/** A predicate for `simulate({ interrupt })` over a flag shared with the main thread. */
export function flagSet(flag: Int32Array): () => boolean {
  return () => Atomics.load(flag, 0) !== 0;
}
