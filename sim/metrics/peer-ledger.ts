import type { SwarmEvent, SwarmObserver, SwarmSnapshot } from "../observe/events.ts";

/** One peer's life as the outputs report it. */
export interface PeerRecord {
  readonly peer: number;
  readonly group: string;
  readonly behaviour: string;
  readonly initialSeed: boolean;
  readonly arrivalS: number;
  completionS: number | null;
  departureS: number | null;
  aborted: boolean;
  uploadedBytes: number;
  downloadedBytes: number;
  /** null where the distribution has no pieces (client-server, napster). */
  hashFailures: number | null;
  banned: boolean | null;
}

/** Collects every peer's arrival, completion and departure from the swarm's events. */
export class PeerLedger implements SwarmObserver {
  readonly records: PeerRecord[] = [];
  hashFailureEvents = 0;
  completions = 0;

  onEvent(e: SwarmEvent): void {
    switch (e.kind) {
      case "arrival":
        // Records are created at the end from the snapshot; remember only times here.
        this.arrivals.set(e.peer, e.timeS);
        return;
      case "completion":
        this.completions++;
        this.completed.set(e.peer, e.timeS);
        return;
      case "departure":
      case "abort":
        this.departed.set(e.peer, e.timeS);
        if (e.kind === "abort") this.aborts.add(e.peer);
        return;
      case "hash_failure":
        this.hashFailureEvents++;
        return;
      default:
        return;
    }
  }

  onEnd(s: SwarmSnapshot): void {
    const pieceLevel = s.pieceLevel ?? true;
    for (const info of s.peers) {
      const arrivalS = this.arrivals.get(info.id);
      if (arrivalS === undefined) continue; // never arrived before the run ended
      this.records.push({
        peer: info.id,
        group: info.groupName,
        behaviour: info.behaviour,
        initialSeed: info.initialSeed,
        arrivalS,
        completionS: info.initialSeed ? null : (this.completed.get(info.id) ?? null),
        departureS: this.departed.get(info.id) ?? null,
        aborted: this.aborts.has(info.id),
        uploadedBytes: s.uploadedBytes[info.id],
        downloadedBytes: s.downloadedBytes[info.id],
        hashFailures: pieceLevel ? s.hashFailures[info.id] : null,
        banned: pieceLevel ? s.banned[info.id] === 1 : null,
      });
    }
  }

  private readonly arrivals = new Map<number, number>();
  private readonly completed = new Map<number, number>();
  private readonly departed = new Map<number, number>();
  private readonly aborts = new Set<number>();
}
