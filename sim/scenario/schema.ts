/**
 * The scenario file's shape: types, units, enums, ranges and defaults of each
 * key on its own. Rules that relate keys to each other live in checks.ts;
 * defaults that depend on other keys are filled in resolve.ts.
 *
 * Defaults are written in the same units users write (`.prefault("30min")`),
 * so this file reads like the key reference in docs/scenarios.md.
 */
import * as z from "zod";
import { CHOKER_NAMES, SEED_CHOKER_NAMES } from "../protocol/choker/index.ts";
import { ADDRESS_MODES } from "../protocol/fast/addresses.ts";
import { PICKER_NAMES } from "../protocol/picker/index.ts";
import { BANDWIDTH_CLASSES } from "./bandwidth-classes.ts";
import { DEFAULT_PROFILE, PROFILE_NAMES } from "./profiles.ts";
import {
  count,
  duration,
  isPlainObject,
  oneOf,
  positiveCount,
  positiveDuration,
  positiveSize,
  probability,
  rate,
  strict,
} from "./schema-kit.ts";

const atArrival = strict({ at: duration() }).transform(({ at }) => ({ at }));
const flashArrival = strict({
  pattern: z.literal("flash"),
  over: duration(),
  start: duration().prefault("0s"),
}).transform(({ pattern, over, start }) => ({ pattern, over, start }));
const poissonArrival = strict({
  pattern: z.literal("poisson"),
  rate: z.number().positive(),
  /** Omitted: arrivals continue until stop.max_time (filled in by resolve). */
  until: duration().optional(),
  start: duration().prefault("0s"),
}).transform(({ pattern, rate, until, start }) => ({ pattern, rate, until, start }));
/** Guo et al. 2005: arrival rate initial_rate · 2^(−(t − start)/half_life), a Poisson process. */
const decayArrival = strict({
  pattern: z.literal("decay"),
  initial_rate: z.number().positive(),
  half_life: positiveDuration(),
  /** Omitted: arrivals continue until stop.max_time (filled in by resolve). */
  until: duration().optional(),
  start: duration().prefault("0s"),
}).transform(({ pattern, initial_rate, half_life, until, start }) => ({
  pattern,
  initial_rate,
  half_life,
  until,
  start,
}));

const ARRIVAL_SHAPES =
  "expected { at: 5s }, { pattern: flash, over: 60s }, { pattern: poisson, rate: 0.5, until: 2h } or { pattern: decay, initial_rate: 5, half_life: 2min, until: 30min }";

type ParsedArrival =
  | z.output<typeof atArrival>
  | z.output<typeof flashArrival>
  | z.output<typeof poissonArrival>
  | z.output<typeof decayArrival>;

const arrival = oneOf<ParsedArrival>((v) => {
  if (!isPlainObject(v)) return ARRIVAL_SHAPES;
  if (!("pattern" in v)) return atArrival;
  if (v.pattern === "flash") return flashArrival;
  if (v.pattern === "poisson") return poissonArrival;
  if (v.pattern === "decay") return decayArrival;
  return z.object({ pattern: z.enum(["flash", "poisson", "decay"]) }); // reports the bad pattern
});

/** `share`: the fraction of completers that seed at all; the others leave at once. */
const exponentialSeedTime = strict({
  exponential: positiveDuration(),
  share: probability().default(1),
}).transform(({ exponential, share }) => ({ exponential, share }));

const seedTime = oneOf<"never" | number | z.output<typeof exponentialSeedTime>>((v) => {
  if (v === "never") return z.literal("never");
  if (isPlainObject(v)) return exponentialSeedTime;
  return duration();
});

const bandwidthClass = z.enum(Object.keys(BANDWIDTH_CLASSES) as [string, ...string[]]);

const group = strict({
  name: z.string().min(1),
  count: count().default(1),
  start_as: z.enum(["seed", "leecher"]).default("leecher"),
  /** Fills upload/download from BANDWIDTH_CLASSES; explicit values still win. */
  class: bandwidthClass.nullable().default(null),
  upload: rate().optional(),
  download: rate().optional(),
  arrival: arrival.prefault({ at: 0 }),
  /** Omitted: 0 for leechers, never for initial seeds (resolve.ts). */
  seed_time: seedTime.optional(),
  behaviour: z.enum(["honest", "free-rider", "corrupt"]).default("honest"),
  abort_rate: z.number().min(0).default(0),
  crash_fraction: probability().default(0),
  /** Omitted: the profile's (resolve.ts). */
  startup_delay: duration().optional(),
  /** BEP 16 super-seeding (true = libtorrent's rule); only for groups that start as seeds (checks.ts). */
  super_seed: z.union([z.boolean(), z.enum(["strict", "libtorrent"])]).default(false),
});

const torrent = strict({
  /** Omitted only with `file:`; the .torrent supplies it later. */
  size: positiveSize().optional(),
  piece_size: positiveSize().prefault("256KiB"),
  block_size: positiveSize().prefault("16KiB"),
  file: z.string().min(1).nullable().default(null),
  /** Omitted: `${name}.bin` (resolve.ts). */
  name: z.string().min(1).optional(),
});

