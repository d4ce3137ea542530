/**
 * Runs one real swarm in a fresh private network namespace: `unshare --net`
 * starts inside.ts (through tsx) with a plan, and its result is read back.
 * The run is bounded: after `timeoutS` (or when `signal` aborts) the inner
 * process gets SIGTERM, then SIGKILL; any process it reported starting that
 * is still alive afterwards is killed by its pid (after checking that the pid
 * still names that program, not a newcomer that reused it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RealSwarm, SwarmPlan } from "./plan.ts";
import { ProcessSet } from "./processes.ts";

const INSIDE = fileURLToPath(new URL("./inside.ts", import.meta.url));

export class AbortedError extends Error {}

export interface NamespaceRunOptions {
  /** Folder for plan.json and result.json. */
  readonly workDir: string;
  /** Hard bound on the whole run, start-up included. */
  readonly timeoutS: number;
  readonly signal?: AbortSignal;
  /** Progress lines from inside (client completions, tracker messages). */
  readonly log?: (line: string) => void;
}

function stillRunning(pid: number, program: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(program);
  } catch {
    return false;
  }
}

export async function runInNamespace(plan: SwarmPlan, o: NamespaceRunOptions): Promise<RealSwarm> {
  if (o.signal?.aborted) throw new AbortedError("aborted");
  const planPath = join(o.workDir, "plan.json");
  const resultPath = join(o.workDir, "result.json");
  writeFileSync(planPath, JSON.stringify(plan));
  const reported: { name: string; pid: number }[] = [];
  const procs = new ProcessSet();
  let stderr = "";
  let why: "timeout" | "aborted" | null = null;
  const inner = procs.start(
    "unshare",
    "unshare",
    [
      "--net",
      "--",
      process.execPath,
      "--import",
      import.meta.resolve("tsx"),
      INSIDE,
      planPath,
      resultPath,
    ],
    {
      onLine: (line) => {
        try {
          const m = JSON.parse(line) as { ev?: string; name?: string; pid?: number };
          if (m.ev === "pid" && typeof m.pid === "number") {
            reported.push({ name: String(m.name), pid: m.pid });
          }
        } catch {
          o.log?.(line);
        }
      },
      onStderr: (d) => {
        stderr += d;
        for (const line of d.split("\n")) if (line.trim() !== "") o.log?.(line);
      },
    },
  );
  const killLeftovers = () => {
    for (const r of reported) {
      const program = r.name === "opentracker" ? "opentracker" : plan.clientScript;
      if (stillRunning(r.pid, program)) process.kill(r.pid, "SIGKILL");
    }
  };
  // Should the harness itself exit mid-run, the namespace's processes go with it.
  const onExit = () => {
    procs.killAllNow();
    killLeftovers();
  };
  process.once("exit", onExit);
  const stop = (reason: "timeout" | "aborted") => {
    why ??= reason;
    void procs.stopAll(3000);
  };
  const timer = setTimeout(() => stop("timeout"), o.timeoutS * 1000);
  const onAbort = () => stop("aborted");
  o.signal?.addEventListener("abort", onAbort);
  const { code } = await inner.exited;
  clearTimeout(timer);
  o.signal?.removeEventListener("abort", onAbort);
  process.removeListener("exit", onExit);
  // Whatever the inner process left behind (it was killed, say) goes now, by pid.
  killLeftovers();
  if (why === "aborted") throw new AbortedError("aborted");
  if (why === "timeout") throw new Error(`the real swarm did not finish within ${o.timeoutS} s`);
  if (code !== 0) {
    const tail = stderr.trim().split("\n").slice(-5).join("\n");
    throw new Error(`the real swarm failed (exit ${code}):\n${tail}`);
  }
  return JSON.parse(readFileSync(resultPath, "utf8")) as RealSwarm;
}
