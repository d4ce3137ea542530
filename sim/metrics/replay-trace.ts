/**
 * The replay trace: what the HTML viewer needs, recorded from swarm samples
 * and events, compact and deterministic. Defined once here and imported (as
 * types only) by the viewer in viz/replay.
 *
 * Size stays bounded whatever the swarm: at most MAX_FRAMES frames (samples
 * are thinned evenly, deterministically, as the run grows), one byte per peer
 * per frame for progress (base64), piece availability aggregated into at most
 * HEAT_BINS bins (the minimum of each bin, so the rarest piece stays visible),
 * the TOP_TRANSFERS busiest pairs per frame, and at most MAX_EVENTS events
 * (arrivals and announces are thinned first).
 */
import type { SwarmEvent, SwarmObserver, SwarmSnapshot } from "../observe/events.ts";

export const MAX_FRAMES = 300;
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
  /** Busiest transfers since the previous frame: flat [from, to, bytes/s, …]. */
  readonly transfers: readonly number[];
  readonly seeds: number;
  readonly leechers: number;
  readonly uploadBps: number;
  readonly utilization: number | null;
}

export interface ReplayTrace {
  readonly version: 1;
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

export class ReplayRecorder implements SwarmObserver {
  private frames: ReplayFrame[] = [];
  /** Keep one sample in `stride`; doubles whenever the frame list would exceed MAX_FRAMES. */
  private stride = 1;
  private sampleIndex = 0;
  private readonly events: [number, number, number, number][] = [];
  private readonly completions: [number, number][] = [];
  private readonly arrivals = new Map<number, number>();
  private eventsDropped = 0;
  private lastTimeS = -1;
  private lastUploaded = 0;
  private lastCapacityBitS = 0;
  private pendingPairs = new Map<number, [number, number, number]>();
  private final: SwarmSnapshot | null = null;
  private peerCount = 0;
  private pieceCount = 0;

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

  onSample(s: SwarmSnapshot): void {
    if (s.timeS === this.lastTimeS) return;
    this.peerCount = s.peers.length;
    this.pieceCount = s.pieceCount;
    // Transfers accumulate between kept frames, so thinning never hides traffic.
    const t = s.transfers;
    for (let i = 0; i < t.count; i++) {
      const key = t.from[i] * 1_000_003 + t.to[i];
      const cur = this.pendingPairs.get(key);
      if (cur) cur[2] += t.bytes[i];
      else this.pendingPairs.set(key, [t.from[i], t.to[i], t.bytes[i]]);
    }
    const keep = this.sampleIndex++ % this.stride === 0;
    if (!keep) return;
    this.frames.push(this.frame(s));
    if (this.frames.length > MAX_FRAMES) {
      this.frames = this.frames.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  onEnd(s: SwarmSnapshot): void {
    this.final = s;
    if (this.frames.length === 0 || this.frames[this.frames.length - 1].timeS !== s.timeS) {
      this.frames.push(this.frame(s));
    }
  }

  private frame(s: SwarmSnapshot): ReplayFrame {
    const n = s.peers.length;
    const progress = new Uint8Array(n);
    let seeds = 0;
    let leechers = 0;
    let uploaded = 0;
    for (let i = 0; i < n; i++) {
      uploaded += s.uploadedBytes[i];
      if (s.present[i] !== 1) continue;
      const have = s.pieceCount > 0 ? s.piecesHave[i] / s.pieceCount : 1;
      progress[i] = 1 + Math.round(have * 254);
      if (have >= 1) seeds++;
      else leechers++;
    }
    const dt = this.lastTimeS < 0 ? 0 : s.timeS - this.lastTimeS;
    const bytes = uploaded - this.lastUploaded;
    const capacity = (s.uploadCapacityBitSeconds ?? 0) - this.lastCapacityBitS;
    const pairs = [...this.pendingPairs.values()].sort(
      (a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1],
    );
    const transfers: number[] = [];
    for (const [from, to, b] of pairs.slice(0, TOP_TRANSFERS)) {
      transfers.push(from, to, dt > 0 ? Math.round(b / dt) : 0);
    }
    this.pendingPairs = new Map();
    this.lastTimeS = s.timeS;
    this.lastUploaded = uploaded;
    this.lastCapacityBitS = s.uploadCapacityBitSeconds ?? 0;
    return {
      timeS: round3(s.timeS),
      progress: toBase64(progress),
      heat: toBase64(this.heat(s)),
      transfers,
      seeds,
      leechers,
      uploadBps: dt > 0 ? Math.round((bytes * 8) / dt) : 0,
      utilization: dt > 0 && capacity > 0 ? round3((bytes * 8) / capacity) : null,
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
    void this.peerCount;
    return {
      version: 1,
      scenario: this.meta.scenario,
      seed: this.meta.seed,
      pieceCount: this.pieceCount,
      piecesPerBin: this.piecesPerBin(this.pieceCount),
      groups: this.meta.groups,
      peers,
      frames: this.frames,
      events: this.events,
      completions: this.completions,
      eventsDropped: this.eventsDropped,
    };
  }
}
