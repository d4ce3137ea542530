/**
 * The replay trace: what the HTML viewer needs, recorded from swarm frames
 * and events, compact and deterministic. Defined once here and imported (as
 * types only) by the viewer in viz/replay.
 *
 * Frames are taken at the recorder's own pace, not at metrics.sample_interval
 * (whose 10 s gave a 7-minute flash crowd 45 frames): it asks the swarm for a
 * frame every BASE_FRAME_S, and each time it holds 2 × MAX_FRAMES it drops
 * every other frame and doubles its interval, so a run of any length ends
 * with between MAX_FRAMES and 2 × MAX_FRAMES evenly spaced frames, of which
 * MAX_FRAMES, evenly spread, are kept. Dropped frames hand their transfers to
 * the next kept one, so thinning never hides traffic. (Where the swarm offers
 * no frames, as client-server and Napster do not, frames are its samples.)
 *
 * Size stays bounded whatever the swarm: at most MAX_FRAMES frames, one byte
 * per peer per frame for progress (base64), piece availability aggregated into
 * at most HEAT_BINS bins (the minimum of each bin, so the rarest piece stays
 * visible) plus the rarest piece itself, the TOP_TRANSFERS busiest pairs per
 * frame and every transfer from an initial seed (the origin's traffic is what
 * a flash crowd hinges on), and at most MAX_EVENTS events (arrivals and
 * announces are thinned first).
 */
import type { SwarmEvent, SwarmObserver, SwarmSnapshot } from "../observe/events.ts";
import { piecesOnlyAtSeeds } from "./entropy.ts";

export const MAX_FRAMES = 300;
/** The first frame interval; it doubles as the run outgrows the frame budget. */
export const BASE_FRAME_S = 0.05;
export const HEAT_BINS = 128;
export const TOP_TRANSFERS = 200;
export const MAX_EVENTS = 5000;
export const EVENT_KINDS = [
  "arrival",
  "completion",
  "departure",
  "abort",
  "hash_failure",
  "ban",
  "announce",
  "announce_failed",
] as const;

export interface ReplayPeer {
  readonly group: number;
  readonly behaviour: string;
  readonly uploadBps: number;
  readonly downloadBps: number;
  readonly initialSeed: boolean;
  /** Final totals (the tooltip shows them). */
  readonly uploadedBytes: number;
  readonly downloadedBytes: number;
  readonly hashFailures: number;
  readonly banned: boolean;
}

export interface ReplayFrame {
  readonly timeS: number;
  /** base64 of one byte per peer: 0 = not in the swarm, 1..255 = present, progress (v−1)/254. */
  readonly progress: string;
  /** base64 of one byte per heat bin: the fewest copies of a piece in the bin (capped at 255). */
  readonly heat: string;
  /**
   * Transfers since the previous frame, flat [from, to, bytes/s, …]: the
   * TOP_TRANSFERS busiest pairs, then any other pair from an initial seed.
   */
  readonly transfers: readonly number[];
  readonly seeds: number;
  readonly leechers: number;
  readonly uploadBps: number;
  /** Bits per second uploaded by the initial seeds (the origin) since the previous frame. */
  readonly originBps: number;
  readonly utilization: number | null;
  /** The piece with the fewest copies among present peers (lowest index on ties), and its copies. */
  readonly rarestPiece: number;
  readonly rarestCopies: number;
  /** Pieces that no present leecher holds (timeseries.csv's pieces_only_at_seeds). */
  readonly onlyAtSeeds: number;
}

export interface ReplayTrace {
  readonly version: 2;
  readonly scenario: string;
  readonly seed: number;
  readonly pieceCount: number;
  /** Pieces per heat bin (the last bin may hold fewer). */
  readonly piecesPerBin: number;
  readonly groups: readonly string[];
  readonly peers: readonly ReplayPeer[];
  readonly frames: readonly ReplayFrame[];
  /** [time s, kind index into EVENT_KINDS, peer, other] */
  readonly events: readonly (readonly [number, number, number, number])[];
  /** [completion time s, download time s] of every leecher that completed. */
  readonly completions: readonly (readonly [number, number])[];
  /** Events dropped to respect MAX_EVENTS. */
  readonly eventsDropped: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

type Pairs = Map<number, [from: number, to: number, bytes: number]>;

/** A frame as recorded: cumulative counters, so any two frames give the rates between them. */
interface RawFrame {
  readonly timeS: number;
  readonly progress: Uint8Array;
  readonly heat: Uint8Array;
  readonly seeds: number;
  readonly leechers: number;
  readonly uploaded: number;
  readonly originUploaded: number;
  readonly capacityBitS: number;
  readonly rarestPiece: number;
  readonly rarestCopies: number;
  readonly onlyAtSeeds: number;
  /** Transfers since the previous raw frame (and those of dropped frames before it). */
  pairs: Pairs;
}

const pairKey = (from: number, to: number) => from * 1_000_003 + to;

function mergeInto(target: Pairs, source: Pairs): void {
  for (const [k, v] of source) {
    const cur = target.get(k);
    if (cur) cur[2] += v[2];
    else target.set(k, [v[0], v[1], v[2]]);
  }
}

export class ReplayRecorder implements SwarmObserver {
  private raw: RawFrame[] = [];
  /** Frame interval = BASE_FRAME_S × stride; doubles whenever raw holds 2 × MAX_FRAMES. */
  private stride = 1;
  /** The swarm offers frames: samples are then only for the metrics. */
  private framed = false;
  private pending: Pairs = new Map();
  private readonly events: [number, number, number, number][] = [];
  private readonly completions: [number, number][] = [];
  private readonly arrivals = new Map<number, number>();
  private eventsDropped = 0;
  private final: SwarmSnapshot | null = null;
  private pieceCount = 0;
  private initialSeeds: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly meta: { scenario: string; seed: number; groups: readonly string[] },
  ) {}

