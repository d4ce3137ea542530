/**
 * The part of the harness that runs inside the private network namespace
 * (started by namespace.ts as `unshare --net -- node --import tsx inside.ts
 * PLAN RESULT`): brings `lo` up and refuses any other interface, starts
 * opentracker and the libtorrent clients (scripts/real/client.py), records
 * what each client reports, stops everything by pid, and writes a RealSwarm
 * (plan.ts) to RESULT.
 *
 * stdout carries one JSON line per started process ({"ev":"pid",…}) so the
 * parent can still stop them by pid should this process die; stderr carries
 * progress for people.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { isolateLoopback } from "./isolation.ts";
import type {
  ClientPlan,
  ClientRecord,
  PeerLogLine,
  PeerSnapshot,
  RealSwarm,
  SessionCounters,
  StatusSample,
  SwarmPlan,
} from "./plan.ts";
import { cpuSeconds, ProcessSet } from "./processes.ts";

/** CLOCK_MONOTONIC in seconds: the clock Python's time.monotonic() reads too. */
const monotonicS = () => Number(process.hrtime.bigint()) / 1e9;

interface Live {
  readonly plan: ClientPlan;
  pid: number;
  spawnT: number;
  readyT: number | null;
  announcedT: number | null;
  completeT: number | null;
  leftT: number | null;
  superSeeding: boolean | null;
  readonly samples: StatusSample[];
  readonly peerSnapshots: PeerSnapshot[];
  readonly peerLog: PeerLogLine[];
  readonly sessionCounters: SessionCounters[];
  readonly errors: string[];
  cpuS: number | null;
}

