/**
 * The parsed scenario → the `ScenarioConfig` every other module reads: fills
 * the defaults that depend on other keys and drops anything schema-internal.
 */
import { BANDWIDTH_CLASSES } from "./bandwidth-classes.ts";
import type { ParsedGroup, ParsedScenario } from "./schema.ts";
import type { Arrival, GroupConfig, ScenarioConfig, SeedTime } from "./types.ts";

function resolveArrival(a: ParsedGroup["arrival"], maxTime: number): Arrival {
  if (!("pattern" in a)) return { at: a.at };
  if (a.pattern === "flash") return { pattern: "flash", over: a.over, start: a.start };
  if (a.pattern === "poisson") {
    return { pattern: "poisson", rate: a.rate, until: a.until ?? maxTime, start: a.start };
  }
  return {
    pattern: "decay",
    initial_rate: a.initial_rate,
    half_life: a.half_life,
    until: a.until ?? maxTime,
    start: a.start,
  };
}

function resolveGroup(g: ParsedGroup, maxTime: number): GroupConfig {
  const preset = g.class === null ? undefined : BANDWIDTH_CLASSES[g.class];
  // Checked in checks.ts: upload/download are present unless a class is.
  const upload = g.upload ?? preset!.upload;
  const download = g.download ?? preset!.download;
  // An initial seed that left after 0 s would leave nobody to start the swarm.
  const seedTime: SeedTime = g.seed_time ?? (g.start_as === "seed" ? "never" : 0);
  return {
    name: g.name,
    count: g.count,
    start_as: g.start_as,
    upload,
    download,
    class: g.class,
    arrival: resolveArrival(g.arrival, maxTime),
    seed_time: seedTime,
    behaviour: g.behaviour,
    abort_rate: g.abort_rate,
    crash_fraction: g.crash_fraction,
    super_seed: g.super_seed,
  };
}

export function resolveScenario(s: ParsedScenario): ScenarioConfig {
  const maxTime = s.stop.max_time;
  return {
    name: s.name,
    seed: s.seed,
    description: s.description,
    distribution: s.distribution,
    discovery: s.discovery,
    stop: { max_time: maxTime },
    torrent: {
      // 0 = "take it from torrent.file" (allowed only with a file; see checks.ts).
      size: s.torrent.size ?? 0,
      piece_size: s.torrent.piece_size,
      block_size: s.torrent.block_size,
      file: s.torrent.file,
      name: s.torrent.name ?? `${s.name}.bin`,
    },
    groups: s.groups.map((g) => resolveGroup(g, maxTime)),
    protocol: { ...s.protocol },
    tracker: { ...s.tracker },
    network: { latency: { min: s.network.latency.min, max: s.network.latency.max } },
    faults: {
      corrupt: s.faults.corrupt && {
        group: s.faults.corrupt.group,
        fraction: s.faults.corrupt.fraction,
        probability: s.faults.corrupt.probability,
        pieces: s.faults.corrupt.pieces,
      },
      link_corruption: s.faults.link_corruption,
      ban_after: s.faults.ban_after,
      smart_ban: s.faults.smart_ban,
      tracker_outage: s.faults.tracker_outage.map((o) => ({ from: o.from, to: o.to })),
    },
    integrity: { hashing: s.integrity.hashing },
    metrics: { sample_interval: s.metrics.sample_interval },
    client_server: { max_concurrent: s.client_server.max_concurrent },
    napster: { upload_slots: s.napster.upload_slots, retry: s.napster.retry },
    dht: { ...s.dht },
  };
}