  onEvent(e: SwarmEvent): void {
    if (e.kind === "arrival") this.arrivals.set(e.peer, e.timeS);
    if (e.kind === "completion") {
      const arrived = this.arrivals.get(e.peer);
      if (arrived !== undefined)
        this.completions.push([round3(e.timeS), round3(e.timeS - arrived)]);
    }
    const thin = e.kind === "announce" || e.kind === "arrival";
    if (this.events.length >= MAX_EVENTS || (thin && this.events.length >= MAX_EVENTS / 2)) {
      this.eventsDropped++;
      return;
    }
    this.events.push([round3(e.timeS), EVENT_KINDS.indexOf(e.kind), e.peer, e.other]);
  }

  frameIntervalS(): number {
    return BASE_FRAME_S * this.stride;
  }

  onFrame(s: SwarmSnapshot): void {
    this.framed = true;
    this.record(s);
  }

  onSample(s: SwarmSnapshot): void {
    if (!this.framed) this.record(s);
  }

  onEnd(s: SwarmSnapshot): void {
    this.final = s;
    const last = this.raw[this.raw.length - 1];
    if (last === undefined || last.timeS !== round3(s.timeS)) this.record(s, true);
  }

  private record(s: SwarmSnapshot, atEnd = false): void {
    this.pieceCount = s.pieceCount;
    if (this.initialSeeds.length !== s.peers.length) {
      this.initialSeeds = Uint8Array.from(s.peers, (p) => (p.initialSeed ? 1 : 0));
    }
    const t = s.transfers;
    for (let i = 0; i < t.count; i++) {
      const key = pairKey(t.from[i], t.to[i]);
      const cur = this.pending.get(key);
      if (cur) cur[2] += t.bytes[i];
      else this.pending.set(key, [t.from[i], t.to[i], t.bytes[i]]);
    }
    if (round3(s.timeS) === this.raw[this.raw.length - 1]?.timeS) return;
    this.raw.push(this.rawFrame(s, this.trim(this.pending)));
    this.pending = new Map();
    if (!atEnd && this.raw.length >= 2 * MAX_FRAMES) this.thin();
  }

  /**
   * Drops every other frame, keeping the latest (so the next frame, one doubled
   * interval later, continues the even spacing); a dropped frame's transfers
   * go to the next frame.
   */
  private thin(): void {
    const kept: RawFrame[] = [];
    const n = this.raw.length;
    for (let i = 0; i < n; i++) {
      const f = this.raw[i];
      if ((n - 1 - i) % 2 === 0) kept.push(f);
      else mergeInto(this.raw[i + 1].pairs, f.pairs);
    }
    for (const f of kept) f.pairs = this.trim(f.pairs);
    this.raw = kept;
    this.stride *= 2;
  }

  /** Keeps the pairs a frame can show: the busiest few times TOP_TRANSFERS, and all from initial seeds. */
  private trim(pairs: Pairs): Pairs {
    const limit = 4 * TOP_TRANSFERS;
    if (pairs.size <= limit) return pairs;
    const sorted = [...pairs.entries()].sort((a, b) => b[1][2] - a[1][2] || a[0] - b[0]);
    const out: Pairs = new Map();
    sorted.forEach(([k, v], i) => {
      if (i < limit || this.initialSeeds[v[0]] === 1) out.set(k, v);
    });
    return out;
  }

