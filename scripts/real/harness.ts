/**
 * The sim-vs-real harness (`npm run real`): for each leecher count N and rep,
 * one real libtorrent swarm on loopback in a private network namespace
 * (namespace.ts, inside.ts, client.py), then its simulated twin with the
 * same arrivals (simulated.ts) for every variant, and the figures of both
 * (figures.ts). Nothing is written here: report.ts writes the outputs.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { meanFigures, type PeerTrace, type SwarmFigures, swarmFigures } from "./figures.ts";
import { runInNamespace } from "./namespace.ts";
import type { HarnessOptions } from "./options.ts";
import { writePayload } from "./payload.ts";
import type { ClientPlan, RealSwarm, SwarmPlan } from "./plan.ts";
import { runTwin, type TwinSpec, twinScenario } from "./simulated.ts";
import { realStrandedSeconds } from "./stranded.ts";
import { checkTools, describeMachine, type Machine, SYSTEM_PYTHON } from "./tools.ts";

const CLIENT_SCRIPT = fileURLToPath(new URL("./client.py", import.meta.url));
const TRACKER_PORT = 6969;
const FIRST_CLIENT_PORT = 7001;
/** Seed of the synthetic payload's bytes (any: only their hashes matter to the clients). */
const PAYLOAD_SEED = 1;

export class ToolsMissingError extends Error {}

export interface SimulatedRun {
  readonly variant: string;
  readonly sets: readonly string[];
  /** One per simulator seed. */
  readonly perSeed: readonly SwarmFigures[];
  readonly figures: SwarmFigures;
  /** Seed 1's per-peer traces. */
  readonly traces: readonly PeerTrace[];
  /** Stranded-piece seconds (stranded.ts), one per simulator seed. */
  readonly strandedS: readonly (number | null)[];
}

export interface HarnessRun {
  readonly n: number;
  readonly rep: number;
  readonly real: RealSwarm;
  readonly realTraces: readonly PeerTrace[];
  readonly realFigures: SwarmFigures;
  /** Seconds ≥ 1 piece was held by the seed alone (stranded.ts realStrandedSeconds). */
  readonly realStrandedS: number | null;
  /** The twin's scenario (seed 1, before overrides): rerun it with `sim run`. */
  readonly twinText: string;
  readonly simulated: readonly SimulatedRun[];
}

export interface HarnessResult {
  readonly options: HarnessOptions;
  readonly machine: Machine;
  readonly startedAt: string;
  readonly runs: readonly HarnessRun[];
}

