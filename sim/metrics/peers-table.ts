import type { PeerRecord } from "./peer-ledger.ts";
import { round } from "./stats.ts";

export const PEERS_COLUMNS = [
  "peer",
  "group",
  "behaviour",
  "arrival_s",
  "completion_s",
  "departure_s",
  "uploaded_bytes",
  "downloaded_bytes",
  "hash_failures",
  "banned",
] as const;

/** peers.csv rows: one per peer that arrived, empty cells for "never". */
export function peerRows(records: readonly PeerRecord[]): (string | number)[][] {
  return records.map((r) => [
    r.peer,
    r.group,
    r.behaviour,
    round(r.arrivalS) ?? "",
    r.completionS === null ? "" : (round(r.completionS) ?? ""),
    r.departureS === null ? "" : (round(r.departureS) ?? ""),
    r.uploadedBytes,
    r.downloadedBytes,
    r.hashFailures ?? "",
    r.banned === null ? "" : r.banned ? 1 : 0,
  ]);
}