/** `auto` (libtorrent: max(1, slots / 5)) or a number of slots. */
const optimisticSlots = oneOf<number | "auto">((v) =>
  v === "auto" ? z.literal("auto") : positiveCount(),
);

/**
 * Keys marked "profile" are optional here: omitted, they take the value of
 * `protocol.profile` (profiles.ts), filled in by resolve.ts.
 */
const protocol = strict({
  profile: z.enum(PROFILE_NAMES).default(DEFAULT_PROFILE),
  picker: z.enum(PICKER_NAMES).default("rarest-first"),
  random_first_pieces: count().default(4),
  strict_priority: z.boolean().default(true),
  endgame: z.boolean().default(true),
  choker: z.enum(CHOKER_NAMES).optional(), // profile
  seed_choker: z.enum(SEED_CHOKER_NAMES).optional(), // profile
  unchoke_slots: count().optional(), // profile
  optimistic_slots: optimisticSlots.optional(), // profile
  optimistic_choice: z.enum(["random", "longest-waiting"]).optional(), // profile
  /** fixed: unchoke_slots always; rate-based: libtorrent's rate_based_choker and its choke schedule. */
  upload_slots: z.enum(["fixed", "rate-based"]).default("fixed"),
  rechoke_interval: positiveDuration().optional(), // profile
  optimistic_interval: positiveDuration().optional(), // profile
  snub_timeout: positiveDuration().prefault("60s"),
  max_connections: positiveCount().default(80),
  min_peers: count().default(20),
  max_peerlist: positiveCount().default(3000),
  inactivity_timeout: positiveDuration().prefault("10min"),
  pex: z.boolean().default(true),
  seeding_piece_quota: positiveCount().optional(), // profile
  seeding_min_unchoke: duration().optional(), // profile
  pipeline_depth: positiveCount().optional(), // profile
  request_queue_time: duration().optional(), // profile
  max_out_request_queue: positiveCount().optional(), // profile
  whole_pieces_threshold: duration().optional(), // profile
  message_overhead: z.boolean().optional(), // profile
  ip_overhead: z.boolean().optional(), // profile
  rate_limit_tick: duration().optional(), // profile
  preemptive_unchoke: z.boolean().optional(), // profile
  /** BEP 6 allowed-fast pieces per connection; 0 turns the Fast Extension off. */
  allowed_fast_set_size: count().optional(), // profile
});

const tracker = strict({
  interval: positiveDuration().prefault("30min"),
  min_interval: duration().prefault("5min"),
  numwant: count().default(50),
  expire: positiveDuration().prefault("45min"),
});

const faults = strict({
  corrupt: strict({
    group: z.string().min(1),
    fraction: probability(),
    probability: probability().default(1),
    pieces: z.array(count()).nullable().default(null),
  })
    .nullable()
    .default(null),
  link_corruption: probability().default(0),
  ban_after: positiveCount().default(3),
  smart_ban: z.boolean().default(true),
  tracker_outage: z.array(strict({ from: duration(), to: duration() })).default([]),
});

/** Used as the default output folder name, so it must be a safe file name. */
const scenarioName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only");

export const scenarioSchema = strict({
  name: scenarioName,
  seed: z.number().int().min(0),
  description: z.string().default(""),
  distribution: z.enum(["bittorrent", "client-server", "napster"]).default("bittorrent"),
  discovery: z.enum(["tracker", "dht", "both"]).default("tracker"),
  stop: strict({ max_time: positiveDuration().prefault("6h") }).prefault({}),
  torrent,
  groups: z.array(group).min(1),
  protocol: protocol.prefault({}),
  tracker: tracker.prefault({}),
  network: strict({
    model: z.enum(["block", "lean"]).default("block"),
    /** The peers' simulated IPv4 addresses (BEP 6's allowed-fast sets derive from them). */
    addresses: z.enum(ADDRESS_MODES).default("distinct"),
    latency: strict({
      min: duration().prefault("10ms"),
      max: duration().prefault("100ms"),
    }).prefault({}),
  }).prefault({}),
  faults: faults.prefault({}),
  integrity: strict({ hashing: z.enum(["full", "model", "auto"]).default("auto") }).prefault({}),
  metrics: strict({ sample_interval: positiveDuration().prefault("10s") }).prefault({}),
  client_server: strict({
    max_concurrent: positiveCount().nullable().default(null),
  }).prefault({}),
  napster: strict({
    upload_slots: positiveCount().default(4),
    retry: positiveDuration().prefault("10s"),
  }).prefault({}),
  dht: strict({
    k: positiveCount().default(8),
    alpha: positiveCount().default(3),
    bootstrap: positiveCount().default(3),
    timeout: positiveDuration().prefault("2s"),
    interval: positiveDuration().prefault("15min"),
    min_interval: positiveDuration().prefault("1min"),
  }).prefault({}),
});

export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ParsedGroup = ParsedScenario["groups"][number];