export interface HarnessContext {
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

function clientPlans(o: HarnessOptions, n: number, seedDir: string, runDir: string): ClientPlan[] {
  const seed: ClientPlan = {
    name: "seed",
    role: "seed",
    port: FIRST_CLIENT_PORT,
    upBytesPerS: o.seedUpBytesPerS,
    // A seed downloads nothing; the same limit as the leechers keeps the twin symmetric.
    downBytesPerS: o.downBytesPerS,
    saveDir: seedDir,
  };
  const leechers = Array.from({ length: n }, (_, i): ClientPlan => {
    const name = `leecher-${String(i + 1).padStart(2, "0")}`;
    const saveDir = join(runDir, name);
    mkdirSync(saveDir);
    return {
      name,
      role: "leecher",
      port: FIRST_CLIENT_PORT + 1 + i,
      upBytesPerS: o.upBytesPerS,
      downBytesPerS: o.downBytesPerS,
      saveDir,
    };
  });
  return [seed, ...leechers];
}

/** The real clients' records as traces; a client that never got its torrent going has no arrival. */
export function realTraces(real: RealSwarm): PeerTrace[] {
  return real.clients.map((c) => {
    if (c.readyS === null) throw new Error(`${c.name} never started: ${c.errors.join("; ")}`);
    return {
      name: c.name,
      role: c.role,
      upBytesPerS: c.upBytesPerS,
      arrivalS: c.readyS,
      completionS: c.role === "leecher" ? c.completeS : null,
      samples: c.samples.map((s) => ({ t: s.t, up: s.up, down: s.down })),
    };
  });
}

function twinSpec(
  o: HarnessOptions,
  name: string,
  traces: readonly PeerTrace[],
  real: RealSwarm,
): TwinSpec {
  return {
    name,
    sizeBytes: o.sizeBytes,
    pieceSizeBytes: o.pieceSizeBytes,
    peers: traces.map((t, i) => ({
      name: t.name,
      role: t.role,
      arrivalS: t.arrivalS,
      upBytesPerS: t.upBytesPerS,
      downBytesPerS: real.clients[i].downBytesPerS,
    })),
    pollS: o.pollS,
    maxTimeS: 10 * o.timeoutS,
    leave: o.leave,
    superSeed: o.superSeed,
  };
}

function simulateVariants(o: HarnessOptions, spec: TwinSpec): SimulatedRun[] {
  return o.variants.map((v) => {
    const sets = [...o.sets, ...v.sets];
    const perSeed: SwarmFigures[] = [];
    const strandedS: (number | null)[] = [];
    let traces: PeerTrace[] = [];
    for (let seed = 1; seed <= o.simSeeds; seed++) {
      const run = runTwin(twinScenario(spec, sets, seed).config);
      perSeed.push(swarmFigures(run.traces));
      strandedS.push(run.strandedS);
      if (seed === 1) traces = run.traces;
    }
    return { variant: v.name, sets, perSeed, figures: meanFigures(perSeed), traces, strandedS };
  });
}

/**
 * Checks what can be checked before any process starts: the tools, and every
 * variant's overrides against a twin of the largest swarm (a bad `--set`
 * throws ScenarioError here, before anything runs or is written).
 */
export function preflight(o: HarnessOptions): Machine {
  const tools = checkTools();
  if (tools.missing.length > 0) {
    throw new ToolsMissingError(`npm run real needs: ${tools.missing.join(", ")}`);
  }
  const n = Math.max(...o.peers);
  const peers = [
    {
      name: "seed",
      role: "seed" as const,
      arrivalS: 0,
      upBytesPerS: o.seedUpBytesPerS,
      downBytesPerS: o.downBytesPerS,
    },
    ...Array.from({ length: n }, (_, i) => ({
      name: `leecher-${i + 1}`,
      role: "leecher" as const,
      arrivalS: 0,
      upBytesPerS: o.upBytesPerS,
      downBytesPerS: o.downBytesPerS,
    })),
  ];
  const spec = {
    name: "real-check",
    sizeBytes: o.sizeBytes,
    pieceSizeBytes: o.pieceSizeBytes,
    peers,
    pollS: o.pollS,
    maxTimeS: 60,
  };
  for (const v of o.variants) twinScenario(spec, [...o.sets, ...v.sets]);
  return describeMachine(tools);
}

export async function runHarness(
  o: HarnessOptions,
  ctx: HarnessContext = {},
): Promise<HarnessResult> {
  const machine = preflight(o);
  const log = ctx.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const work = mkdtempSync(join(tmpdir(), "swarmsim-real-"));
  // opentracker chroots into work/tracker and drops root: it must be able to read it.
  chmodSync(work, 0o755);
  try {
    const trackerDir = join(work, "tracker");
    const seedDir = join(work, "seed");
    mkdirSync(trackerDir, { mode: 0o755 });
    mkdirSync(seedDir);
    const payload = writePayload({
      dataDir: seedDir,
      torrentPath: join(work, "payload.torrent"),
      sizeBytes: o.sizeBytes,
      pieceSizeBytes: o.pieceSizeBytes,
      announceUrl: `http://127.0.0.1:${TRACKER_PORT}/announce`,
      seed: PAYLOAD_SEED,
    });
    const runs: HarnessRun[] = [];
    // Reps outermost, so a burst of load on the shared machine spreads over every N.
    for (let rep = 1; rep <= o.reps; rep++) {
      for (const n of o.peers) {
        const label = `N=${n} rep ${rep}/${o.reps}`;
        const runDir = join(work, `n${n}-r${rep}`);
        mkdirSync(runDir);
        const plan: SwarmPlan = {
          torrentPath: payload.torrentPath,
          infoHashHex: payload.infoHashHex,
          trackerDir,
          trackerPort: TRACKER_PORT,
          clients: clientPlans(o, n, seedDir, runDir),
          python: SYSTEM_PYTHON,
          clientScript: CLIENT_SCRIPT,
          pollS: o.pollS,
          peerPollS: o.peerPollS,
          peerLogS: o.peerLogS,
          peerLogAtS: o.peerLogAtS,
          deadlineS: o.timeoutS,
          leave: o.leave,
          superSeed: o.superSeed,
        };
        log(`real: ${label}: 1 seed + ${n} leechers`);
        const real = await runInNamespace(plan, {
          workDir: runDir,
          timeoutS: o.timeoutS + 30,
          signal: ctx.signal,
          log: (line) => log(`  ${line}`),
        });
        rmSync(runDir, { recursive: true, force: true });
        const traces = realTraces(real);
        const realFigures = swarmFigures(traces);
        const realStrandedS = realStrandedSeconds(
          real.clients,
          Math.ceil(o.sizeBytes / o.pieceSizeBytes),
          o.pollS,
        );
        log(`real: ${label}: ${real.endReason}, ${realFigures.completed}/${n} complete`);
        const spec = twinSpec(o, `real-n${n}-r${rep}`, traces, real);
        log(`sim: ${label}: ${o.variants.length} variant(s) × ${o.simSeeds} seed(s)`);
        runs.push({
          n,
          rep,
          real,
          realTraces: traces,
          realFigures,
          realStrandedS,
          twinText: twinScenario(spec, []).text,
          simulated: simulateVariants(o, spec),
        });
      }
    }
    return { options: o, machine, startedAt, runs };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