  private rawFrame(s: SwarmSnapshot, pairs: Pairs): RawFrame {
    const n = s.peers.length;
    const progress = new Uint8Array(n);
    let seeds = 0;
    let leechers = 0;
    let uploaded = 0;
    let originUploaded = 0;
    for (let i = 0; i < n; i++) {
      uploaded += s.uploadedBytes[i];
      if (this.initialSeeds[i] === 1) originUploaded += s.uploadedBytes[i];
      if (s.present[i] !== 1) continue;
      const have = s.pieceCount > 0 ? s.piecesHave[i] / s.pieceCount : 1;
      // 255 is "seed": a leecher one piece short must not round up to it.
      progress[i] = have >= 1 ? 255 : Math.min(254, 1 + Math.round(have * 254));
      if (have >= 1) seeds++;
      else leechers++;
    }
    let rarestPiece = -1;
    let rarestCopies = 0;
    for (let p = 0; p < s.pieceCount; p++) {
      if (rarestPiece < 0 || s.availability[p] < rarestCopies) {
        rarestPiece = p;
        rarestCopies = s.availability[p];
      }
    }
    return {
      timeS: round3(s.timeS),
      progress,
      heat: this.heat(s),
      seeds,
      leechers,
      uploaded,
      originUploaded,
      capacityBitS: s.uploadCapacityBitSeconds ?? 0,
      rarestPiece,
      rarestCopies,
      onlyAtSeeds: s.pieceCount > 0 ? piecesOnlyAtSeeds(s) : 0,
      pairs,
    };
  }

  /** MAX_FRAMES of the raw frames, evenly spread; skipped frames hand their transfers on. */
  private frames(): ReplayFrame[] {
    const raw = this.raw;
    const picked: number[] = [];
    if (raw.length <= MAX_FRAMES) for (let i = 0; i < raw.length; i++) picked.push(i);
    else {
      for (let k = 0; k < MAX_FRAMES; k++) {
        picked.push(Math.round((k * (raw.length - 1)) / (MAX_FRAMES - 1)));
      }
    }
    const out: ReplayFrame[] = [];
    let prev: RawFrame | null = null;
    let from = 0;
    for (const i of picked) {
      const pairs: Pairs = new Map();
      for (let j = from; j <= i; j++) mergeInto(pairs, raw[j].pairs);
      from = i + 1;
      out.push(this.frame(raw[i], prev, pairs));
      prev = raw[i];
    }
    return out;
  }

  private frame(f: RawFrame, prev: RawFrame | null, pairs: Pairs): ReplayFrame {
    const dt = prev === null ? 0 : f.timeS - prev.timeS;
    const bytes = prev === null ? 0 : f.uploaded - prev.uploaded;
    const originBytes = prev === null ? 0 : f.originUploaded - prev.originUploaded;
    const capacity = prev === null ? 0 : f.capacityBitS - prev.capacityBitS;
    const sorted = [...pairs.values()].sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
    const transfers: number[] = [];
    sorted.forEach(([from, to, b], i) => {
      if (i < TOP_TRANSFERS || this.initialSeeds[from] === 1) {
        transfers.push(from, to, dt > 0 ? Math.round(b / dt) : 0);
      }
    });
    return {
      timeS: f.timeS,
      progress: toBase64(f.progress),
      heat: toBase64(f.heat),
      transfers,
      seeds: f.seeds,
      leechers: f.leechers,
      uploadBps: dt > 0 ? Math.round((bytes * 8) / dt) : 0,
      originBps: dt > 0 ? Math.round((originBytes * 8) / dt) : 0,
      utilization: dt > 0 && capacity > 0 ? round3((bytes * 8) / capacity) : null,
      rarestPiece: f.rarestPiece,
      rarestCopies: f.rarestCopies,
      onlyAtSeeds: f.onlyAtSeeds,
    };
  }

  private piecesPerBin(pieceCount: number): number {
    return Math.max(1, Math.ceil(pieceCount / HEAT_BINS));
  }

  private heat(s: SwarmSnapshot): Uint8Array {
    const per = this.piecesPerBin(s.pieceCount);
    const bins = Math.ceil(s.pieceCount / per);
    const out = new Uint8Array(bins);
    for (let b = 0; b < bins; b++) {
      let min = Number.POSITIVE_INFINITY;
      for (let p = b * per; p < Math.min(s.pieceCount, (b + 1) * per); p++) {
        min = Math.min(min, s.availability[p]);
      }
      out[b] = Math.min(255, min);
    }
    return out;
  }

  toTrace(): ReplayTrace {
    const s = this.final;
    const peers: ReplayPeer[] = [];
    if (s) {
      for (const info of s.peers) {
        peers.push({
          group: info.group,
          behaviour: info.behaviour,
          uploadBps: info.uploadBps,
          downloadBps: info.downloadBps,
          initialSeed: info.initialSeed,
          uploadedBytes: s.uploadedBytes[info.id],
          downloadedBytes: s.downloadedBytes[info.id],
          hashFailures: s.hashFailures[info.id],
          banned: s.banned[info.id] === 1,
        });
      }
    }
    return {
      version: 2,
      scenario: this.meta.scenario,
      seed: this.meta.seed,
      pieceCount: this.pieceCount,
      piecesPerBin: this.piecesPerBin(this.pieceCount),
      groups: this.meta.groups,
      peers,
      frames: this.frames(),
      events: this.events,
      completions: this.completions,
      eventsDropped: this.eventsDropped,
    };
  }
}
