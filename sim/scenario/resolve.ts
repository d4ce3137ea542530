/**
 * The parsed scenario → the `ScenarioConfig` every other module reads: fills
 * the defaults that depend on other keys and drops anything schema-internal.
 */
import { BANDWIDTH_CLASSES } from "./bandwidth-classes.ts";
import { PROFILES } from "./profiles.ts";
import type { ParsedGroup, ParsedScenario } from "./schema.ts";
import type { Arrival, GroupConfig, ProtocolConfig, ScenarioConfig, SeedTime } from "./types.ts";
import { parseDuration } from "./units.ts";

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

/**
 * The protocol section: every key the user wrote, and the profile's value for
 * each profile key the user left out (explicit keys win).
 */
function resolveProtocol(p: ParsedScenario["protocol"]): ProtocolConfig {
  const d = PROFILES[p.profile].protocol;
  return {
    ...p,
    choker: p.choker ?? d.choker,
    seed_choker: p.seed_choker ?? d.seed_choker,
    unchoke_slots: p.unchoke_slots ?? d.unchoke_slots,
    optimistic_slots: p.optimistic_slots ?? d.optimistic_slots,
    optimistic_choice: p.optimistic_choice ?? d.optimistic_choice,
    rechoke_interval: p.rechoke_interval ?? parseDuration(d.rechoke_interval),
    optimistic_interval: p.optimistic_interval ?? parseDuration(d.optimistic_interval),
    seeding_piece_quota: p.seeding_piece_quota ?? d.seeding_piece_quota,
    seeding_min_unchoke: p.seeding_min_unchoke ?? parseDuration(d.seeding_min_unchoke),
    pipeline_depth: p.pipeline_depth ?? d.pipeline_depth,
    request_queue_time: p.request_queue_time ?? parseDuration(d.request_queue_time),
    max_out_request_queue: p.max_out_request_queue ?? d.max_out_request_queue,
    whole_pieces_threshold: p.whole_pieces_threshold ?? parseDuration(d.whole_pieces_threshold),
    message_overhead: p.message_overhead ?? d.message_overhead,
    ip_overhead: p.ip_overhead ?? d.ip_overhead,
    rate_limit_tick: p.rate_limit_tick ?? parseDuration(d.rate_limit_tick),
    preemptive_unchoke: p.preemptive_unchoke ?? d.preemptive_unchoke,
    allowed_fast_set_size: p.allowed_fast_set_size ?? d.allowed_fast_set_size,
  };
}

function resolveGroup(g: ParsedGroup, maxTime: number, startupDelay: number): GroupConfig {
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
    startup_delay: g.startup_delay ?? startupDelay,
    super_seed: g.super_seed === true ? "libtorrent" : g.super_seed,
  };
}

export function resolveScenario(s: ParsedScenario): ScenarioConfig {
  const maxTime = s.stop.max_time;
  // A client's start-up is the swarm's (BitTorrent clients); the whole-file
  // modes start at once (an explicit startup_delay there is refused, checks.ts).
  const startupDelay =
    s.distribution === "bittorrent" ? parseDuration(PROFILES[s.protocol.profile].startup_delay) : 0;
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
    groups: s.groups.map((g) => resolveGroup(g, maxTime, startupDelay)),
    protocol: resolveProtocol(s.protocol),
    tracker: { ...s.tracker },
    network: {
      model: s.network.model,
      addresses: s.network.addresses,
      latency: { min: s.network.latency.min, max: s.network.latency.max },
    },
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
