/**
 * The processes of one real swarm (tracker, clients), each started and
 * stopped by its own pid: never by name, never a whole process group, so
 * nothing else on the machine (other engineers' clients, say) is touched.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface Started {
  readonly name: string;
  readonly pid: number;
  readonly exited: Promise<Exit>;
}

interface Entry {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  done: boolean;
}

/** Linux clock ticks per second (`getconf CLK_TCK`), 100 on every mainstream kernel build. */
const CLOCK_TICKS_PER_S = 100;

/** User + system CPU seconds of a live process, from /proc/PID/stat; null if unreadable. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name (which may hold spaces): state is field 3.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return (utime + stime) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

export class ProcessSet {
  private readonly entries: Entry[] = [];

  /**
   * Starts `command` with stdout read line by line (`onLine`) and stderr
   * collected into `onStderr`. Throws if the process could not be created.
   */
  start(
    name: string,
    command: string,
    args: readonly string[],
    handlers: {
      onLine?: (line: string) => void;
      onStderr?: (text: string) => void;
      onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
    } = {},
  ): Started {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
    const entry: Entry = {
      name,
      child,
      done: false,
      exited: new Promise<Exit>((resolve) => {
        child.once("exit", (code, signal) => {
          entry.done = true;
          handlers.onExit?.(code, signal);
          resolve({ code, signal });
        });
      }),
    };
    child.once("error", (e) => handlers.onStderr?.(`${name}: ${e.message}\n`));
    if (handlers.onLine) createInterface({ input: child.stdout }).on("line", handlers.onLine);
    else child.stdout.resume();
    child.stderr.setEncoding("utf8").on("data", (d: string) => handlers.onStderr?.(d));
    this.entries.push(entry);
    return { name, pid: child.pid, exited: entry.exited };
  }

  /** Pids of the processes still running. */
  running(): { name: string; pid: number }[] {
    return this.entries
      .filter((e) => !e.done && e.child.pid !== undefined)
      .map((e) => ({ name: e.name, pid: e.child.pid as number }));
  }

  /** SIGKILL to each running process by its pid, synchronously: for `process.on("exit")`. */
  killAllNow(): void {
    for (const e of this.entries) if (!e.done) e.child.kill("SIGKILL");
  }

  /**
   * SIGTERM to each running process by its pid, then SIGKILL to those still
   * running after `graceMs`. Resolves when every one has exited.
   */
  async stopAll(graceMs = 2000): Promise<void> {
    const live = this.entries.filter((e) => !e.done);
    for (const e of live) e.child.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const e of live) if (!e.done) e.child.kill("SIGKILL");
    }, graceMs);
    await Promise.all(live.map((e) => e.exited));
    clearTimeout(timer);
  }
}