function scrapeUrl(plan: SwarmPlan): string {
  const bytes = Buffer.from(plan.infoHashHex, "hex");
  const escaped = [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
  return `http://127.0.0.1:${plan.trackerPort}/scrape?info_hash=${escaped}`;
}

/** Polls the tracker's scrape URL until it answers (it only answers for whitelisted hashes). */
async function waitForTracker(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      const body = await r.text();
      if (r.ok && body.startsWith("d")) return;
      last = `HTTP ${r.status}: ${body.slice(0, 80)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`opentracker did not answer ${url} (${last})`);
}

function onClientLine(c: Live, line: string): void {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(line);
  } catch {
    c.errors.push(`unparsed output: ${line.slice(0, 120)}`);
    return;
  }
  const t = Number(m.t);
  switch (m.ev) {
    case "ready":
      c.readyT = t;
      break;
    case "announced":
      c.announcedT = t;
      break;
    case "complete":
      if (c.plan.role === "leecher") {
        c.completeT = t;
        process.stderr.write(`real: ${c.plan.name} complete\n`);
      }
      break;
    case "left":
      c.leftT = t;
      break;
    case "super_seeding":
      c.superSeeding = m.on === true;
      break;
    case "s":
      c.samples.push({
        t,
        done: Number(m.done),
        up: Number(m.up),
        down: Number(m.down),
        upAll: Number(m.up_all),
        have: typeof m.have === "string" ? m.have : undefined,
      });
      break;
    case "p":
      c.peerSnapshots.push({ t, rows: m.peers as number[][] });
      break;
    case "c":
      c.sessionCounters.push({ t, v: m.v as number[] });
      break;
    case "log":
      c.peerLog.push({ t, peer: Number(m.peer), msg: String(m.msg) });
      break;
    case "error":
      c.errors.push(String(m.msg));
      break;
  }
}

async function main(planPath: string, resultPath: string): Promise<void> {
  const plan = JSON.parse(readFileSync(planPath, "utf8")) as SwarmPlan;
  const loadStart = loadavg();
  const interfaces = isolateLoopback();
  const procs = new ProcessSet();
  let endReason: RealSwarm["endReason"] = "deadline";
  let finish: () => void = () => {};
  const finished = new Promise<void>((res) => {
    finish = res;
  });
  const stopWith = (reason: RealSwarm["endReason"]) => {
    endReason = reason;
    finish();
  };
  const onSignal = async () => {
    await procs.stopAll(1000);
    process.exit(143);
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  // However this process ends (an exception included), nothing it started outlives it.
  process.once("exit", () => procs.killAllNow());
  const announcePid = (name: string, pid: number) =>
    process.stdout.write(`${JSON.stringify({ ev: "pid", name, pid })}\n`);

  let stopping = false;
  try {
    writeFileSync(join(plan.trackerDir, "whitelist"), `${plan.infoHashHex}\n`);
    const port = String(plan.trackerPort);
    const tracker = procs.start(
      "opentracker",
      "opentracker",
      // -d chroots into trackerDir; -w is read relative to it; -u drops root.
      ["-i", "127.0.0.1", "-p", port, "-P", port, "-d", plan.trackerDir, "-w", "whitelist"],
      {
        onStderr: (d) => process.stderr.write(`opentracker: ${d}`),
        onExit: () => {
          if (!stopping) stopWith("client-exited");
        },
      },
    );
    announcePid(tracker.name, tracker.pid);
    await waitForTracker(scrapeUrl(plan), 5000);

    const started = monotonicS();
    const deadline = setTimeout(() => stopWith("deadline"), plan.deadlineS * 1000);
    const live: Live[] = plan.clients.map((p) => ({
      plan: p,
      pid: -1,
      spawnT: 0,
      readyT: null,
      announcedT: null,
      completeT: null,
      leftT: null,
      superSeeding: null,
      samples: [],
      peerSnapshots: [],
      peerLog: [],
      sessionCounters: [],
      errors: [],
      cpuS: null,
    }));
    const leechers = live.filter((c) => c.plan.role === "leecher");
    // All clients start together, one spawn after another: their real start
    // times are recorded and handed to the simulation, not assumed equal.
    for (const c of live) {
      const args = [
        plan.clientScript,
        "--torrent",
        plan.torrentPath,
        "--save",
        c.plan.saveDir,
        "--port",
        String(c.plan.port),
        "--up",
        String(c.plan.upBytesPerS),
        "--down",
        String(c.plan.downBytesPerS),
        "--poll",
        String(plan.pollS),
        "--peer-poll",
        String(plan.peerPollS),
        "--peer-log",
        String(plan.peerLogS),
        "--peer-log-at",
        String(plan.peerLogAtS),
        "--deadline",
        String(plan.deadlineS + 5),
        ...(c.plan.role === "seed" ? ["--seed"] : []),
        ...(c.plan.role === "seed" && plan.superSeed ? ["--super-seed"] : []),
        ...(c.plan.role === "leecher" && plan.leave ? ["--leave"] : []),
      ];
      c.spawnT = monotonicS();
      const s = procs.start(c.plan.name, plan.python, args, {
        onLine: (line) => {
          onClientLine(c, line);
          if (leechers.every((l) => l.completeT !== null)) stopWith("all-complete");
        },
        onStderr: (d) => c.errors.push(d.trimEnd()),
        onExit: (code, signal) => {
          if (stopping) return;
          // With --leave a leecher exits (status 0) once it has completed: that is
          // its departure. Its last lines may still be in the pipe, so completeT
          // is not checked here; a run that ends without it is not all-complete.
          if (plan.leave && c.plan.role === "leecher" && code === 0) return;
          c.errors.push(`exited early (code ${code}, signal ${signal})`);
          stopWith("client-exited");
        },
      });
      c.pid = s.pid;
      announcePid(s.name, s.pid);
    }
    await finished;
    clearTimeout(deadline);
    // A departed leecher's /proc entry is gone: its CPU time stays null.
    for (const c of live) c.cpuS = cpuSeconds(c.pid);
    const endT = monotonicS();
    stopping = true;
    await procs.stopAll();

    // The origin: the first client to have its torrent in a session.
    const readies = live.map((c) => c.readyT).filter((t): t is number => t !== null);
    const origin = readies.length > 0 ? Math.min(...readies) : started;
    const rel = (t: number | null) => (t === null ? null : t - origin);
    const clients: ClientRecord[] = live.map((c) => ({
      name: c.plan.name,
      role: c.plan.role,
      pid: c.pid,
      upBytesPerS: c.plan.upBytesPerS,
      downBytesPerS: c.plan.downBytesPerS,
      spawnS: c.spawnT - origin,
      readyS: rel(c.readyT),
      announcedS: rel(c.announcedT),
      completeS: rel(c.completeT),
      leftS: rel(c.leftT),
      superSeeding: c.superSeeding,
      samples: c.samples.map((s) => ({ ...s, t: s.t - origin })),
      peerSnapshots: c.peerSnapshots.map((s) => ({ ...s, t: s.t - origin })),
      peerLog: c.peerLog.map((l) => ({ ...l, t: l.t - origin })),
      sessionCounters: c.sessionCounters.map((s) => ({ ...s, t: s.t - origin })),
      errors: c.errors,
      cpuS: c.cpuS,
    }));
    const result: RealSwarm = {
      interfaces,
      clients,
      durationS: endT - origin,
      endReason,
      loadAvg: { start: loadStart, end: loadavg() },
    };
    writeFileSync(resultPath, JSON.stringify(result));
  } finally {
    stopping = true;
    await procs.stopAll();
  }
}

const [planPath, resultPath] = process.argv.slice(2);
main(planPath, resultPath).then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`real: ${e.message}\n`);
    process.exit(1);
  },
);
